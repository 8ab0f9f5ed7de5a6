package stream

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
)

// Exit statuses of -check (a contract: scripts rely on them).
const (
	CheckLoggedIn    = 0
	CheckNotLoggedIn = 1 // also: ends within -within (reason expiring)
	CheckCannotCheck = 3
)

// Check is the -check view: one line (JSON with asJSON) on w saying what
// session.Check found, with when the session ends, and the exit status it
// amounts to. within > 0 is -check -within: a session that ends sooner is
// exit 1, reason "expiring".
func Check(w io.Writer, locale string, a passport.Account, err error, asJSON bool, within time.Duration) int {
	en := passport.DefaultLocale
	var expired *session.ExpiredError
	code, line, reason := CheckLoggedIn, "", ""
	switch {
	case err == nil && within > 0 && a.Expires.IsZero():
		code, line, reason = CheckCannotCheck, "could not check: logged in as "+ui.AccountLabel(en, a)+", but the saved session does not say when it ends", "expiry_unknown"
	case err == nil && within > 0 && session.Expiring(a.Expires, within):
		code, reason = CheckNotLoggedIn, "expiring"
		line = "expiring: logged in as " + ui.AccountLabel(en, a) + ", but " + ui.T(en, ui.TextSessionEnds, ui.Date(a.Expires)) + ", within " + ui.Within(within)
	case err == nil:
		line = "logged in as " + ui.AccountLabel(en, a) + ui.EndsSuffix(en, a.Expires)
	case errors.As(err, &expired):
		code, line, reason = CheckNotLoggedIn, "not logged in: "+ui.T(en, ui.TextSessionExpiredOn, ui.Date(expired.At)), "expired"
		a.Expires = expired.At
	case errors.Is(err, passport.ErrNotLoggedIn):
		code, line = CheckNotLoggedIn, "not logged in: the saved session has expired or was logged out"
	case passport.KindOf(err) == passport.KindFile:
		code, line = CheckNotLoggedIn, "not logged in: "+ui.Describe(en, err)
	default:
		// Inconclusive (PROTOCOL.md §4): 10023006, 10004004, an unknown
		// code, no answer. The session may well be good: never exit 1.
		code, line = CheckCannotCheck, "could not check: "+ui.UnverifiedReason(en, err)
	}
	if !asJSON {
		fmt.Fprintln(w, line)
		return code
	}
	out := map[string]any{"logged_in": err == nil, "message": line}
	if err == nil {
		out["mid"], out["name"] = a.Mid, a.Name
	}
	if !a.Expires.IsZero() {
		out["expires_at"] = a.Expires.UTC().Format(time.RFC3339)
	}
	if reason != "" {
		out["reason"] = reason
	}
	if code == CheckCannotCheck && err != nil {
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

// Logout is the -logout view of what session.Logout did with path (removed:
// the file itself went): a line on stdout when the session was ended, else
// the reason on stderr. It returns the exit status: 0 logged out, 1 not.
func Logout(stdout, stderr io.Writer, locale, path string, removed bool, err error) int {
	shown := ui.ShowPath(path, ui.MaxPathShown)
	var ended *session.EndedError
	var expired *session.ExpiredError
	switch {
	case errors.Is(err, session.ErrNoSession):
		fmt.Fprintf(stderr, "biliqr: nothing to log out: no saved session at %s\n", shown)
	case errors.As(err, &expired):
		fmt.Fprintf(stderr, "biliqr: nothing to log out: %s; %s was kept\n", ui.T(passport.DefaultLocale, ui.TextSessionExpiredOn, ui.Date(expired.At)), shown)
	case errors.Is(err, session.ErrNothingSent):
		fmt.Fprintf(stderr, "biliqr: not logged out: %v (%s was kept)\n", err, shown)
	case errors.As(err, &ended):
		fmt.Fprintf(stderr, "biliqr: logged out of bilibili.tv, but %s\n", ui.FileReason(ended))
	case err != nil:
		fmt.Fprintf(stderr, "biliqr: logout failed; %s was kept: %s\n", shown, ui.Describe(passport.DefaultLocale, err))
	case removed:
		fmt.Fprintf(stdout, "logged out of bilibili.tv; removed %s\n", shown)
		return 0
	default:
		fmt.Fprintf(stdout, "logged out of bilibili.tv; removed the session's cookies from %s (it holds other sites' cookies, which were kept)\n", shown)
		return 0
	}
	return 1
}
