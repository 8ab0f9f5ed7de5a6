package teatest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Bad usage is one line saying what is wrong and one saying where help
// is, on stderr, exit 2: not the whole usage (it was 38 lines).
func TestBinaryUsageOneLine(t *testing.T) {
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home, "HOME=" + home}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-nope"}, "biliqr: unknown flag -nope"},
		{[]string{"-o"}, "biliqr: -o needs a value: -o PATH"},
		{[]string{"-locale", "en_US", "-png"}, "biliqr: -png needs a value: -png PATH"},
		{[]string{"extra"}, `biliqr: unexpected argument "extra" (biliqr takes flags only)`},
		{[]string{"-completion", "tcsh"}, `biliqr: -completion "tcsh": the shells are bash, zsh, fish`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			stdout, stderr, code := runBinary(t, env, tc.args...)
			if want := tc.want + "\nRun 'biliqr -h' for help.\n"; stderr != want || code != 2 || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit 2, stderr %q", code, stderr, stdout, want)
			}
		})
	}
}

// -help-all prints the full help on stdout (so that biliqr -help-all |
// less works) and exits 0: every group in order, developer flags last and
// marked. -h, --help and -help print the short help (TestBinaryConventions).
func TestBinaryHelp(t *testing.T) {
	for _, h := range []string{"-help-all", "--help-all"} {
		stdout, stderr, code := runBinary(t, nil, h)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", h, code, stderr)
		}
		at := 0
		for _, w := range []string{"Usage: biliqr [flags]", "Common flags:", "-locale CODE", "language",
			"-o, -output PATH", "-format FORMAT", "Help and set-up:", "-completion SHELL", "-man",
			"Developer flags", "-passport-url URL", "-api-url URL",
			"Examples:", "yt-dlp --cookies", "-check", "| jq",
			"Environment:", "LANG, LC_ALL", "NO_COLOR", "COLORFGBG", "RUNEWIDTH_EASTASIAN", "XDG_CONFIG_HOME", "HTTPS_PROXY", "NO_PROXY",
			"Exit status:"} {
			i := strings.Index(stdout[at:], w)
			if i < 0 {
				t.Fatalf("%s: no %q after offset %d:\n%s", h, w, at, stdout)
			}
			at += i
		}
		if strings.Contains(stdout, "s_locale") {
			t.Errorf("%s says s_locale, not language", h)
		}
	}
}

// -version says one version, the commit once and the date once; a release
// build (ldflags, as .goreleaser.yaml stamps it) says the release version.
func TestBinaryVersionOnce(t *testing.T) {
	skipShort(t, "builds the binary a second time")
	bin := t.TempDir() + "/biliqr"
	const commit = "24127e2b90b2cb58d00d1e55aa3c2b4cdeadbeef"
	build := exec.Command("go", "build", "-ldflags",
		"-X main.version=1.2.3 -X main.commit="+commit+" -X main.date=2026-12-01T09:12:00Z", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").Output()
	if want := "biliqr 1.2.3 (commit 24127e2b90b2, built 2026-12-01)\n"; err != nil || string(out) != want {
		t.Fatalf("-version = %q (%v), want %q", out, err, want)
	}
	// the man page names the same version and date
	man, err := exec.Command(bin, "-man").Output()
	// (after the line that tells man(1) to run tbl for the scan table)
	if err != nil || !strings.HasPrefix(string(man), `'\" t`+"\n"+`.TH BILIQR 1 "2026-12-01" "biliqr 1.2.3"`) {
		t.Fatalf("-man starts %q (%v)", strings.SplitN(string(man), "\n", 2)[0], err)
	}
	// a build with no stamp: the module's version, or devel, never twice
	stdout, _, code := runBinary(t, nil, "-version")
	if code != 0 || strings.Count(stdout, "(") > 1 || strings.Count(stdout, "commit") > 1 {
		t.Errorf("-version = %q", stdout)
	}
}

// -man prints a man page every flag is in.
func TestBinaryMan(t *testing.T) {
	man, stderr, code := runBinary(t, nil, "-man")
	if code != 0 || stderr != "" || !strings.HasPrefix(man, `'\" t`+"\n.TH BILIQR 1") {
		t.Fatalf("exit %d, stderr %q, starts %q", code, stderr, man[:min(len(man), 40)])
	}
	help, _, _ := runBinary(t, nil, "-h")
	for _, f := range helpFlags(help) {
		if !strings.Contains(man, `\fB`+strings.ReplaceAll(f, "-", `\-`)+`\fR`) {
			t.Errorf("the man page lacks %s", f)
		}
	}
}

// The page -man prints (the one the packages install) renders with man
// -l, has the reference sections, and passes mandoc's and groff's
// linters without a warning.
func TestBinaryManRenders(t *testing.T) {
	page, _, code := runBinary(t, nil, "-man")
	if code != 0 {
		t.Fatalf("-man: exit %d", code)
	}
	// a release stamps the date; a test build has none, which mandoc warns about
	page = strings.Replace(page, `.TH BILIQR 1 ""`, `.TH BILIQR 1 "2026-12-01"`, 1)
	checked := false
	if _, err := exec.LookPath("man"); err == nil {
		checked = true
		cmd := exec.Command("man", "-l", "-")
		cmd.Stdin = strings.NewReader(page)
		cmd.Env = append(os.Environ(), "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "LC_ALL=C.UTF-8")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("man -l: %v", err)
		}
		for _, h := range []string{"NAME", "OPTIONS", "KEYS", "OUTPUT", "FILES", "EXIT STATUS", "REPORTING BUGS", "COPYRIGHT"} {
			if !strings.Contains(string(out), "\n"+h+"\n") {
				t.Errorf("man -l renders no %s section", h)
			}
		}
	}
	for _, l := range [][]string{{"mandoc", "-T", "lint", "-W", "warning"}, {"groff", "-man", "-ww", "-z", "-Tutf8"}} {
		if _, err := exec.LookPath(l[0]); err != nil {
			continue
		}
		checked = true
		cmd := exec.Command(l[0], l[1:]...)
		cmd.Stdin = strings.NewReader(page)
		if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("%v: %v\n%s", l, err, out)
		}
	}
	if !checked {
		t.Skip("none of man, mandoc and groff is installed; .ci/run installs them")
	}
}
