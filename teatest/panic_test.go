package teatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A panic anywhere (in a command, or in the goroutine that prefetches the
// first ticket) leaves the terminal as it was before the trace is printed.
func TestPanicRestoresTerminal(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "panicapp")
	if out, err := exec.Command("go", "build", "-o", app, "./testdata/panicapp").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, mode := range []string{"command", "prefetch"} {
		t.Run(mode, func(t *testing.T) {
			sub := t.TempDir()
			s := startTmux(t, 80, 24, app+" "+mode+" 2>&1; echo $? > "+sub+"/exit.tmp; stty -a > "+sub+"/stty; mv "+sub+"/exit.tmp "+sub+"/exit; exec sleep 60")
			if code := waitFile(t, s, filepath.Join(sub, "exit")); code == "0" {
				t.Fatal("exit status 0 after a panic")
			}
			scr := s.run("capture-pane", "-p", "-S", "-", "-t", "main") // the trace scrolls
			for _, want := range []string{"Caught panic", "boom in RequestTicket", "Restoring terminal"} {
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
