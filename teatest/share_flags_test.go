package teatest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// Every kind of file biliqr saves (each -format, new and merged into a
// shared jar) is read back by its own -check, with when it ends.
func TestBinaryWritesWhatItReads(t *testing.T) {
	slowBinaryRun(t)
	srv, dir, env := shareFixture(t)
	write(t, filepath.Join(dir, "shared.txt"), otherSites)
	for _, tc := range []struct{ file, format string }{
		{"new.txt", "netscape"}, {"shared.txt", "netscape"}, {"header.txt", "header"}, {"session.json", "json"},
	} {
		p := filepath.Join(dir, tc.file)
		args := append([]string{"-plain", "-format", tc.format, "-o", p}, serverFlags(srv)...)
		if stdout, stderr, code := runBinary(t, env, args...); code != 0 {
			t.Fatalf("%s: login exit %d\n%s%s", tc.file, code, stdout, stderr)
		}
		stdout, stderr, code := runBinary(t, env, append([]string{"-check", "-o", p}, serverFlags(srv)...)...)
		if code != 0 || !strings.HasPrefix(stdout, "logged in as Mika (mid 42); the session ends on ") {
			t.Fatalf("%s (%s): -check exit %d: %s%s", tc.file, tc.format, code, stdout, stderr)
		}
	}
}

// -check -within: exit 1 with reason expiring when the session ends sooner;
// the JSON line says when, in RFC 3339.
func TestBinaryCheckWithin(t *testing.T) {
	slowBinaryRun(t)
	srv, dir, env := shareFixture(t)
	p := filepath.Join(dir, "cookies.txt")
	if _, stderr, code := runBinary(t, env, append([]string{"-plain", "-o", p}, serverFlags(srv)...)...); code != 0 {
		t.Fatalf("login: %d %s", code, stderr)
	}
	check := func(extra ...string) (string, int) {
		stdout, _, code := runBinary(t, env, append(append([]string{"-check", "-o", p}, serverFlags(srv)...), extra...)...)
		return stdout, code
	}
	// The fake's session lasts 180 days.
	if out, code := check("-within", "14d"); code != 0 || !strings.HasPrefix(out, "logged in as Mika") {
		t.Fatalf("-within 14d: exit %d, %q", code, out)
	}
	out, code := check("-within", "200d")
	if code != 1 || !strings.HasPrefix(out, "expiring: logged in as Mika (mid 42), but the session ends on ") || !strings.HasSuffix(out, ", within 200d\n") {
		t.Fatalf("-within 200d: exit %d, %q", code, out)
	}
	out, code = check("-within", "4800h", "-format", "json")
	var got struct {
		LoggedIn  bool   `json:"logged_in"`
		Reason    string `json:"reason"`
		ExpiresAt string `json:"expires_at"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || got.Reason != "expiring" || !got.LoggedIn {
		t.Fatalf("json: exit %d, %q (%v)", code, out, err)
	}
	at, err := time.Parse(time.RFC3339, got.ExpiresAt)
	if want := time.Now().Add(passporttest.CookieLifetime); err != nil || at.Sub(want).Abs() > time.Hour {
		t.Fatalf("expires_at %q, want about %v (%v)", got.ExpiresAt, want, err)
	}
	for _, bad := range [][]string{{"-within", "soon"}, {"-within", "-3d"}} {
		if _, code := check(bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// -png at the -o path (after resolving the default) is bad usage: the QR
// image would replace the session.
func TestBinaryPNGIsOutput(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true}) // nothing must reach it either
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	def := filepath.Join(dir, "biliqr", "cookies.txt")
	must(t, os.MkdirAll(filepath.Dir(def), 0o700))
	write(t, def, "# Netscape HTTP Cookie File\n")
	for _, args := range [][]string{
		{"-png", def},
		{"-o", def, "-png", filepath.Join(dir, "biliqr", ".", "cookies.txt")},
	} {
		_, stderr, code := runBinary(t, env, append(append([]string{"-plain"}, serverFlags(srv)...), args...)...)
		if code != 2 || !strings.Contains(stderr, "-png and -o name the same file") {
			t.Fatalf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("%d requests before the usage error", n)
	}
	if data, _ := os.ReadFile(def); string(data) != "# Netscape HTTP Cookie File\n" {
		t.Fatalf("the session file changed: %q", data)
	}
}

// The config directory: a symlink is refused (exit 2, nothing written), a
// directory others may write in is warned about.
func TestBinaryConfigDir(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	elsewhere := t.TempDir()
	must(t, os.Symlink(elsewhere, filepath.Join(dir, "biliqr")))
	_, stderr, code := runBinary(t, env, append([]string{"-plain"}, serverFlags(srv)...)...)
	if code != 2 || !strings.Contains(stderr, "biliqr is a symbolic link; biliqr keeps the session only in a real directory") {
		t.Fatalf("symlink: exit %d, %q", code, stderr)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Fatalf("wrote through the link: %v", entries)
	}
	os.Remove(filepath.Join(dir, "biliqr"))
	must(t, os.Mkdir(filepath.Join(dir, "biliqr"), 0o777))
	must(t, os.Chmod(filepath.Join(dir, "biliqr"), 0o777))
	_, stderr, _ = runBinary(t, env, append([]string{"-check"}, serverFlags(srv)...)...)
	if !strings.Contains(stderr, "warning: other users can write in "+filepath.Join(dir, "biliqr")+" (mode 0777)") {
		t.Fatalf("0777: %q", stderr)
	}
}

// A saved session whose cookies all expired by date: -json says
// session_expired (with when), never check_failed, and a new login follows.
func TestBinaryExpiredSessionJSON(t *testing.T) {
	slowBinaryRun(t)
	srv, dir, env := shareFixture(t)
	p := filepath.Join(dir, "cookies.txt")
	old := "# Netscape HTTP Cookie File\n" +
		".bilibili.tv\tTRUE\t/\tFALSE\t1709294400\tSESSDATA\told\n" +
		".bilibili.tv\tTRUE\t/\tFALSE\t1709294400\tbili_jct\told\n"
	write(t, p, old)
	stdout, stderr, code := runBinary(t, env, append([]string{"-json", "-o", p}, serverFlags(srv)...)...)
	if code != 0 || strings.Contains(stdout, `"check_failed"`) ||
		!strings.Contains(stdout, `{"v":1,"event":"session_expired","expires_at":"2024-03-01T12:00:00Z"}`) ||
		!strings.Contains(stdout, `"event":"logged_in"`) || !strings.Contains(stdout, `"expires_at":"`) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
}
