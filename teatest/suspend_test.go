//go:build unix

package teatest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// Ctrl+Z (the key) and SIGTSTP from outside stop the full-screen app with
// the terminal restored; fg brings back raw mode and the screen: q then
// quits without Enter, and nothing typed is echoed over the screen. After
// kill -TSTP the app used to run on in cooked mode.
func TestBinaryInTmuxSuspend(t *testing.T) {
	for _, how := range []string{"ctrl+z", "SIGTSTP"} {
		t.Run(how, func(t *testing.T) {
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			// An interactive shell with job control, as a person has. The
			// job is a subshell, so that its exit status is written when
			// biliqr ends after fg.
			job := fmt.Sprintf("( sh -c 'echo $$ > %[1]s/pid; exec env XDG_CONFIG_HOME=%[1]s HOME=%[1]s %[2]s -locale en_US -passport-url %[3]s -api-url %[4]s -o %[1]s/cookies.txt'; echo $? > %[1]s/exit.tmp; mv %[1]s/exit.tmp %[1]s/exit )",
				dir, binPath, srv.PassportURL(), srv.APIURL())
			s := startTmux(t, 80, 24, "PS1='$ ' exec bash --norc --noprofile -i")
			s.waitText("$")
			s.keys(job, "Enter")
			s.waitText("Scan with the bilibili.tv app", "Expires in")
			if s.display("#{alternate_on}") != "1" {
				t.Fatal("the app is not on the alternate screen")
			}
			if how == "ctrl+z" {
				s.keys("C-z")
			} else {
				b, err := os.ReadFile(filepath.Join(dir, "pid"))
				if err != nil {
					t.Fatal(err)
				}
				pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
				if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
					t.Fatal(err)
				}
			}
			s.waitText("Stopped")
			if s.display("#{alternate_on}") != "0" || s.display("#{cursor_flag}") != "1" {
				t.Fatalf("stopped with the terminal not restored (alternate %s, cursor %s)", s.display("#{alternate_on}"), s.display("#{cursor_flag}"))
			}
			s.keys("fg", "Enter")
			s.waitFor("the app back on the alternate screen", func(scr string) bool {
				return s.display("#{alternate_on}") == "1" && strings.Contains(scr, "Scan with the bilibili.tv app")
			})
			s.keys("x") // raw mode: not echoed, no effect
			s.keys("q") // raw mode: no Enter needed
			if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "130" {
				t.Fatalf("exit status %s, want 130; screen:\n%s", code, s.screen())
			}
			if scr := s.screen(); strings.Contains(scr, "^[") || strings.Contains(scr, "x\n") && strings.Contains(scr, "Scan with") {
				t.Errorf("the screen after quitting:\n%s", scr)
			}
		})
	}
}
