//go:build unix

package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// within fails the test if fn does not return within a few seconds: the
// bug it guards against is a hang, not slowness.
func within(t *testing.T, fn func()) {
	const d = 5 * time.Second
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still blocked after %v", d)
	}
}

// A FIFO at the session path is refused without being opened: opening one
// for reading blocks until a writer comes, which is for ever.
func TestReadFileRefusesFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var err error
	within(t, func() { _, _, err = ReadFile(p) })
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, ErrNotRegular) {
		t.Fatalf("error = %v, want ErrNotRegular", err)
	}
	if err.Error() != "cannot read "+p+": is not a regular file" {
		t.Fatalf("error %q", err)
	}
	// a device, too
	if _, _, err := ReadFile("/dev/zero"); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("/dev/zero: %v", err)
	}
}

// The open itself never blocks or follows a link, even when the path is
// swapped after the type check.
func TestOpenFlags(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	within(t, func() {
		f, err := os.OpenFile(fifo, os.O_RDONLY|openFlags, 0)
		if err == nil {
			f.Close()
		}
	})
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("a=b"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.OpenFile(link, os.O_RDONLY|openFlags, 0); !isLoop(err) {
		t.Fatalf("opened through a link: %v", err)
	}
}

// A symlinked session file is refused for reading as for writing: -check
// and the start-up check never follow it.
func TestReadFileRefusesSymlink(t *testing.T) {
	_, link := symlinkedSession(t)
	_, _, err := ReadFile(link)
	if !errors.Is(err, ErrSymlink) {
		t.Fatalf("error = %v, want ErrSymlink", err)
	}
	if err.Error() != "cannot read "+link+": is a symbolic link; refusing to follow it (give the real file's path)" {
		t.Fatalf("error %q", err)
	}
	checkNoSecret(t, err)
}

// recordingVerifier counts what Logout and Check asked of the server.
type recordingVerifier struct{ loaded, verified, loggedOut int }

func (v *recordingVerifier) LoadCookies([]passport.Cookie) { v.loaded++ }
func (v *recordingVerifier) Verify(context.Context, string) (passport.Account, error) {
	v.verified++
	return passport.Account{Mid: 1}, nil
}
func (v *recordingVerifier) Logout(context.Context, string) error { v.loggedOut++; return nil }
func (v *recordingVerifier) Cookies() []passport.Cookie {
	return []passport.Cookie{{Name: "SESSDATA", Value: "x", Domain: "bilibili.tv"}}
}
func (v *recordingVerifier) TrustsCookieDomain(string) bool { return true }
func (v *recordingVerifier) LogoutSends(string) bool        { return true }

// -logout through a symlink used to end the session and then remove only
// the link, leaving the target with its dead cookies. Now neither happens.
func TestLogoutRefusesSymlink(t *testing.T) {
	target, link := symlinkedSession(t)
	v := &recordingVerifier{}
	if _, err := Logout(context.Background(), v, link, "en_US"); !errors.Is(err, ErrSymlink) {
		t.Fatalf("Logout: %v, want ErrSymlink", err)
	}
	if _, err := Check(context.Background(), v, link, "en_US"); !errors.Is(err, ErrSymlink) {
		t.Fatalf("Check: %v, want ErrSymlink", err)
	}
	if v.loaded+v.verified+v.loggedOut != 0 {
		t.Fatalf("the server was asked: %+v", v)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is gone (%v)", err)
	}
	if _, err := os.Stat(target); err != nil {
		t.Fatalf("the target is gone (%v)", err)
	}
}

// -logout on a FIFO returns at once without asking the server.
func TestLogoutRefusesFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	v := &recordingVerifier{}
	var err error
	within(t, func() { _, err = Logout(context.Background(), v, p, "en_US") })
	if !errors.Is(err, ErrNotRegular) || v.loggedOut != 0 {
		t.Fatalf("Logout: %v, %+v", err, v)
	}
	if _, err := os.Lstat(p); err != nil {
		t.Fatal("the FIFO was removed")
	}
}

// A FIFO or device at the output path is refused at start, unopened.
func TestCheckWritableSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	within(t, func() {
		if err := CheckWritable(fifo); !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO: %v", err)
		}
	})
	if err := CheckWritable("/dev/null"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("/dev/null: %v", err)
	}
}

// symlinkedSession is a saved session at target and a symlink to it.
func symlinkedSession(t *testing.T) (target, link string) {
	t.Helper()
	dir := t.TempDir()
	target = filepath.Join(dir, "real.txt")
	if err := WriteFile(target, sampleSession(), Netscape); err != nil {
		t.Fatal(err)
	}
	link = filepath.Join(dir, "cookies.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	return target, link
}
