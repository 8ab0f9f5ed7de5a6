package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui/cli"
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
		{[]string{"-timeout", "-5m"}, "-timeout -5m0s is negative"},
		{[]string{"-timeout", "soon"}, "-timeout"},
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
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
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

// The README's Use section is the help's flags and examples, word for
// word: `go test . -run TestREADMEUse -v` prints the text to paste.
func TestREADMEUseIsTheHelp(t *testing.T) {
	var b bytes.Buffer
	cli.Help(&b, "biliqr", flagDefs(new(options)))
	help := b.String()
	start, end := strings.Index(help, "Usage: biliqr"), strings.Index(help, "\nEnvironment:")
	if start < 0 || end < 0 {
		t.Fatalf("help has no Usage … Environment:\n%s", help)
	}
	want := help[start:end]
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	use := string(readme)
	i := strings.Index(use, "\n## Use\n")
	if i < 0 {
		t.Fatal("README.md has no ## Use")
	}
	use = use[i:]
	a := strings.Index(use, "```\n")
	z := strings.Index(use[a+4:], "```\n")
	if a < 0 || z < 0 {
		t.Fatal("README.md's Use section has no code block")
	}
	if got := use[a+4 : a+4+z]; got != want {
		t.Errorf("README.md's Use block is not the help; it should be:\n%s", want)
	}
}

// GOMAXPROCS is 1 unless the user set it.
func TestOneThread(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(2)
	if oneThread(func(string) string { return "2" }) || runtime.GOMAXPROCS(0) != 2 {
		t.Errorf("GOMAXPROCS=2 set by the user was overridden: %d", runtime.GOMAXPROCS(0))
	}
	if !oneThread(func(string) string { return "" }) || runtime.GOMAXPROCS(0) != 1 {
		t.Errorf("GOMAXPROCS unset: %d, want 1", runtime.GOMAXPROCS(0))
	}
}
