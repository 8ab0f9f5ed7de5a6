package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui/iostreams"
)

// runIn runs the program in-process with test streams and a private
// config directory; it returns the exit status and what was printed.
func runIn(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runInEnv(t, nil, args...)
}

// runInEnv is runIn with more of an environment.
func runInEnv(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir) // session.DefaultPath, prefs.Path
	t.Setenv("HOME", dir)
	ios, out, errOut := iostreams.Test(append([]string{"XDG_CONFIG_HOME=" + dir, "LANG=C"}, env...)...)
	code = run(args, ios)
	return code, out.String(), errOut.String()
}

func TestRunUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-locale", "xx_XX"}, `unknown -locale "xx_XX"`},
		{[]string{"-json", "-o", "-"}, "-json and -o - both want standard output"},
		{[]string{"-check", "-o", "-"}, "-check and -logout read the saved file"},
		{[]string{"-o", ""}, "-o needs a path"},
		{[]string{"-format", "yaml"}, "yaml"},
		{[]string{"-passport-url", "http://example.com"}, "-passport-url"},
		{[]string{"stray"}, `unexpected argument "stray"`},
	} {
		code, stdout, stderr := runIn(t, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q on stderr", tc.args, code, stdout, stderr, tc.want)
		}
	}
}

func TestRunVersion(t *testing.T) {
	code, stdout, _ := runIn(t, "-version")
	if code != 0 || !strings.HasPrefix(stdout, "biliqr ") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
}

// A whole login runs in-process: no terminal in the test streams, so the
// plain view reports it, and the session lands at -o. It is the demo's
// login, polling every 10 ms: this needs the order of events, not the
// site's cadence (the binary tests log in against the fake at 2 s).
func TestRunLoginWithoutTerminal(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cookies.txt")
	code, stdout, stderr := runInEnv(t, []string{passporttest.DemoPollEnv + "=10ms"}, "-demo", "-locale", "en_US", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Logged in to bilibili.tv as Demo User") || !strings.Contains(stdout, "saved to "+out) {
		t.Errorf("stdout lacks the summary:\n%s", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "SESSDATA") {
		t.Fatalf("session file: %v\n%s", err, b)
	}
}

// -check reads a saved session back from the server the flags name.
func TestRunCheckSavedSession(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	if err := session.WriteFile(out, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runIn(t, "-check", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 0 || !strings.Contains(stdout, "logged in as Mika (mid 42)") {
		t.Errorf("-check: exit %d, %q", code, stdout)
	}
}

// loginOnce is a session of srv's, as a login in the app gets one.
func loginOnce(t *testing.T, srv *passporttest.Server) passport.Session {
	t.Helper()
	s, err := srv.LoginOnce("en_US")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunCheckMissingFile(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	code, stdout, _ := runIn(t, "-check", "-o", filepath.Join(t.TempDir(), "none.txt"), "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 1 || !strings.HasPrefix(stdout, "not logged in") {
		t.Errorf("exit %d, %q; want 1 and not logged in", code, stdout)
	}
}
