package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// ErrNoSession means there is no saved session file at the path.
var ErrNoSession error = noSession{}

// ErrNoSessionCookies means the file holds no cookie of the trusted domains (a
// shared jar of other sites only).
var ErrNoSessionCookies = errors.New("holds no bilibili.tv session")

// ErrNothingSent means no saved cookie applies to the logout request (by
// domain, path, host-only and Secure, as when it is sent), so the server
// could not end the session; nothing was removed.
var ErrNothingSent = errors.New("no saved cookie would be sent with the logout request, so the server cannot end that session; nothing was removed")

// ExpiredError says the saved session's cookies have expired by date. It is a
// "not logged in" (errors.Is ErrNotLoggedIn), never a corrupt file.
type ExpiredError struct {
	Path string
	At   time.Time // when it ended
}

func (e *ExpiredError) Error() string {
	return fmt.Sprintf("the saved session in %s expired on %s", e.Path, e.At.Local().Format(time.DateOnly))
}

// Is makes an expired session a passport.ErrNotLoggedIn.
func (e *ExpiredError) Is(target error) bool { return target == passport.ErrNotLoggedIn }

// Kind is KindNotLoggedIn: expired is not logged in.
func (e *ExpiredError) Kind() passport.Kind { return passport.KindNotLoggedIn }

// EndedError says the server ended the session, but the file could not be
// removed (or the session's lines taken out of a shared jar).
type EndedError struct {
	Path string
	Err  error
}

func (e *EndedError) Error() string { return e.Display(func(p string) string { return p }) }

// Display is Error with the path as path makes it (see FileError.Display).
func (e *EndedError) Display(path func(string) string) string {
	return fmt.Sprintf("the session was ended on the server, but %s is still there because it could not be changed: %s", path(e.Path), e.Reason(path))
}

// Reason is why the file could not be changed, with each path as path
// makes it.
func (e *EndedError) Reason(path func(string) string) string {
	var fe *FileError
	if errors.As(e.Err, &fe) {
		return describe(fe.Err, path)
	}
	return describe(e.Err, path)
}

func (e *EndedError) Unwrap() error { return e.Err }

// Kind is KindFile, as the file is what is left to fix.
func (e *EndedError) Kind() passport.Kind { return passport.KindFile }

// Verifier checks and ends a session; *passport.Client is one.
type Verifier interface {
	LoadCookies([]passport.Cookie)
	Verify(ctx context.Context, locale string) (passport.Account, error)
	Logout(ctx context.Context, locale string) error
	Cookies() []passport.Cookie
	TrustsCookieDomain(domain string) bool
	LogoutSends(locale string) bool
}

// now is the clock of the expiry checks; tests move it.
var now = time.Now

// Load reads the session at path into c, ready to verify or end. Use a
// client of its own: these cookies must not mix with a new login's. A file
// whose session has ended by date is an *ExpiredError (not a corrupt
// file); one without any cookie of the trusted domains is
// ErrNoSessionCookies.
func Load(c Verifier, path string) (passport.Session, error) {
	var s passport.Session
	// What a save would refuse to replace is no session of ours to check or
	// end either (a -logout must never remove someone else's file).
	_, data, err := inspect(path, c.TrustsCookieDomain)
	switch {
	case err != nil:
		return s, err
	case data == nil:
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return s, fmt.Errorf("%w at %s", ErrNoSession, path)
		}
	}
	if s, _, err = Decode(data); err != nil {
		return s, &FileError{Op: "read", Path: path, Err: err}
	}
	var ours []passport.Cookie
	for _, ck := range s.Cookies {
		// A header-format cookie names no domain: it is the session's.
		if ck.Domain == "" || c.TrustsCookieDomain(ck.Domain) {
			ours = append(ours, ck)
		}
	}
	if len(ours) == 0 {
		if demoOnly(s) {
			return s, &FileError{Op: "read", Path: path, Err: ErrDemoSession}
		}
		return s, &FileError{Op: "read", Path: path, Err: ErrNoSessionCookies}
	}
	if at, ok := expiredAt(ours, now()); ok {
		return s, &ExpiredError{Path: path, At: at}
	}
	c.LoadCookies(ours)
	if len(c.Cookies()) == 0 {
		return s, &FileError{Op: "read", Path: path, Err: fmt.Errorf("%w: no usable bilibili.tv cookie in it", ErrCorrupt)}
	}
	s.Cookies = ours
	return s, nil
}

// expiredAt says whether a session of these cookies has ended by date at
// t, and when: its SESSDATA or bili_jct has (SessionExpires), or every one
// of its cookies has (then the latest of them is the date).
func expiredAt(cs []passport.Cookie, t time.Time) (time.Time, bool) {
	if end := passport.SessionExpires(cs); !end.IsZero() && !end.After(t) {
		return end, true
	}
	var latest time.Time
	for _, c := range cs {
		if c.Expires.IsZero() || c.Expires.After(t) {
			return time.Time{}, false // a session cookie or one still valid
		}
		if c.Expires.After(latest) {
			latest = c.Expires
		}
	}
	return latest, true
}

// Check verifies the session saved at path. It returns the account, with
// when the session ends (Account.Expires), when the server says it is
// logged in; passport.ErrNotLoggedIn (an *ExpiredError when it ended by
// date) when it is not; a read error for a missing, unreadable or corrupt
// file; other errors when it could not be checked (network, server).
func Check(ctx context.Context, c Verifier, path, locale string) (passport.Account, error) {
	s, err := Load(c, path)
	if err != nil {
		return passport.Account{}, err
	}
	a, err := c.Verify(ctx, locale)
	if err != nil {
		return a, err
	}
	// The gateway's reply may lack what the file knows.
	if a.Mid == 0 {
		a.Mid = s.Mid
	}
	if a.Name == "" {
		a.Name = s.Name
	}
	a.Expires = passport.SessionExpires(c.Cookies())
	return a, nil
}

// Expiring says whether a session that ends at end ends within d of now.
// An unknown end (zero) is not expiring.
func Expiring(end time.Time, d time.Duration) bool {
	return !end.IsZero() && end.Before(now().Add(d))
}

// Logout ends the session saved at path on the server and then takes it out
// of the file: the file is removed, except for a shared jar, which keeps
// the other sites' lines (removed says whether the file went). The file is
// kept when the server does not confirm — the session may still be live,
// and the file is the only way to end it later — and when no saved cookie
// would be sent with the request (ErrNothingSent). A failure to remove
// after the server ended the session is an *EndedError.
func Logout(ctx context.Context, c Verifier, path, locale string) (removed bool, err error) {
	if _, err := Load(c, path); err != nil {
		return false, err
	}
	if !c.LogoutSends(locale) {
		return false, ErrNothingSent
	}
	if err := c.Logout(ctx, locale); err != nil {
		return false, err
	}
	removed, err = removeSession(ctx, path, c.TrustsCookieDomain)
	if err != nil {
		return false, &EndedError{Path: path, Err: err}
	}
	return removed, nil
}

// ExpiredAt is when the session ended; the model reads it through an
// interface, to say the date without knowing this package.
func (e *ExpiredError) ExpiredAt() time.Time { return e.At }
