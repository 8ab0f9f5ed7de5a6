package teatest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// -check warns, on stderr, when the saved session file is open to other
// users (it was used silently); stdout keeps its one line.
func TestBinaryCheckWarnsLooseMode(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	path := filepath.Join(dir, "cookies.txt")
	if err := session.WriteFile(path, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"-check", "-o", path}, serverFlags(srv)...)
	if _, stderr, code := runBinary(t, env, args...); code != 0 || stderr != "" {
		t.Fatalf("0600: exit %d, stderr %q", code, stderr)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runBinary(t, env, args...)
	want := fmt.Sprintf("biliqr: warning: other users can read %s (mode 0644), and it holds your login; run chmod 600 on it", path)
	if code != 0 || !strings.Contains(stderr, want) || !strings.HasPrefix(stdout, "logged in as Mika (mid 42); the session ends on ") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// The app warns on its checking screens when the saved session file is
// open to other users, and a new login writes it back 0600.
func TestBinaryInTmuxLooseMode(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if err := session.WriteFile(path, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, binaryShell(t, dir, srv, "-o "+path))
	scr := s.waitText("Already logged in as Mika (mid 42)", "Warning")
	if want := "Warning: other users can read " + path + " (mode 0644), and it holds your login. Run chmod 600 on it; the next save writes it 0600."; !strings.Contains(flat(scr), want) {
		t.Fatalf("no warning %q:\n%s", want, scr)
	}
	s.keys("r")
	s.waitText("Scan with the bilibili.tv app")
	srv.Confirm()
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
		t.Fatalf("exit status %s, want 0", code)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("the new session was saved %04o, want 0600", fi.Mode().Perm())
	}
}
