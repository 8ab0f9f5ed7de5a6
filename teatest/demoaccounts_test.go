package teatest

import (
	"path/filepath"
	"strings"
	"testing"
)

// The demo keeps its fake's accounts between runs, in its own cache
// directory, so every path of the README can be tried offline: a second
// run is "Already logged in", -demo -check says logged in, -check without
// -demo says it is a demo session, -demo -logout ends it. Its words say
// "demo" where they would claim bilibili.tv.
func TestBinaryDemoKeepsItsAccounts(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole demo login (about 12 s)")
	}
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home + "/cfg", "XDG_CACHE_HOME=" + home + "/cache", "HOME=" + home, "LANG=C.UTF-8"}
	file := filepath.Join(home, "cache", "biliqr", "demo", "cookies.txt")

	stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-locale", "en")
	if code != 0 || !strings.Contains(stdout, "Logged in to the demo as Demo User") || strings.Contains(stdout, "Logged in to bilibili.tv") {
		t.Fatalf("first run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	stdout, _, code = runBinary(t, env, "-demo", "-plain", "-locale", "en")
	if code != 0 || !strings.Contains(stdout, "Already logged in to the demo as Demo User") {
		t.Fatalf("second run: exit %d\n%s", code, stdout)
	}
	stdout, _, code = runBinary(t, env, "-demo", "-check")
	if code != 0 || !strings.HasPrefix(stdout, "logged in as Demo User (mid 1709658507)") {
		t.Fatalf("-demo -check: exit %d, %q", code, stdout)
	}
	stdout, _, code = runBinary(t, env, "-check", "-json", "-o", file)
	if code != 1 || !strings.Contains(stdout, `"reason":"demo_session"`) || !strings.Contains(stdout, "demo session (cookies for a loopback host") {
		t.Fatalf("-check without -demo: exit %d, %q", code, stdout)
	}
	stdout, _, code = runBinary(t, env, "-demo", "-logout")
	if code != 0 || stdout != "logged out of the demo; removed "+file+"\n" {
		t.Fatalf("-demo -logout: exit %d, %q", code, stdout)
	}
	stdout, _, code = runBinary(t, env, "-demo", "-check")
	if code != 1 || !strings.Contains(stdout, "no saved session") {
		t.Fatalf("-demo -check after logout: exit %d, %q", code, stdout)
	}
}
