package stream

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
)

// Exit statuses of -check (a contract: scripts rely on them).
const (
	CheckLoggedIn    = 0
	CheckNotLoggedIn = 1
	CheckCannotCheck = 3
)

// A checkReason is one way a -check can find no usable session: the JSON
// reason (stable, for scripts: "logged_in": false, or null when it could
// not check), the exit status and the line.
type checkReason struct {
	match  func(error) bool
	reason string
	exit   int
	line   func(locale, path string, err error) string
}

// checkReasons is the one table of what -check says when the session is
// not good, first match first. New findings are rows here: issue 18's
// cookies expired by date (session_expired) and -check -within (expiring)
// slot in before not_logged_in.
var checkReasons = []checkReason{
	{match: func(err error) bool { return errors.Is(err, session.ErrNoSession) }, reason: "no_session", exit: CheckNotLoggedIn,
		line: func(l, path string, _ error) string { return ui.T(l, ui.TextCheckNoSession, path) }},
	{match: func(err error) bool { return errors.Is(err, session.ErrDemoSession) }, reason: "demo_session", exit: CheckNotLoggedIn,
		line: func(l, path string, _ error) string { return ui.T(l, ui.TextCheckDemo, path) }},
	{match: func(err error) bool { return passport.KindOf(err) == passport.KindNotLoggedIn }, reason: "not_logged_in", exit: CheckNotLoggedIn,
		line: func(l, path string, _ error) string { return ui.T(l, ui.TextCheckExpired, path) }},
	{match: func(err error) bool { return passport.KindOf(err) == passport.KindFile }, reason: "file", exit: CheckNotLoggedIn,
		line: func(l, _ string, err error) string { return ui.T(l, ui.TextCheckFile, ui.Describe(l, err)) }},
}

// cannotCheck is everything else (protocol.md §4): 10023006, 10004004, an
// unknown code, no answer. The session may well be good: never exit 1.
// The reason is the error's kind, as -json's error fields carry it.
func cannotCheck(l string, err error) (reason, line string) {
	return passport.KindOf(err).String(), ui.T(l, ui.TextCheckCannot, ui.MidSentence(ui.UnverifiedReason(l, err)))
}

// Check is the -check view: one line (JSON with asJSON) on w saying what
// session.Check found for the file at path, in the language of locale,
// and the exit status it amounts to.
func Check(w io.Writer, locale, path string, a passport.Account, err error, asJSON bool) int {
	shown := ui.SanitizeText(path, 300)
	code, reason, line := CheckLoggedIn, "", ""
	switch {
	case err == nil:
		line = ui.T(locale, ui.TextCheckLoggedIn, ui.AccountLabel(locale, a))
	default:
		code = CheckCannotCheck
		reason, line = cannotCheck(locale, err)
		for _, r := range checkReasons {
			if r.match(err) {
				code, reason, line = r.exit, r.reason, r.line(locale, shown, err)
				break
			}
		}
	}
	if !asJSON {
		fmt.Fprintln(w, line)
		return code
	}
	out := map[string]any{"logged_in": code == CheckLoggedIn, "message": line, "saved_to": path}
	switch code {
	case CheckLoggedIn:
		out["mid"], out["name"] = a.Mid, a.Name
	case CheckCannotCheck:
		out["logged_in"] = nil // unknown
		out["reason"] = reason
		if c := passport.CodeOf(err); c != 0 {
			out["code"] = c
		}
	default:
		out["reason"] = reason
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(w, string(b))
	return code
}

// Logout is the -logout view of what session.Logout did with path: a line
// on stdout when the session was ended and the file removed (demo: the
// built-in fake's session, not bilibili.tv's), else the reason on stderr.
// It returns the exit status: 0 logged out, 1 not.
func Logout(stdout, stderr io.Writer, locale, path string, demo bool, err error) int {
	shown := ui.SanitizeText(path, 300)
	if err != nil {
		fmt.Fprintln(stderr, ui.T(locale, ui.TextLogoutFailed, shown, ui.MidSentence(ui.Describe(locale, err))))
		return 1
	}
	done := ui.TextLogoutDone
	if demo {
		done = ui.TextLogoutDemo
	}
	fmt.Fprintln(stdout, ui.T(locale, done, shown))
	return 0
}
