//go:build linux

package teatest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// deviceAttributesRequest (DA1) is what a program writes to learn that the
// terminal has answered every query before it: Bubble Tea v2.2.0 writes it
// as it quits and then waits for the answer, up to half a second.
const deviceAttributesRequest = "\x1b[c"

// mute is biliqr in an 80×24 PTY whose terminal never answers a query
// (an emulator that draws but whose replies go nowhere), showing its code.
type mute struct {
	cmd    *exec.Cmd
	pty    *os.File
	out    chan []byte // what the app writes, write by write
	closed chan struct{}
}

func startMute(tb testing.TB, bin string) *mute {
	tb.Helper()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	tb.Cleanup(srv.Close)
	dir := tb.TempDir()
	m := &mute{out: make(chan []byte, 1<<12), closed: make(chan struct{})}
	m.cmd = exec.Command(bin, "-locale", "en_US", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
		"-o", filepath.Join(dir, "cookies.txt"))
	m.cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	var err error
	if m.pty, err = pty.StartWithSize(m.cmd, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		tb.Skipf("no pseudo-terminal here: %v", err)
	}
	go func() {
		defer close(m.closed)
		buf := make([]byte, 64<<10)
		for {
			n, err := m.pty.Read(buf)
			if n > 0 {
				m.out <- bytes.Clone(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	// The emulator draws, and its replies go nowhere: a mute terminal.
	emu := vt.NewEmulator(80, 24)
	go io.Copy(io.Discard, emu) //nolint:errcheck
	deadline := time.After(10 * time.Second)
	for !qrOnScreen(emu.String()) {
		select {
		case b := <-m.out:
			emu.Write(bytes.ReplaceAll(b, []byte("\x1b[?1049l"), nil)) //nolint:errcheck
		case <-deadline:
			tb.Fatalf("no QR on screen:\n%s", emu.String())
		}
	}
	return m
}

// quit presses q and returns what the app wrote from then until it exited,
// and its exit status.
func (m *mute) quit(tb testing.TB) (after string, code int) {
	tb.Helper()
	for len(m.out) > 0 {
		<-m.out
	}
	if _, err := m.pty.Write([]byte("q")); err != nil {
		tb.Fatal(err)
	}
	err := m.cmd.Wait()
	var b strings.Builder
	for {
		select {
		case chunk := <-m.out:
			b.Write(chunk)
			continue
		case <-m.closed:
		}
		break
	}
	for len(m.out) > 0 {
		b.Write(<-m.out)
	}
	m.pty.Close()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return b.String(), exit.ExitCode()
	}
	return b.String(), 0
}

// q right after start, on a terminal that never answers a query (the
// start-up's background colour and the width probe are still unanswered):
// biliqr leaves at once. It asks the terminal nothing more as it quits (no
// DA1 request), so it does not wait for a reply that will not come, and
// the screen is restored.
func TestQuitDoesNotWaitForAMuteTerminal(t *testing.T) {
	t.Parallel()
	m := startMute(t, binary(t))
	after, code := m.quit(t)
	if strings.Contains(after, deviceAttributesRequest) {
		t.Errorf("quitting asked the terminal for its attributes (and waits for the answer): %q", after)
	}
	if code != 130 {
		t.Errorf("exit %d, want 130 (cancelled)", code)
	}
	if !strings.Contains(after, "\x1b[?1049l") {
		t.Errorf("the screen was not restored: %q", after)
	}
}

// BenchmarkQuitMuteTerminal: from q to exit, on a terminal that never
// answers, within a second of the app's queries; beside BILIQR_COMPARE's
// binaries (Bubble Tea v2.2.0's drain waits 500 ms here).
func BenchmarkQuitMuteTerminal(b *testing.B) {
	cs := contenders(b)
	runs := make([][]time.Duration, len(cs))
	for b.Loop() {
		for i, c := range cs {
			m := startMute(b, c.bin)
			start := time.Now()
			m.quit(b)
			runs[i] = append(runs[i], time.Since(start))
		}
	}
	for i, c := range cs {
		unit := "ms-median"
		if i > 0 {
			unit += "-" + c.label
		}
		slices.Sort(runs[i])
		b.ReportMetric(float64(runs[i][len(runs[i])/2].Microseconds())/1000, unit)
	}
}
