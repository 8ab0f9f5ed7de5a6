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

// A signal while the QR code shows leaves the terminal as it was, like
// Ctrl+C: main screen, cursor shown, cooked mode; the exit status is
// 128+n, as a shell reports a death by that signal. SIGHUP and SIGQUIT
// used to kill the process with the alternate screen on, the cursor
// hidden and the tty in raw mode.
func TestBinaryInTmuxSignals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sig  syscall.Signal
		want int
	}{
		{syscall.SIGHUP, 129},
		{syscall.SIGQUIT, 131},
		{syscall.SIGTERM, 143},
		{syscall.SIGINT, 130},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			t.Cleanup(srv.Close)
			dir := t.TempDir()
			// The shell records the binary's pid (exec keeps it), then its
			// exit status and the terminal modes it left behind.
			shell := fmt.Sprintf(
				"echo before-biliqr; sh -c 'echo $$ > %[1]s/pid; exec env XDG_CONFIG_HOME=%[1]s HOME=%[1]s %[2]s -locale en_US -passport-url %[3]s -api-url %[4]s -o %[1]s/cookies.txt'; "+
					"echo $? > %[1]s/exit.tmp; stty -a > %[1]s/stty; mv %[1]s/exit.tmp %[1]s/exit; exec sleep 60",
				dir, binary(t), srv.PassportURL(), srv.APIURL())
			s := startTmux(t, 80, 24, shell)
			s.waitText("Scan with the bilibili.tv app", "Expires in")
			if s.display("#{alternate_on}") != "1" {
				t.Fatal("the app is not on the alternate screen")
			}
			b, err := os.ReadFile(filepath.Join(dir, "pid"))
			if err != nil {
				t.Fatal(err)
			}
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			if err := syscall.Kill(pid, tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := waitFile(t, s, filepath.Join(dir, "exit")); code != strconv.Itoa(tc.want) {
				t.Fatalf("exit status %s, want %d", code, tc.want)
			}
			if got := s.display("#{alternate_on}"); got != "0" {
				t.Fatalf("alternate screen still on (%s)", got)
			}
			if got := s.display("#{cursor_flag}"); got != "1" {
				t.Fatalf("cursor hidden after exit (%s)", got)
			}
			// the normal screen is back, with what was on it before
			s.waitText("before-biliqr", "biliqr: cancelled; nothing was saved")
			stty, _ := os.ReadFile(filepath.Join(dir, "stty"))
			for _, mode := range []string{" echo ", " icanon ", " icrnl "} {
				if !strings.Contains(" "+strings.ReplaceAll(string(stty), "\n", " ")+" ", mode) {
					t.Errorf("terminal mode%snot restored: %s", mode, stty)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "cookies.txt")); !os.IsNotExist(err) {
				t.Fatal("a session file was written")
			}
		})
	}
}
