package stream

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// A checkReason is one way a -check can find no usable session: the JSON
// reason (stable, for scripts: "logged_in": false, or null when it could
// not check), the exit status and the line.
type checkReason struct {
	match  func(error) bool
	reason string
	exit   exit.Status
	line   func(locale, path string, err error) string
}

// checkReasons is the one table of what -check says when the session is
// not good, first match first: a new finding is one more row.
var checkReasons = []checkReason{
	{match: func(err error) bool { return errors.Is(err, session.ErrNoSession) }, reason: "no_session", exit: exit.Failed,
		line: func(l, path string, _ error) string { return i18n.T(l, i18n.TextCheckNoSession, path) }},
	{match: func(err error) bool { return errors.Is(err, session.ErrDemoSession) }, reason: "demo_session", exit: exit.Failed,
		line: func(l, path string, _ error) string { return i18n.T(l, i18n.TextCheckDemo, path) }},
	{match: func(err error) bool { var e *session.ExpiredError; return errors.As(err, &e) }, reason: "expired", exit: exit.Failed,
		line: func(l, _ string, err error) string {
			var e *session.ExpiredError
			errors.As(err, &e)
			return i18n.T(l, i18n.TextCheckFile, i18n.T(l, i18n.TextSessionExpiredOn, i18n.Date(e.At)))
		}},
	{match: func(err error) bool { return passport.KindOf(err) == passport.KindNotLoggedIn }, reason: "not_logged_in", exit: exit.Failed,
		line: func(l, path string, _ error) string { return i18n.T(l, i18n.TextCheckExpired, path) }},
	// a file a login would refuse too: no "run biliqr to log in again"
	{match: refusedFile, reason: "file", exit: exit.Failed,
		line: func(l, _ string, err error) string { return i18n.T(l, i18n.TextCheckFileKept, ui.Describe(l, err)) }},
	{match: func(err error) bool { return passport.KindOf(err) == passport.KindFile }, reason: "file", exit: exit.Failed,
		line: func(l, _ string, err error) string { return i18n.T(l, i18n.TextCheckFile, ui.Describe(l, err)) }},
}

// refusedFile: what is at the path is no session file a login may replace.
func refusedFile(err error) bool {
	return errors.Is(err, session.ErrForeign) || errors.Is(err, session.ErrLargeJar) || errors.Is(err, session.ErrLargeFile)
}

// cannotCheck is everything else (PROTOCOL.md §4): 10023006, 10004004, an
// unknown code, no answer. The session may well be good: never exit 1.
// The reason is the error's kind, as -json's error fields carry it.
func cannotCheck(l string, err error) (reason, line string) {
	return passport.KindOf(err).String(), i18n.T(l, i18n.TextCheckCannot, ui.MidSentence(ui.UnverifiedReason(l, err)))
}

// Check is the -check view: one line (JSON with asJSON) on w saying what
// session.Check found for the file at path, with when the session ends,
// in the language of locale, and the exit status it amounts to. within > 0
// is -check -within: a session that ends sooner is exit 1, reason
// "expiring".
func Check(w io.Writer, locale, path string, a passport.Account, err error, asJSON bool, within time.Duration) exit.Status {
	shown := ui.SanitizeText(path, 300)
	code, reason, line := exit.OK, "", ""
	who := ui.AccountLabel(locale, a)
	switch {
	case err == nil && within > 0 && a.Expires.IsZero():
		code, line, reason = exit.CannotCheck, i18n.T(locale, i18n.TextCheckExpiryUnknown, who), "expiry_unknown"
	case err == nil && within > 0 && session.Expiring(a.Expires, within):
		code, reason = exit.Failed, "expiring"
		line = i18n.T(locale, i18n.TextCheckExpiring, who, i18n.Date(a.Expires), i18n.Within(within))
	case err == nil:
		// who, until when, what it can do, and where it is: "where is my
		// session?" answered as gh auth status does
		line = i18n.Clauses(locale, i18n.T(locale, i18n.TextCheckLoggedIn, who)+i18n.EndsSuffix(locale, a.Expires),
			ui.PremiumClause(locale, a.Premium), i18n.T(locale, i18n.TextSessionAt, ui.ShowPath(path, ui.MaxPathShown)))
	default:
		code = exit.CannotCheck
		reason, line = cannotCheck(locale, err)
		for _, r := range checkReasons {
			if r.match(err) {
				code, reason, line = r.exit, r.reason, r.line(locale, shown, err)
				break
			}
		}
		var expired *session.ExpiredError
		if errors.As(err, &expired) {
			a.Expires = expired.At
		}
	}
	if !asJSON {
		fmt.Fprintln(w, line)
		return code
	}
	out := map[string]any{"logged_in": err == nil, "message": line, "saved_to": path}
	if err == nil {
		out["mid"], out["name"] = a.Mid, a.Name
		if p := ui.PremiumJSON(a.Premium); p != nil {
			out["premium"] = *p
		}
	}
	if !a.Expires.IsZero() {
		out["expires_at"] = a.Expires.UTC().Format(time.RFC3339)
	}
	if reason != "" {
		out["reason"] = reason
	}
	if code == exit.CannotCheck && err != nil {
		out["logged_in"] = nil // unknown
		if c := passport.CodeOf(err); c != 0 {
			out["code"] = c
		}
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(w, string(b))
	return code
}

// Logout is the -logout view of what session.Logout did with path (removed:
// the file itself went): a line on stdout when the session was ended (demo:
// the built-in fake's session, not bilibili.tv's), else the reason on
// stderr, in the language of locale, as every line of -check and -logout
// is. It returns the exit status: 0 logged out, 1 not.
func Logout(stdout, stderr io.Writer, locale, path string, demo, removed bool, err error) exit.Status {
	shown := ui.ShowPath(path, ui.MaxPathShown)
	var ended *session.EndedError
	var expired *session.ExpiredError
	switch {
	case errors.Is(err, session.ErrNoSession):
		fmt.Fprintln(stderr, i18n.T(locale, i18n.TextLogoutNoSession, shown))
	case errors.As(err, &expired):
		fmt.Fprintln(stderr, i18n.T(locale, i18n.TextLogoutExpired, i18n.Date(expired.At), shown))
	case errors.Is(err, session.ErrNothingSent):
		fmt.Fprintln(stderr, i18n.T(locale, i18n.TextLogoutNothingSent, err.Error(), shown))
	case errors.As(err, &ended):
		short := func(p string) string { return ui.ShowPath(p, ui.MaxPathShown) }
		fmt.Fprintln(stderr, i18n.T(locale, i18n.TextLogoutEndedBut, shown, ui.SanitizeText(ended.Reason(short), 0)))
	case err != nil:
		fmt.Fprintln(stderr, i18n.T(locale, i18n.TextLogoutFailed, shown, ui.MidSentence(ui.Describe(locale, err))))
	case removed:
		done := i18n.TextLogoutDone
		if demo {
			done = i18n.TextLogoutDemo
		}
		fmt.Fprintln(stdout, i18n.T(locale, done, shown))
		return exit.OK
	default:
		fmt.Fprintln(stdout, i18n.T(locale, i18n.TextLogoutShared, shown))
		return exit.OK
	}
	return exit.Failed
}

// WarnLooseMode is -check's warning, on w, about a session file that other
// users may read (as ssh warns about a private key), saying what it holds.
func WarnLooseMode(w io.Writer, locale, path string, trusted func(domain string) bool) {
	perm, loose := session.LooseMode(path)
	if !loose {
		return
	}
	holds := i18n.TextHoldsLogin
	if t, err := session.Inspect(path, trusted); err == nil && t.Shared() {
		holds = i18n.TextHoldsLoginShared
	}
	fmt.Fprintln(w, i18n.T(locale, i18n.TextLooseWarning, ui.ShowPath(path, ui.MaxPathShown), fmt.Sprintf("%04o", perm), i18n.T(locale, holds)))
}
