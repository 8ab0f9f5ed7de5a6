package teatest

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// The command line, through the built binary: -h fits 24 lines and points
// to the rest; a slip gets "did you mean", echoed as typed; -h with an
// extra argument, an empty -within or -timeout, and a bare number are bad
// usage with the one duration message; exit 2 throughout (a contract).
func TestBinaryConventions(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home, "HOME=" + home}
	stdout, _, code := runBinary(t, env, "-h")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != 0 || len(lines) > 23 {
		t.Errorf("-h: exit %d, %d lines (a 24-line terminal holds 23 and the prompt):\n%s", code, len(lines), stdout)
	}
	for _, w := range []string{"-check", "-o, -output PATH", "-verbose", "Examples:", "biliqr -help-all", "man biliqr"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("-h lacks %q", w)
		}
	}
	full, _, code := runBinary(t, env, "-help-all")
	for _, w := range []string{"-passport-url", "-demo-scenario NAME", "Exit status:", "BILIQR_DEBUG", "TERM"} {
		if code != 0 || !strings.Contains(full, w) {
			t.Errorf("-help-all: exit %d, lacks %q", code, w)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-chekc"}, "biliqr: unknown flag -chekc; did you mean -check?\n"},
		{[]string{"-lcoale", "th_TH"}, "unknown flag -lcoale; did you mean -locale?"},
		{[]string{"-fromat", "json"}, "unknown flag -fromat; did you mean -format?"},
		{[]string{"--no-color"}, "unknown flag --no-color;"},
		{[]string{"-h", "extra"}, `unexpected argument "extra"`},
		{[]string{"-timeout", "5"}, `-timeout "5": give a duration such as 90s, 30m, 36h, 1h30m, 14d or 2w, or 0 for never`},
		{[]string{"-timeout", "14x"}, `-timeout "14x": give a duration such as`},
		{[]string{"-timeout", ""}, `-timeout "": give a duration such as`},
		{[]string{"-check", "-within", ""}, `-within "": give a duration such as 90s, 30m, 36h, 1h30m, 14d or 2w` + "\n"},
		{[]string{"-check", "-within", "0"}, `-within "0": give a duration such as`},
		{[]string{"-demo-scenario", "storm"}, `-demo-scenario "storm": the scenarios are login and network`},
	} {
		stdout, stderr, code := runBinary(t, env, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("bad usage wrote files: %v", entries)
	}
}

// -timeout takes what -within takes: days and weeks too.
func TestBinaryTimeoutTakesDays(t *testing.T) {
	t.Parallel()
	srv := autoFake(t)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-plain", "-timeout", "2w", "-o", out)...)
	p.wantExit(t, 0)
}

// TERM=dumb (Emacs's M-x shell, and the like, on a pty) gets the plain
// view: no alternate screen, no clearing, no cursor moves.
func TestBinaryTermDumbIsPlain(t *testing.T) {
	t.Parallel()
	srv := autoFake(t)
	out := filepath.Join(t.TempDir(), "cookies.txt")
	cmd := exec.Command(binary(t), append(serverFlags(srv), "-locale", "en_US", "-o", out)...)
	cmd.Env = streamEnv(t, "TERM=dumb")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	var raw bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&raw, ptmx); close(read) }() //nolint:errcheck // EIO at the end is the pty closing
	err = cmd.Wait()
	<-read // the reads end (EIO) once the output is drained: closing first would lose its end
	if err != nil {
		t.Fatalf("%v:\n%s", err, raw.String())
	}
	s := raw.String()
	for _, esc := range []string{"\x1b[?1049h", "\x1b[2J", "\x1b[K"} {
		if strings.Contains(s, esc) {
			t.Errorf("TERM=dumb got %q: the full screen was drawn", esc)
		}
	}
	inOrder(t, s, "Scan this QR code", "Logged in to bilibili.tv as Mika (mid 42)")
}

// The demo can play network trouble: the tour shows the retrying screen,
// naming the host, and then the login goes on.
func TestBinaryDemoNetworkScenario(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := streamEnv(t, "XDG_CACHE_HOME="+dir, passporttest.DemoPollEnv+"=10ms")
	stdout, stderr, code := runBinary(t, env, "-demo-scenario", "network", "-plain", "-locale", "en_US")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	inOrder(t, stdout, "Requesting a QR code…", "Network trouble reaching 127.0.0.1:", "the connection was cut",
		"Scan this QR code", "Logged in to the demo as Demo User")
	if n := strings.Count(stdout, "Network trouble reaching"); n != passporttest.DemoNetworkFailures {
		t.Errorf("%d network failures, want %d:\n%s", n, passporttest.DemoNetworkFailures, stdout)
	}
	// plain -demo is still the plain tour
	stdout, _, code = runBinary(t, env, "-demo", "-plain", "-locale", "en_US", "-force")
	if code != 0 || strings.Contains(stdout, "Network trouble") || !strings.Contains(stdout, "Logged in to the demo") {
		t.Fatalf("-demo: exit %d:\n%s", code, stdout)
	}
}

// At 120×40 the done screen uses the width it has: the saved-to line keeps
// "(netscape)" beside its path instead of wrapping it alone, and it says
// whether the account has Premium. The -verbose trace waits for the full
// screen to end, then goes to standard error whole.
func TestBinaryDoneScreenUsesTheWidth(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, VIP: passporttest.VIPPremium})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	// a path that makes the line 100 columns (the temporary directory's
	// own length varies)
	pad := max(100-len("Session saved to "+dir+"/x/cookies.txt (netscape)"), 0)
	out := filepath.Join(dir, "x"+strings.Repeat("-", pad), "cookies.txt")
	line := "Session saved to " + out + " (netscape)"
	if len(line) <= 72 || len(line) > 110 {
		t.Fatalf("the line is %d columns; the test wants one between the old column (72) and the window (120)", len(line))
	}
	s := startTmux(t, 120, 40, binaryShell(t, dir, srv, "-verbose -o "+out+" 2>"+filepath.Join(dir, "trace")))
	s.waitText("Scan with the bilibili.tv app")
	srv.Confirm()
	scr := s.waitText("Logged in as Mika (mid 42)", "Premium member.")
	if !strings.Contains(scr, line) {
		t.Errorf("the saved-to line is wrapped; want %q on one line:\n%s", line, scr)
	}
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
		t.Fatalf("exit status %s", code)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "trace"))
	if !strings.Contains(string(b), "biliqr: trace: GET") || strings.Contains(string(b), "\x1b") {
		t.Errorf("the trace:\n%q", b)
	}
	noSecrets(t, srv, "the trace", string(b))
}

// On the network-trouble screen r retries at once: four failures in a row
// are past in moments, where waiting them out takes 2+4+8+16 s, longer
// than the wait below allows.
func TestBinaryRetryNow(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	const failures = 4
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: passporttest.CloseConn, Times: failures})
	dir := t.TempDir()
	s := startTmux(t, 80, 24, binaryShell(t, dir, srv, ""))
	for i := 1; i <= failures; i++ {
		s.waitFor("failure "+strconv.Itoa(i), func(scr string) bool {
			return srv.Count(passporttest.EndpointTicket) == i && strings.Contains(scr, "r retry now") &&
				strings.Contains(scr, "Network trouble reaching 127.0.0.1:")
		})
		s.keys("r")
	}
	s.waitText("Scan with the bilibili.tv app")
	if strings.Contains(s.screen(), "retry now") {
		t.Error("r still says retry now with nothing to retry")
	}
}
