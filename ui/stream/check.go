package stream

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Exit statuses of -check (a contract: scripts rely on them).
const (
	CheckLoggedIn    = 0
	CheckNotLoggedIn = 1
	CheckCannotCheck = 3
)

// Check is the -check view: one line (JSON with asJSON) on w saying what
// session.Check found, and the exit status it amounts to.
func Check(w io.Writer, locale string, a passport.Account, err error, asJSON bool) int {
	code, line := CheckLoggedIn, ""
	switch {
	case err == nil:
		line = "logged in as " + ui.AccountLabel(passport.DefaultLocale, a)
	case errors.Is(err, passport.ErrNotLoggedIn):
		code, line = CheckNotLoggedIn, "not logged in: the saved session has expired or was logged out"
	case passport.KindOf(err) == passport.KindFile:
		code, line = CheckNotLoggedIn, "not logged in: "+ui.Describe(passport.DefaultLocale, err)
	default:
		// Inconclusive (PROTOCOL.md §4): 10023006, 10004004, an unknown
		// code, no answer. The session may well be good: never exit 1.
		code, line = CheckCannotCheck, "could not check: "+ui.UnverifiedReason(passport.DefaultLocale, err)
	}
	if !asJSON {
		fmt.Fprintln(w, line)
		return code
	}
	out := map[string]any{"logged_in": code == CheckLoggedIn, "message": line}
	if code == CheckLoggedIn {
		out["mid"], out["name"] = a.Mid, a.Name
	}
	if code == CheckCannotCheck {
		out["logged_in"] = nil // unknown
		out["reason"] = passport.KindOf(err).String()
		if c := passport.CodeOf(err); c != 0 {
			out["code"] = c
		}
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(w, string(b))
	return code
}

// Logout is the -logout view of what session.Logout did with path: a line
// on stdout when the session was ended and the file removed, else the
// reason on stderr. It returns the exit status: 0 logged out, 1 not.
func Logout(stdout, stderr io.Writer, locale, path string, err error) int {
	shown := ui.SanitizeText(path, 300)
	if err != nil {
		fmt.Fprintf(stderr, "biliqr: logout failed; %s was kept: %s\n", shown, ui.Describe(passport.DefaultLocale, err))
		return 1
	}
	fmt.Fprintf(stdout, "logged out of bilibili.tv; removed %s\n", shown)
	return 0
}

// WarnLooseMode says on w, as ssh does for a private key, that other users
// can read the session file at path (mode perm), and how to fix it.
func WarnLooseMode(w io.Writer, path string, perm uint32) {
	fmt.Fprintf(w, "biliqr: warning: other users can read %s (mode %04o), and it holds your login; run chmod 600 on it (biliqr writes it 0600 when it next saves)\n",
		ui.SanitizeText(path, 300), perm)
}
