package cli

import (
	"bytes"
	"errors"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// sample is a table like main's, with every kind of flag.
func sample() ([]Flag, *struct {
	locale, out string
	check       bool
	wait        time.Duration
}) {
	v := &struct {
		locale, out string
		check       bool
		wait        time.Duration
	}{}
	return []Flag{
		{Name: "locale", Arg: "CODE", Value: &v.locale, Choices: []string{"en_US", "th_TH"}, Usage: "the language"},
		{Name: "o", Alias: "output", Arg: "PATH", Value: &v.out, Files: true, Usage: "where to save it"},
		{Name: "logout", Value: &v.check, Usage: "log out"},
		{Name: "within", Arg: "DURATION", Value: &v.wait, Default: "2m", Group: Output, Usage: "wait [at most]: this long"},
		{Name: "api-url", Arg: "URL", Value: new(string), Group: Developer, Usage: "the gateway's URL"},
	}, v
}

func TestParse(t *testing.T) {
	defs, v := sample()
	if _, err := Parse("biliqr", defs, []string{"-locale", "th_TH", "-output", "x.txt", "-within", "5s"}); err != nil {
		t.Fatal(err)
	}
	if v.locale != "th_TH" || v.out != "x.txt" || v.wait != 5*time.Second {
		t.Errorf("parsed %+v", *v)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-nope"}, "unknown flag -nope"},
		{[]string{"-o"}, "-o needs a value: -o PATH"},
		{[]string{"-output"}, "-output needs a value: -output PATH"},
		{[]string{"extra"}, `unexpected argument "extra" (biliqr takes flags only)`},
		{[]string{"-within", "soon"}, `-within "soon": give a duration such as 90s, 30m, 36h, 1h30m, 14d or 2w, or 0 for never`},
	} {
		defs, _ := sample()
		_, err := Parse("biliqr", defs, tc.args)
		var ue *UsageError
		if !errors.As(err, &ue) || ue.Msg != tc.want {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
	for _, h := range []string{"-h", "-help", "--help"} {
		defs, _ := sample()
		if _, err := Parse("biliqr", defs, []string{h}); !errors.Is(err, ErrHelp) {
			t.Errorf("%s: %v, want ErrHelp", h, err)
		}
	}
}

func TestPrintUsageError(t *testing.T) {
	var b bytes.Buffer
	PrintUsageError(&b, "biliqr", "unknown flag -nope")
	if want := "biliqr: unknown flag -nope\nRun 'biliqr -h' for help.\n"; b.String() != want {
		t.Errorf("%q, want %q", b.String(), want)
	}
}

func TestHelp(t *testing.T) {
	defs, _ := sample()
	var b bytes.Buffer
	Help(&b, "biliqr", defs)
	h := b.String()
	// every flag, in group order: common first, developer last and marked
	order := []string{"Common flags:", "-locale CODE", "-o, -output PATH", "-logout",
		"Without the full-screen app:", "-within DURATION", "default 2m",
		"Help and set-up:", "-h, -help",
		"Developer flags", "-api-url URL",
		"Examples:", "Environment:", "NO_COLOR", "Exit status:", "128+n"}
	at := 0
	for _, w := range order {
		i := strings.Index(h[at:], w)
		if i < 0 {
			t.Fatalf("help lacks %q after offset %d:\n%s", w, at, h)
		}
		at += i
	}
	for i, line := range strings.Split(h, "\n") {
		if len(line) > helpWidth {
			t.Errorf("line %d is %d columns: %q", i+1, len(line), line)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	defs, _ := sample()
	for _, sh := range Shells {
		var b bytes.Buffer
		if err := Completion(&b, sh, "biliqr", defs); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		for _, w := range []string{"locale", "output", "logout", "within", "api-url", "help", "en_US th_TH"} {
			if !strings.Contains(s, w) {
				t.Errorf("%s script lacks %q:\n%s", sh, w, s)
			}
		}
		// A shell must be able to read it.
		if path, err := exec.LookPath(sh); err == nil {
			cmd := exec.Command(path, "-n")
			cmd.Stdin = strings.NewReader(s)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s\n%s", sh, err, out, s)
			}
		}
	}
	var ue *UsageError
	if err := Completion(new(bytes.Buffer), "tcsh", "biliqr", defs); !errors.As(err, &ue) || !strings.Contains(ue.Msg, "bash, zsh, fish") {
		t.Errorf("tcsh: %v", err)
	}
	var b bytes.Buffer
	Completion(&b, "zsh", "biliqr", defs) //nolint:errcheck
	if strings.Contains(b.String(), "[wait [at most]") || strings.Contains(b.String(), "most]: this") {
		t.Errorf("zsh description not escaped:\n%s", b.String())
	}
}

// The man page passes mandoc's and groff's linters without a warning.
func TestManLint(t *testing.T) {
	defs, _ := sample()
	var b bytes.Buffer
	if err := Man(&b, Page{Name: "biliqr", Version: "1.2.3", Date: "2026-12-01"}, defs); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{".TH BILIQR 1 \"2026-12-01\" \"biliqr 1.2.3\"", `\fB\-o\fR, \fB\-output\fR \fIPATH\fR`,
		`\fB\-api\-url\fR`, `.SH "ENVIRONMENT"`, ".SH TERMINALS", ".TS\nl c c c c.", `.SH "FILES"`, `.SH "EXIT STATUS"`, ".SH SECURITY", "Wait [at most]"} {
		if !strings.Contains(page, w) {
			t.Errorf("man page lacks %q", w)
		}
	}
	linted := false
	for _, l := range [][]string{{"mandoc", "-T", "lint", "-W", "all"}, {"groff", "-man", "-ww", "-z", "-Tutf8"}} {
		if _, err := exec.LookPath(l[0]); err != nil {
			continue
		}
		linted = true
		cmd := exec.Command(l[0], l[1:]...)
		cmd.Stdin = strings.NewReader(page)
		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("%v: %v\n%s", l, err, out)
		}
	}
	if !linted {
		t.Skip("neither mandoc nor groff is installed; .ci/run installs them")
	}
}

func TestRoffText(t *testing.T) {
	for in, want := range map[string]string{
		`.starts with a dot`: `\&.starts with a dot`,
		`'quote`:             `\&'quote`,
		`a\b -o yt-dlp`:      `a\eb \-o yt\-dlp`,
		"ไทย":                `\[u0E44]\[u0E17]\[u0E22]`,
	} {
		if got := roffText(in); got != want {
			t.Errorf("roffText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuild(t *testing.T) {
	for _, tc := range []struct {
		b    Build
		bi   *debug.BuildInfo
		want string
	}{
		{Build{"1.2.3", "24127e2b90b2cb58aaaa", "2026-12-01T09:12:00Z"}, nil, "1.2.3 (commit 24127e2b90b2, built 2026-12-01)"},
		{Build{}, &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201091200-24127e2b90b2"}},
			"devel (commit 24127e2b90b2, built 2026-12-01)"},
		{Build{}, &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}}, "v1.3.0"},
		{Build{}, &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201091200-24127e2b90b2+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "24127e2b90b2cb58ffff"}, {Key: "vcs.time", Value: "2026-11-30T23:00:00Z"}}},
			"devel (commit 24127e2b90b2, built 2026-11-30)"},
		{Build{}, &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{Build{"0.0.0-SNAPSHOT-none", "none", "0001-01-01T00:00:00Z"}, nil, "0.0.0-SNAPSHOT-none"},
	} {
		got := BuildFrom(tc.b, tc.bi).String()
		if got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.b, got, tc.want)
		}
		if c := "24127e2b90b2"; strings.Count(got, c) > 1 {
			t.Errorf("%q names the commit twice", got)
		}
	}
}
