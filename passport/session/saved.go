package session

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/biliqr/biliqr/passport"
)

// ErrNoSession: there is no saved session file at the path.
var ErrNoSession error = noSession{}

// Verifier checks and ends a session; *passport.Client is one.
type Verifier interface {
	LoadCookies([]passport.Cookie)
	Verify(ctx context.Context, locale string) (passport.Account, error)
	Logout(ctx context.Context, locale string) error
	Cookies() []passport.Cookie
}

// Load reads the session at path into c, ready to verify or end. Use a
// client of its own: these cookies must not mix with a new login's.
func Load(c Verifier, path string) (passport.Session, error) {
	s, _, err := ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return s, fmt.Errorf("%w at %s", ErrNoSession, path)
		}
		return s, err
	}
	c.LoadCookies(s.Cookies)
	if len(c.Cookies()) == 0 {
		if demoOnly(s) {
			return s, &FileError{Op: "read", Path: path, Err: ErrDemoSession}
		}
		return s, &FileError{Op: "read", Path: path, Err: fmt.Errorf("%w: no usable bilibili.tv cookie in it", ErrCorrupt)}
	}
	return s, nil
}

// Check verifies the session saved at path. It returns the account when the
// server says it is logged in; passport.ErrNotLoggedIn when it is not; a
// read error for a missing, unreadable or corrupt file; other errors when it
// could not be checked (network, server).
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
	return a, nil
}

// Logout ends the session saved at path on the server and then removes the
// file. The file is kept when the server does not confirm: the session may
// still be live, and the file is the only way to end it later.
func Logout(ctx context.Context, c Verifier, path, locale string) error {
	if _, err := Load(c, path); err != nil {
		return err
	}
	if err := c.Logout(ctx, locale); err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &FileError{Op: "remove", Path: path, Err: err}
	}
	return nil
}
