package teatest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// What biliqr writes, biliqr reads back, through the built binary (issue
// 18.5): a SESSDATA whose Max-Age is past year 9999 is kept, clamped, not
// lost to an overflow; a 5000-byte cookie is dropped with a note, never
// saved; and -check then reads the file back.
func TestBinaryHostileSizesReadBack(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42,
		AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1, HostileSizes: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	p := filepath.Join(dir, "cookies.txt")
	stdout, stderr, code := runBinary(t, env, append([]string{"-plain", "-locale", "en_US", "-o", p}, serverFlags(srv)...)...)
	if code != 0 || !strings.Contains(stdout, "Logged in to bilibili.tv as Mika (mid 42)") {
		t.Fatalf("login: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, passporttest.CookieHuge) {
		t.Errorf("no note of the dropped cookie on stderr:\n%s", stderr)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var sessdata string
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, "\t")
		if len(f) == 7 && f[5] == passporttest.CookieHuge {
			t.Errorf("the 5000-byte cookie was saved")
		}
		if len(f) == 7 && f[5] == passporttest.CookieSESSDATA {
			sessdata = f[4]
		}
	}
	if sessdata != "253402300799" { // 9999-12-31T23:59:59Z
		t.Errorf("SESSDATA's expiry field %q, want it clamped at 253402300799:\n%s", sessdata, b)
	}
	if len(b) > 4096 {
		t.Errorf("the session file is %d bytes", len(b))
	}
	stdout, stderr, code = runBinary(t, env, append([]string{"-check", "-o", p}, serverFlags(srv)...)...)
	if code != 0 || !strings.Contains(stdout, "logged in as Mika (mid 42)") {
		t.Fatalf("-check: exit %d\n%s%s", code, stdout, stderr)
	}
}

// A code-0 poll whose cookie_info lists 3,000 cookies and 3,000 domains
// (87 KB) once made 9 million cookies: biliqr ran out of memory, exited 2
// and lost the login just confirmed. Through the built binary: the login
// succeeds, the session is saved (the fillers are capped, the untrusted
// domains skipped) and -check reads it back.
func TestBinaryCookieInfoFlood(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42,
		AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1,
		ConfirmData: passporttest.ConfirmDataCookieInfo, CookieInfoFlood: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "HOME=" + dir}
	p := filepath.Join(dir, "cookies.txt")
	stdout, stderr, code := runBinary(t, env, append([]string{"-plain", "-locale", "en_US", "-o", p}, serverFlags(srv)...)...)
	if code != 0 || !strings.Contains(stdout, "Logged in to bilibili.tv as Mika (mid 42)") {
		t.Fatalf("login: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\t"+passporttest.CookieSESSDATA+"\t") {
		t.Errorf("no SESSDATA saved:\n%s", b)
	}
	if strings.Contains(string(b), ".x\t") {
		t.Errorf("a cookie for an untrusted domain was saved")
	}
	if len(b) > 64<<10 {
		t.Errorf("the session file is %d bytes", len(b))
	}
	stdout, stderr, code = runBinary(t, env, append([]string{"-check", "-o", p}, serverFlags(srv)...)...)
	if code != 0 || !strings.Contains(stdout, "logged in as Mika (mid 42)") {
		t.Fatalf("-check: exit %d\n%s%s", code, stdout, stderr)
	}
}
