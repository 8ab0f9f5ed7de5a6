package teatest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// tmux runs the built binary in a real terminal: what a person sees.
type tmux struct {
	t      *testing.T
	socket string
}

// startTmux starts a w×h session running shell; skipped (with a message)
// only when tmux cannot be run here.
func startTmux(t *testing.T, w, h int, shell string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; .ci/run installs it (apt-get install tmux)")
	}
	// The server's socket lives in the test's own directory: tmux 3.3 does
	// not remove its socket on kill-server, and -L would leave one per test
	// in the shared tmux directory.
	s := &tmux{t: t, socket: tmuxSocket(t)}
	out, err := exec.Command("tmux", "-S", s.socket, "-f", "/dev/null", "new-session", "-d", "-s", "main",
		"-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "sh", "-c", shell).CombinedOutput()
	if err != nil {
		t.Skipf("tmux cannot run here: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() }) //nolint:errcheck
	return s
}

// tmuxSocket is a socket path inside a directory the test removes. A Unix
// socket path must stay under about 104 bytes (macOS; 108 on Linux), which
// a long TMPDIR and test name can pass: then a shorter directory of its own.
func tmuxSocket(t *testing.T) string {
	t.Helper()
	if p := filepath.Join(t.TempDir(), "sock"); len(p) < 100 {
		return p
	}
	dir, err := os.MkdirTemp("/tmp", "bq")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "sock")
}

func (s *tmux) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (s *tmux) screen() string { return s.run("capture-pane", "-p", "-t", "main") }
func (s *tmux) display(f string) string {
	return strings.TrimSpace(s.run("display-message", "-p", "-t", "main", f))
}

// paintedRows counts the pane's lines that paint at least 20 cells in a
// background colour (a drawn code's rows, at any scale; text paints none).
func (s *tmux) paintedRows() int {
	n := 0
	for _, l := range strings.Split(s.run("capture-pane", "-p", "-e", "-t", "main"), "\n") {
		if strings.Contains(l, "48;") && strings.Count(ansi.Strip(l), " ") >= 20 {
			n++
		}
	}
	return n
}

func (s *tmux) keys(k ...string) { s.run(append([]string{"send-keys", "-t", "main"}, k...)...) }

// waitFor polls the pane until cond holds (a real terminal cannot tell us
// when it has drawn; the deadline only bounds a failure).
func (s *tmux) waitFor(what string, cond func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var scr string
	for range tick.C {
		scr = s.screen()
		if cond(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			break
		}
	}
	s.t.Fatalf("waiting for %s; the screen:\n%s", what, scr)
	return ""
}

func (s *tmux) waitText(parts ...string) string {
	s.t.Helper()
	return s.waitFor(strings.Join(parts, " & "), func(scr string) bool {
		for _, p := range parts {
			if !strings.Contains(scr, p) {
				return false
			}
		}
		return true
	})
}

// waitFile waits for a file the shell writes after the binary exits.
func waitFile(t *testing.T, s *tmux, path string) string {
	t.Helper()
	s.waitFor(path, func(string) bool {
		b, err := os.ReadFile(path)
		return err == nil && strings.HasSuffix(string(b), "\n")
	})
	b, _ := os.ReadFile(path)
	return strings.TrimSpace(string(b))
}

// binaryShell is the shell line that runs biliqr against srv, then records
// its exit status and the terminal modes it left behind.
func binaryShell(t *testing.T, dir string, srv *passporttest.Server, extra string) string {
	return fmt.Sprintf(
		"XDG_CONFIG_HOME=%[1]s HOME=%[1]s %[2]s -locale en_US -passport-url %[3]s -api-url %[4]s %[5]s; "+
			"echo $? > %[1]s/exit.tmp; stty -a > %[1]s/stty; mv %[1]s/exit.tmp %[1]s/exit; exec sleep 60",
		dir, binary(t), srv.PassportURL(), srv.APIURL(), extra)
}

// The QR shows, a resize mid-flow redraws, and Ctrl+C while waiting for
// the phone exits 130 with the terminal as it was. The layout at 120×40
// depends on the ticket: most encode to a code drawn at one column per
// module, but one with long digit runs encodes smaller and is drawn at two,
// leaving a narrower text column. Both are pinned here, since a random
// ticket picks one of them.
func TestBinaryInTmuxCancel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		ticket string // from fixedTickets; ui picks the scale from its QR version
		at120  string // the hint as the 120×40 column breaks it
	}{
		{"one column per module", fixedTickets(0), "Open the app on your phone and use its scanner.\n"},
		{"two columns per module", fixedTickets(2), "Open the app on your phone and use its\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			slowBinaryRun(t)
			srv := passporttest.New(passporttest.Options{PlainHTTP: true, TicketIDs: func(int) string { return tc.ticket }})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			s := startTmux(t, 80, 24, binaryShell(t, dir, srv, "-o "+filepath.Join(dir, "cookies.txt")))
			testTmuxCancel(t, s, srv, dir, tc.at120)
		})
	}
}

func testTmuxCancel(t *testing.T, s *tmux, srv *passporttest.Server, dir, at120 string) {
	s.waitText("Scan with the bilibili.tv app", "Expires in")
	if s.display("#{alternate_on}") != "1" {
		t.Fatal("the app is not on the alternate screen")
	}
	// 80×24: the hint wraps in the narrow column beside the QR
	s.waitText("Open the app on your phone and\n")

	s.run("resize-window", "-t", "main", "-x", "120", "-y", "40")
	s.waitText(at120)
	srv.Scan()
	scr := s.waitText("Scanned — confirm on your phone")
	for _, secret := range srv.Secrets() {
		if strings.Contains(scr, secret) {
			t.Fatal("a secret is on screen")
		}
	}
	s.keys("C-c")
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "130" {
		t.Fatalf("exit status %s, want 130", code)
	}
	if got := s.display("#{alternate_on}"); got != "0" {
		t.Fatalf("alternate screen still on (%s)", got)
	}
	if got := s.display("#{cursor_flag}"); got != "1" {
		t.Fatalf("cursor hidden after exit (%s)", got)
	}
	stty, _ := os.ReadFile(filepath.Join(dir, "stty"))
	for _, mode := range []string{" echo ", " icanon ", " icrnl "} {
		if !strings.Contains(" "+strings.ReplaceAll(string(stty), "\n", " ")+" ", mode) {
			t.Errorf("terminal mode%snot restored: %s", mode, stty)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "cookies.txt")); !os.IsNotExist(err) {
		t.Fatal("a cancelled login wrote a session file")
	}
	if n := srv.Count(passporttest.EndpointSSO); n != 0 {
		t.Fatalf("%d completion requests after cancel", n)
	}
}

// A whole login in the real terminal: the summary line stays in the
// scrollback and the file is written 0600.
func TestBinaryInTmuxLogin(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "cookies.txt")
	s := startTmux(t, 80, 24, binaryShell(t, dir, srv, "-o "+out))
	s.waitText("Scan with the bilibili.tv app")
	srv.Confirm()
	s.waitText("Logged in as Mika (mid 42)")
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
		t.Fatalf("exit status %s, want 0", code)
	}
	summary := "Logged in to bilibili.tv as Mika (mid 42); session saved to " + out + " (netscape)"
	scr := s.waitFor("the summary line", func(scr string) bool {
		return strings.Contains(strings.ReplaceAll(scr, "\n", ""), summary) // it wraps at 80 columns
	})
	for _, secret := range srv.Secrets() {
		if strings.Contains(scr, secret) {
			t.Fatal("a secret is in the summary")
		}
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("session file mode %v", fi.Mode().Perm())
	}
	di, _ := os.Stat(filepath.Dir(out))
	if di.Mode().Perm() != 0o700 {
		t.Fatalf("created directory mode %v", di.Mode().Perm())
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "# Netscape HTTP Cookie File") || !strings.Contains(string(b), "\tSESSDATA\t") {
		t.Fatalf("session file:\n%s", b)
	}
}

// -demo plays the whole flow offline and touches no real file: the session
// goes to the demo's cache directory and the language picked is not
// remembered.
func TestBinaryDemoTouchesNothing(t *testing.T) {
	slowBinaryRun(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	// The demo polls every 300 ms here, not every 2 s: this test needs the
	// order of its screens, not the site's cadence.
	s := startTmux(t, 80, 24, fmt.Sprintf("XDG_CONFIG_HOME=%[1]s/cfg HOME=%[1]s TMPDIR=%[1]s/tmp %[3]s=300ms %[2]s -demo; echo $? > %[1]s/exit; exec sleep 60",
		dir, binary(t), passporttest.DemoPollEnv))
	s.waitText("[demo, offline]", "Choose your language")
	s.keys("Enter")
	s.waitText("Scan with the bilibili.tv app") // it scans and confirms by itself
	s.waitText("Logged in as Demo User")
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
		t.Fatalf("exit %s", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "cfg")); !os.IsNotExist(err) {
		t.Fatal("the demo wrote to the config directory")
	}
	s.waitFor("the summary", func(scr string) bool {
		return strings.Contains(strings.ReplaceAll(scr, "\n", ""), "session saved to "+dir+"/.cache/biliqr/demo/cookies.txt")
	})
	// in the demo's own cache directory: no /tmp/biliqr-demo-* litter
	if left, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(left) != 0 {
		t.Errorf("the demo left %v in TMPDIR", left)
	}
}
