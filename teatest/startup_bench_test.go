package teatest

import (
	"bytes"
	"fmt"
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

// qrOnScreen: the QR block is drawn down to its last module row. Two rows
// begin with a finder pattern's bottom edge (▀▀▀▀▀▀▀): the top-left one's
// and the bottom-left one's, which is the code's last row of modules; only
// quiet zone (blank as text) comes after it.
func qrOnScreen(scr string) bool {
	edges := 0
	for _, row := range strings.Split(scr, "\n") {
		if strings.HasPrefix(strings.TrimLeft(row, " "), "▀▀▀▀▀▀▀") {
			edges++
		}
	}
	return edges >= 2 && strings.Contains(scr, "Expires in")
}

// startToQR runs the binary in a PTY and returns how long it took from
// exec until the complete QR is on the emulated screen: until the read
// that brought the bytes completing it, so that the emulator's own work
// on them (it is slower than a terminal) is not counted.
func startToQR(tb testing.TB, srv *passporttest.Server, dir string, args ...string) time.Duration {
	tb.Helper()
	return startToQRWith(tb, binary(tb), 80, 24, srv, dir, args...)
}

// startToQRWith is startToQR for the binary bin in a cols×rows terminal.
func startToQRWith(tb testing.TB, bin string, cols, rows int, srv *passporttest.Server, dir string, args ...string) time.Duration {
	tb.Helper()
	cmd := loginCommand(bin, srv, dir, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	return startToQRCommand(tb, cmd, cols, rows)
}

// loginCommand is bin logging in against srv in English, into dir.
func loginCommand(bin string, srv *passporttest.Server, dir string, args ...string) *exec.Cmd {
	return exec.Command(bin, append([]string{"-locale", "en_US", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
		"-o", filepath.Join(dir, "cookies.txt")}, args...)...)
}

// startToQRCommand runs cmd in a cols×rows PTY until the whole QR is on
// the emulated screen, and returns how long that took from exec.
func startToQRCommand(tb testing.TB, cmd *exec.Cmd, cols, rows int) time.Duration {
	tb.Helper()
	wall, _ := startToQRCost(tb, cmd, cols, rows)
	return wall
}

// startToQRCost is startToQRCommand, with the CPU time the process had
// used by then (all its threads; cpuNanos). The start is CPU-bound, so
// CPU is the steadier measure of work saved: the wall time also swings
// with what else the two cores are doing.
func startToQRCost(tb testing.TB, cmd *exec.Cmd, cols, rows int) (wall, cpu time.Duration) {
	tb.Helper()
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		tb.Skipf("no pseudo-terminal here: %v", err)
	}
	defer func() {
		cmd.Process.Kill() //nolint:errcheck
		cmd.Wait()         //nolint:errcheck
		f.Close()
	}()
	emu := vt.NewEmulator(cols, rows)
	// The emulator answers the app's terminal queries, as a terminal would.
	go io.Copy(f, emu) //nolint:errcheck
	buf := make([]byte, 64<<10)
	deadline := time.Now().Add(10 * time.Second)
	f.SetReadDeadline(deadline) //nolint:errcheck
	for {
		n, err := f.Read(buf)
		arrived := time.Since(start)
		if n > 0 {
			emu.Write(bytes.ReplaceAll(buf[:n], []byte("\x1b[?1049l"), nil)) //nolint:errcheck
			if qrOnScreen(emu.String()) {
				return arrived, time.Duration(cpuNanos(cmd.Process.Pid))
			}
		}
		if err != nil {
			tb.Fatalf("no QR on screen: %v; screen:\n%s", err, emu.String())
		}
	}
}

// BenchmarkStartToQR: exec of the built binary in an 80×24 and a 100×32
// PTY until the whole QR is on screen, against the fake on loopback,
// round by round beside the binaries named in BILIQR_COMPARE (see
// contenders). Reports each one's median, and the median of the paired
// ratios to each (x-vs-LABEL below 1: the binary under test is faster).
// The tmux case runs inside a tmux server's environment (TMUX set, no
// COLORTERM), where finding the colour profile asks tmux.
func BenchmarkStartToQR(b *testing.B) {
	for _, size := range []struct {
		cols, rows int
		tmux       bool
	}{{80, 24, false}, {100, 32, false}, {80, 24, true}} {
		name := fmt.Sprintf("%dx%d", size.cols, size.rows)
		if size.tmux {
			name += "-tmux"
		}
		b.Run(name, func(b *testing.B) {
			cs := contenders(b)
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			b.Cleanup(srv.Close)
			dir := b.TempDir()
			env := append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
			if size.tmux {
				env = append(withoutColourHints(os.Environ()), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir,
					"TMUX="+benchTmuxServer(b)+",1,0")
			}
			runs := make([][]time.Duration, len(cs))
			cpus := make([][]time.Duration, len(cs))
			for b.Loop() {
				for i, c := range cs {
					cmd := loginCommand(c.bin, srv, dir)
					cmd.Env = env
					wall, cpu := startToQRCost(b, cmd, size.cols, size.rows)
					runs[i] = append(runs[i], wall)
					cpus[i] = append(cpus[i], cpu)
				}
			}
			reportPaired(b, cs, runs, "ms", "x-vs-")
			reportPaired(b, cs, cpus, "cpu-ms", "cpu-x-vs-")
		})
	}
}

// reportPaired reports each contender's median, and the median of the
// paired ratios of the binary under test to each other one (below 1: the
// binary under test took less).
func reportPaired(b *testing.B, cs []contender, runs [][]time.Duration, unit, ratioUnit string) {
	for i, c := range cs {
		u := unit + "-median"
		if i > 0 {
			u += "-" + c.label
			ratios := make([]float64, len(runs[0]))
			for r := range ratios {
				ratios[r] = float64(runs[0][r]) / float64(runs[i][r])
			}
			slices.Sort(ratios)
			b.ReportMetric(ratios[len(ratios)/2], ratioUnit+c.label)
		}
		sorted := slices.Clone(runs[i])
		slices.Sort(sorted)
		b.ReportMetric(float64(sorted[len(sorted)/2].Microseconds())/1000, u)
	}
}

// withoutColourHints is env without what tells a program its colours
// outright (COLORTERM=truecolor, NO_COLOR, CLICOLOR_FORCE, Windows
// Terminal's and Cloud Shell's markers): with them, nobody asks tmux.
func withoutColourHints(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return slices.Contains([]string{"COLORTERM", "NO_COLOR", "CLICOLOR_FORCE", "WT_SESSION", "GOOGLE_CLOUD_SHELL"}, k)
	})
}

// benchTmuxServer starts a tmux server for the benchmark and returns its
// socket; skipped where tmux cannot run.
func benchTmuxServer(b *testing.B) string {
	b.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	dir, err := os.MkdirTemp("/tmp", "bq") // a socket path must stay short
	if err != nil {
		b.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	if out, err := exec.Command("tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "-s", "main", "sleep 3600").CombinedOutput(); err != nil {
		b.Skipf("tmux cannot run here: %v: %s", err, out)
	}
	b.Cleanup(func() {
		exec.Command("tmux", "-S", sock, "kill-server").Run() //nolint:errcheck
		os.RemoveAll(dir)
	})
	return sock
}

// BenchmarkStartToQRProbe: the same, with the kitty graphics probe (auto
// on a terminal that answers DA1 but no graphics: the emulator) and
// without it (-qr blocks asks nothing), side by side: the probe goes out
// with the start-up queries and the code is drawn while it is out.
func BenchmarkStartToQRProbe(b *testing.B) {
	for _, c := range []struct {
		name string
		args []string
	}{{"probe", nil}, {"no-probe", []string{"-qr", "blocks"}}} {
		b.Run(c.name, func(b *testing.B) {
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			b.Cleanup(srv.Close)
			dir := b.TempDir()
			var runs []time.Duration
			for b.Loop() {
				runs = append(runs, startToQR(b, srv, dir, c.args...))
			}
			slices.Sort(runs)
			b.ReportMetric(float64(runs[len(runs)/2].Microseconds())/1000, "ms-median")
		})
	}
}

// The same path as the benchmark, run once as a test so that it keeps
// working (the timing itself is only measured by the benchmark).
func TestStartToQRInPTY(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	startToQR(t, srv, t.TempDir())
	if n := srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Fatalf("%d ticket requests for one QR", n)
	}
}
