package teatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A panic anywhere (in a command, in the goroutine that prefetches the
// first ticket, or in Update) leaves the terminal as it was before the
// trace is printed, and the trace stays readable on the normal screen.
func TestPanicRestoresTerminal(t *testing.T) {
	skipShort(t, "builds a second binary")
	t.Parallel()
	dir := t.TempDir()
	app := filepath.Join(dir, "panicapp")
	if out, err := exec.Command("go", "build", "-o", app, "./testdata/panicapp").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		mode string
		want []string // on the normal screen, with the scrollback
	}{
		// ours: the summary line, then Go's own panic text and stack
		{"command", []string{"biliqr: login failed: internal error", "panic: boom in RequestTicket", "goroutine ", "panickyClient.RequestTicket"}},
		{"prefetch", []string{"biliqr: login failed: internal error", "panic: boom in RequestTicket", "goroutine ", "panickyClient.RequestTicket"}},
		// Bubble Tea's, for a panic on its own goroutine
		{"update", []string{"Caught panic", "boom in Update", "Restoring terminal"}},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			sub := t.TempDir()
			s := startTmux(t, 80, 24, app+" "+tc.mode+" 2>&1; echo $? > "+sub+"/exit.tmp; stty -a > "+sub+"/stty; mv "+sub+"/exit.tmp "+sub+"/exit; exec sleep 60")
			if tc.mode == "update" {
				s.waitText("Requesting a QR code")
				s.keys("x")
			}
			if code := waitFile(t, s, filepath.Join(sub, "exit")); code != "1" {
				t.Fatalf("exit status %s after a panic, want 1", code)
			}
			scr := s.run("capture-pane", "-p", "-J", "-S", "-", "-t", "main") // the trace scrolls
			for _, want := range tc.want {
				if !strings.Contains(scr, want) {
					t.Fatalf("no %q in:\n%s", want, scr)
				}
			}
			if got := s.display("#{alternate_on}"); got != "0" {
				t.Fatalf("alternate screen still on after the panic:\n%s", scr)
			}
			if got := s.display("#{cursor_flag}"); got != "1" {
				t.Fatal("cursor hidden after the panic")
			}
			stty, _ := os.ReadFile(filepath.Join(sub, "stty"))
			if !strings.Contains(" "+strings.ReplaceAll(string(stty), "\n", " ")+" ", " echo ") {
				t.Fatalf("echo not restored: %s", stty)
			}
		})
	}
}
