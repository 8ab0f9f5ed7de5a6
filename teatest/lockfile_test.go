package teatest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// demoEnv is a home of its own for -demo runs of the built binary, with
// fast polls.
func demoEnv(dir string) []string {
	return []string{"XDG_CONFIG_HOME=" + dir, "XDG_CACHE_HOME=" + dir, "HOME=" + dir, passporttest.DemoPollEnv + "=10ms"}
}

// What would make the save fail at its lock is found before the first QR
// code (exit 2, nothing shown to scan), and said of the lock: a lock file
// that is a directory, a symbolic link or a FIFO, and a name too long to
// add ".lock" to. A name just short enough saves (its temp file takes a
// shorter name).
func TestBinaryLockProblemsFoundAtStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := filepath.Join(dir, "cookies.txt")
	for name, make := range map[string]func(string) error{
		"is a directory": func(l string) error { return os.Mkdir(l, 0o700) },
		"is a symbolic link, which biliqr never follows": func(l string) error { return os.Symlink(filepath.Join(dir, "elsewhere"), l) },
		"is not a regular file":                          func(l string) error { return syscall.Mkfifo(l, 0o600) },
	} {
		lock := p + ".lock"
		os.RemoveAll(lock)
		if err := make(lock); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-o", p)
		if code != 2 || strings.Contains(stdout, "Scan this QR code") {
			t.Fatalf("lock %s: exit %d (want 2, before any QR):\n%s%s", name, code, stdout, stderr)
		}
		if want := "its lock file " + lock + " " + name + "; move that out of the way"; !strings.Contains(stderr, want) {
			t.Errorf("lock %s: stderr %q lacks %q", name, stderr, want)
		}
	}
	os.RemoveAll(p + ".lock")
	long := filepath.Join(dir, strings.Repeat("a", 251))
	if stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-o", long); code != 2 || !strings.Contains(stderr, "give a shorter -o") {
		t.Errorf("a 251-byte name: exit %d (want 2):\n%s%s", code, stdout, stderr)
	}
	longest := filepath.Join(dir, strings.Repeat("b", 250))
	if stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-o", longest); code != 0 {
		t.Errorf("a 250-byte name: exit %d (want 0):\n%s%s", code, stdout, stderr)
	}
}

// A logout the server confirmed, whose file cannot be changed (its lock
// is a directory): one sentence says the session was ended and why the
// file is still there; exit 1.
func TestBinaryLogoutEndedButFileKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	p := filepath.Join(dir, "cookies.txt")
	if stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-o", p); code != 0 {
		t.Fatalf("login: exit %d:\n%s%s", code, stdout, stderr)
	}
	os.Remove(p + ".lock")
	if err := os.Mkdir(p+".lock", 0o700); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runBinary(t, env, "-demo", "-logout", "-o", p)
	want := "biliqr: logged out: bilibili.tv ended the session, but " + p + " is still there because biliqr could not change it: its lock file " + p + ".lock is a directory"
	if code != 1 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 || strings.Count(stderr, " but ") != 1 {
		t.Fatalf("exit %d (want 1), stderr lacks one sentence %q:\n%s%s", code, want, stdout, stderr)
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("the file went: %v", err)
	}
}

// A jar with another name (a hard link) is warned of at start: the save
// replaces it under -o's name only. The login goes on.
func TestBinaryHardLinkedJarWarns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "cookies.txt")
	write(t, p, otherSites)
	if err := os.Link(p, filepath.Join(dir, "other-name.txt")); err != nil {
		t.Skip("no hard links here:", err)
	}
	stdout, stderr, code := runBinary(t, demoEnv(dir), "-demo", "-plain", "-o", p)
	want := "biliqr: warning: " + p + " has 2 names (hard links); a save writes a new file under this name only"
	if code != 0 || !strings.Contains(stderr, want) {
		t.Fatalf("exit %d, stderr lacks %q:\n%s%s", code, want, stdout, stderr)
	}
}
