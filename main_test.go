package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui/iostreams"
)

// runIn runs the program in-process with test streams and a private
// config directory; it returns the exit status and what was printed.
func runIn(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir) // session.DefaultPath, prefs.Path
	t.Setenv("HOME", dir)
	ios, out, errOut := iostreams.Test("XDG_CONFIG_HOME="+dir, "LANG=C")
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
// plain view reports it, and the session lands at -o.
func TestRunLoginWithoutTerminal(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	srv.Confirm() // the first poll (2 s in: the real cadence) logs in
	out := filepath.Join(t.TempDir(), "cookies.txt")
	code, stdout, stderr := runIn(t, "-locale", "en_US", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Logged in to bilibili.tv as Mika (mid 42)") {
		t.Errorf("stdout lacks the summary:\n%s", stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "SESSDATA") {
		t.Fatalf("session file: %v\n%s", err, b)
	}
	// and -check reads it back
	code, stdout, _ = runIn(t, "-check", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 0 || !strings.Contains(stdout, "logged in as Mika (mid 42)") {
		t.Errorf("-check: exit %d, %q", code, stdout)
	}
}

func TestRunCheckMissingFile(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	code, stdout, _ := runIn(t, "-check", "-o", filepath.Join(t.TempDir(), "none.txt"), "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 1 || !strings.HasPrefix(stdout, "not logged in") {
		t.Errorf("exit %d, %q; want 1 and not logged in", code, stdout)
	}
}
