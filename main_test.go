package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui/cli/args"
	"github.com/biliqr/biliqr/ui/i18n"
	"github.com/biliqr/biliqr/ui/iostreams"
	"github.com/biliqr/biliqr/ui/signals"
)

// testPace is the timing of every in-process run: a fast poll, so that
// no test sits through the site's 2-second polls.
var testPace = timing{poll: 10 * time.Millisecond}

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
	ios, out, errOut := iostreams.Test(append([]string{"LANG=C"}, env...)...)
	ios.ConfigDir, ios.CacheDir = iostreams.Dir(dir), iostreams.Dir(filepath.Join(dir, ".cache"))
	code = int(run(args, ios, testPace))
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
		{[]string{"-timeout", "-5m"}, `-timeout "-5m": give a duration such as`},
		{[]string{"-timeout", "soon"}, "-timeout"},
	} {
		code, stdout, stderr := runIn(t, tc.args...)
		if code != int(exit.Usage) || !strings.Contains(stderr, tc.want) || stdout != "" {
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
	if !strings.Contains(stdout, "Logged in to the demo as Demo User") || !strings.Contains(stdout, "saved to "+out) {
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
	saved, err := passporttest.LoginOnce(srv)
	if err != nil {
		t.Fatal(err)
	}
	if err := session.WriteFile(out, saved, session.Netscape); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runIn(t, "-check", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
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

// The demo's poll interval comes from BILIQR_DEMO_POLL, and only the
// demo's: a login against a real service keeps the 2 s poll whatever the
// environment says.
func TestDemoPollOnlyForTheDemo(t *testing.T) {
	env := passporttest.DemoPollEnv + "=10ms"
	for _, tc := range []struct {
		demo bool
		want time.Duration
	}{{true, 10 * time.Millisecond}, {false, 0}} {
		dir := t.TempDir()
		ios, _, errOut := iostreams.Test(env)
		ios.ConfigDir, ios.CacheDir = iostreams.Dir(dir), iostreams.Dir(dir)
		opts := args.Options{Demo: tc.demo, Output: dir + "/cookies.txt", Format: "netscape"}
		s, code := newSetup(opts, ios, timing{})
		if s == nil {
			t.Fatalf("demo=%v: exit %d: %s", tc.demo, code, errOut)
		}
		cfg := s.modelConfig(nil)
		s.close()
		if cfg.PollInterval != tc.want {
			t.Errorf("demo=%v: poll interval %v, want %v (0: the model's 2 s)", tc.demo, cfg.PollInterval, tc.want)
		}
	}
}

// The poll interval run is given reaches the model, over -demo's and for
// a login against any server; the zero timing leaves the real one.
func TestRunPaceReachesTheModel(t *testing.T) {
	for _, tc := range []struct {
		demo bool
		pace timing
		want time.Duration
	}{
		{false, timing{}, 0},
		{false, timing{poll: 7 * time.Millisecond}, 7 * time.Millisecond},
		{true, timing{poll: 7 * time.Millisecond}, 7 * time.Millisecond},
	} {
		dir := t.TempDir()
		ios, _, errOut := iostreams.Test(passporttest.DemoPollEnv + "=10ms")
		ios.ConfigDir, ios.CacheDir = iostreams.Dir(dir), iostreams.Dir(dir)
		opts := args.Options{Demo: tc.demo, Output: dir + "/cookies.txt", Format: "netscape"}
		s, code := newSetup(opts, ios, tc.pace)
		if s == nil {
			t.Fatalf("%+v: exit %d: %s", tc, code, errOut)
		}
		cfg := s.modelConfig(nil)
		s.close()
		if cfg.PollInterval != tc.want {
			t.Errorf("demo=%v pace=%v: poll interval %v, want %v", tc.demo, tc.pace.poll, cfg.PollInterval, tc.want)
		}
	}
}

// A setup that fails after -demo started its fake server stops the server
// again: bad usage leaves nothing running.
func TestRunDemoBadOutputStopsTheFake(t *testing.T) {
	before := runtime.NumGoroutine()
	code, _, stderr := runIn(t, "-demo", "-o", t.TempDir()) // a directory: refused before any code is shown
	if code != int(exit.Usage) || !strings.Contains(stderr, "-o: ") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after a failed setup, %d before: the demo's fake still runs", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Modes and flags that cannot go together are bad usage: exit 2 and one
// line naming them, before anything runs.
func TestRunImpossibleCombinations(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-check", "-logout"}, "-check and -logout cannot go together"},
		{[]string{"-plain", "-json"}, "-plain and -json cannot go together"},
		{[]string{"-logout", "-json"}, "-logout and -json cannot go together"},
		{[]string{"-check", "-png", "x.png"}, "-check and -png cannot go together"},
		{[]string{"-logout", "-force"}, "-logout and -force cannot go together"},
		{[]string{"-check", "-invert"}, "-check and -invert cannot go together"},
		{[]string{"-check", "-plain"}, "-check and -plain cannot go together"},
		{[]string{"-check", "-format", "header"}, "-check and -format header cannot go together"},
		{[]string{"-logout", "-format", "netscape"}, "-logout and -format cannot go together"},
	} {
		// A fake that refuses everything: were the guard gone, the run
		// would end at once, and reach no real host.
		srv := passporttest.New(passporttest.Options{PlainHTTP: true})
		t.Cleanup(srv.Close)
		srv.Fail(passporttest.Fault{Kind: passporttest.HTTPStatus, Status: 403, Times: 10})
		args := append(append([]string{}, tc.args...), "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
		code, stdout, stderr := runIn(t, args...)
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if code != int(exit.Usage) || stdout != "" || len(lines) != 1 || !strings.HasPrefix(stderr, "biliqr: "+tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and the one line %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
}

// fakeArgs points the client at a fresh fake on loopback.
func fakeArgs(t *testing.T, o passporttest.Options) []string {
	t.Helper()
	o.PlainHTTP = true
	srv := passporttest.New(o)
	t.Cleanup(srv.Close)
	return []string{"-passport-url", srv.PassportURL(), "-api-url", srv.APIURL()}
}

// -check -json is -check -format json; the line says where the session is
// (an absolute path) and, when it is not good, why in one stable word.
func TestRunCheckJSONReasons(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	missing := "none.txt" // relative on purpose: saved_to must come out absolute
	code, stdout, _ := runIn(t, append([]string{"-check", "-json", "-o", missing}, fakeArgs(t, passporttest.Options{})...)...)
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("-check -json: %v: %q", err, stdout)
	}
	if code != 1 || got["logged_in"] != false || got["reason"] != "no_session" || got["saved_to"] != filepath.Join(dir, missing) {
		t.Errorf("missing file: exit %d, %v", code, got)
	}
	if msg, _ := got["message"].(string); !strings.Contains(msg, "run biliqr to log in") {
		t.Errorf("no next step in %q", msg)
	}

	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("not a cookie file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runIn(t, append([]string{"-check", "-format", "json", "-o", bad}, fakeArgs(t, passporttest.Options{})...)...)
	got = nil
	_ = json.Unmarshal([]byte(stdout), &got)
	if code != 1 || got["reason"] != "file" {
		t.Errorf("unreadable file: exit %d, %q", code, stdout)
	}
}

// A session the server no longer knows is not_logged_in, a server that
// cannot answer is "could not check", both in the words of -locale, in
// lower case mid-sentence, with what to do next.
func TestRunCheckExpiredAndUnreachable(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
	args := []string{"-passport-url", srv.PassportURL(), "-api-url", srv.APIURL()}
	out := filepath.Join(t.TempDir(), "cookies.txt")
	if code, stdout, stderr := runIn(t, append([]string{"-locale", "en", "-o", out}, args...)...); code != 0 {
		t.Fatalf("login: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ := runIn(t, append([]string{"-check", "-locale", "zh_CN.UTF-8", "-o", out}, args...)...)
	if code != 0 || !strings.Contains(stdout, "已登录") {
		t.Errorf("-check -locale zh_CN.UTF-8: exit %d, %q; want Chinese", code, stdout)
	}
	saved, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runIn(t, append([]string{"-logout", "-locale", "th", "-o", out}, args...)...); code != 0 {
		t.Fatalf("-logout: exit %d, %q %q", code, stdout, stderr)
	} else if !strings.Contains(stdout, "ออกจากระบบ") {
		t.Errorf("-logout -locale th: %q; want Thai", stdout)
	}
	// the file back, its session ended on the server
	if err := os.WriteFile(out, saved, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runIn(t, append([]string{"-check", "-json", "-o", out}, args...)...)
	if code != 1 || !strings.Contains(stdout, `"reason":"not_logged_in"`) || !strings.Contains(stdout, "run biliqr to log in again") {
		t.Errorf("logged out: exit %d, %q", code, stdout)
	}

	srv.Close() // no answer now
	code, stdout, _ = runIn(t, append([]string{"-check", "-o", out}, args...)...)
	if code != 3 || !strings.HasPrefix(stdout, "could not check: network trouble reaching 127.0.0.1:") {
		t.Errorf("unreachable: exit %d, %q; want 3 and lower case mid-sentence", code, stdout)
	}
}

// -locale takes what people type and maps it as LANG is mapped; an
// unknown one lists the six languages by name and code.
func TestRunLocaleSpellings(t *testing.T) {
	for in, want := range map[string]string{
		"zh_CN": "zh_ZH", "zh-Hans": "zh_ZH", "zh": "zh_ZH", "en": "en_US", "th": "th_TH",
		"EN_us": "en_US", "th_TH.UTF-8": "th_TH", "vi-VN": "vi_VN", "in_ID": "id_ID", "MS": "ms_MY", "zh_ZH": "zh_ZH",
	} {
		// -check speaks the language: its line tells which one was taken
		missing := filepath.Join(t.TempDir(), "none.txt")
		code, stdout, stderr := runIn(t, append([]string{"-check", "-locale", in, "-o", missing}, fakeArgs(t, passporttest.Options{})...)...)
		if line := i18n.T(want, i18n.TextCheckNoSession, missing) + "\n"; code != 1 || stdout != line {
			t.Errorf("-locale %s: exit %d, %q (%q); want %q", in, code, stdout, stderr, line)
		}
	}
	code, _, stderr := runIn(t, "-locale", "fr_FR")
	for _, w := range []string{`unknown -locale "fr_FR"`, "English", "en_US", "ไทย", "th_TH", "简体中文", "zh_ZH", "Bahasa Melayu"} {
		if code != int(exit.Usage) || !strings.Contains(stderr, w) {
			t.Errorf("-locale fr_FR: exit %d, stderr %q lacks %q", code, stderr, w)
		}
	}
}

// The start keeps the machine's threads; waiting, GOMAXPROCS is 1, unless
// the user set it.
func TestOneThread(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(2)
	if f := signals.OneThread(func(string) string { return "2" }); f != nil {
		t.Error("GOMAXPROCS=2 set by the user would be overridden")
	}
	f := signals.OneThread(func(string) string { return "" })
	if f == nil || runtime.GOMAXPROCS(0) != 2 {
		t.Fatalf("GOMAXPROCS unset: %d at the start, want the machine's 2", runtime.GOMAXPROCS(0))
	}
	f()
	if runtime.GOMAXPROCS(0) != 1 {
		t.Errorf("GOMAXPROCS unset: %d while waiting, want 1", runtime.GOMAXPROCS(0))
	}
}

// run hands the model its waiting hook (the model's tests say when it
// runs).
func TestRunTellsWhenItWaits(t *testing.T) {
	dir := t.TempDir()
	ios, _, errOut := iostreams.Test()
	ios.ConfigDir, ios.CacheDir = iostreams.Dir(dir), iostreams.Dir(dir)
	told := 0
	s, code := newSetup(args.Options{Demo: true, Output: dir + "/cookies.txt", Format: "netscape"}, ios, timing{waiting: func() { told++ }})
	if s == nil {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	defer s.close()
	if cfg := s.modelConfig(nil); cfg.Waiting == nil {
		t.Fatal("the model has no waiting hook")
	} else if cfg.Waiting(); told != 1 {
		t.Fatalf("the model's hook is not run's: told %d times", told)
	}
}

// An -o path holding escape sequences reaches no terminal raw: not in
// -plain's lines, not in -check's or -logout's.
func TestRunHostilePathSanitized(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "x\x1b]0;pwned\x07\x1b[2J\u009b1m", "cookies.txt")
	flags := []string{"-locale", "en_US", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL()}
	for _, mode := range [][]string{{"-plain"}, {"-check"}, {"-logout"}} {
		code, stdout, stderr := runIn(t, append(mode, flags...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\nstdout:\n%q\nstderr:\n%q", mode, code, stdout, stderr)
		}
		if strings.ContainsAny(stdout+stderr, "\x1b\x07\u009b") {
			t.Errorf("%v: raw control in the output:\nstdout %q\nstderr %q", mode, stdout, stderr)
		}
		if mode[0] != "-check" && !strings.Contains(stdout, "/x/cookies.txt") {
			t.Errorf("%v: path not shown: %q", mode, stdout)
		}
	}
}

// -timeout ends a login nobody scans: exit 1 and, with -json, the failed
// event with reason timeout (the model's own clock is tested in model;
// this is the flag's wiring, so a short real timeout).
func TestRunTimeout(t *testing.T) {
	// it waits its -timeout of 1 s
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true}) // never scanned
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	code, stdout, stderr := runIn(t, "-json", "-timeout", "1s", "-locale", "en_US", "-o", out,
		"-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
	if code != 1 { // the event below says it ended at its -timeout
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if last["event"] != "failed" || last["reason"] != "timeout" {
		t.Errorf("last event %v", last)
	}
	if !strings.Contains(stderr, "No code was scanned within 1s (-timeout)") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// With no network for the whole -timeout no code was ever shown, so the
// user is not told they failed to scan one: the line says bilibili.tv
// could not be reached, with the last error, and the reason is network.
func TestRunTimeoutUnreachable(t *testing.T) {
	t.Parallel() // it waits its -timeout of 1 s
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() // nothing listens there now
	l.Close()
	out := filepath.Join(t.TempDir(), "cookies.txt")
	code, stdout, stderr := runIn(t, "-json", "-timeout", "1s", "-locale", "en_US", "-o", out,
		"-passport-url", closed, "-api-url", closed)
	if code != 1 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatal(err)
	}
	if last["event"] != "failed" || last["reason"] != "network" {
		t.Errorf("last event %v", last)
	}
	if !strings.Contains(stderr, "bilibili.tv could not be reached within 1s (-timeout)") ||
		!strings.Contains(stderr, "the connection was refused") || strings.Contains(stderr, "No code was scanned") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// -check's and -logout's lines for the shared cookie file's outcomes speak
// -locale too, not only English.
func TestRunCheckLogoutLinesFollowLocale(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	missing := filepath.Join(t.TempDir(), "none.txt")
	for _, tc := range []struct {
		locale, want string
	}{
		{"th_TH", "ไม่มีอะไรให้ออกจากระบบ"},
		{"zh_ZH", "无需退出登录"},
		{"en_US", "nothing to log out: no saved session at " + missing},
	} {
		code, _, stderr := runIn(t, "-logout", "-locale", tc.locale, "-o", missing, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL())
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("-logout -locale %s: exit %d, stderr %q; want 1 and %q", tc.locale, code, stderr, tc.want)
		}
	}
}
