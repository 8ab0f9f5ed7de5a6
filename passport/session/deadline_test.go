package session

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// A session file whose read never ends (/proc/kmsg, a hung mount) gets a
// clear error when ReadTimeout runs out, for -check and -logout alike.
func TestReadFileDeadline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(path, []byte("# Netscape HTTP Cookie File\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	oldRead, oldTimeout := readAll, ReadTimeout
	t.Cleanup(func() { readAll, ReadTimeout = oldRead, oldTimeout })
	readAll = func(io.Reader) ([]byte, error) { <-release; return nil, nil }
	ReadTimeout = 50 * time.Millisecond

	start := time.Now()
	_, err := Check(context.Background(), nopVerifier{}, path, "en_US")
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("Check took %v", d)
	}
	var fe *FileError
	if !errors.Is(err, ErrReadTimeout) || !errors.As(err, &fe) || passport.KindOf(err) != passport.KindFile {
		t.Fatalf("err %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "cannot read "+path+": reading it did not finish after 50ms") {
		t.Errorf("message %q", msg)
	}
}

type nopVerifier struct{}

func (nopVerifier) LoadCookies([]passport.Cookie) {}
func (nopVerifier) Verify(context.Context, string) (passport.Account, error) {
	return passport.Account{}, nil
}
func (nopVerifier) Logout(context.Context, string) error { return nil }
func (nopVerifier) Cookies() []passport.Cookie           { return nil }
func (nopVerifier) TrustsCookieDomain(string) bool       { return true }
func (nopVerifier) LogoutSends(string) bool              { return true }
