//go:build linux

package teatest

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// cpuTicks is the process's user+system time in clock ticks (/proc).
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// fields after the command name (which may hold spaces) in parentheses
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return ut + st
}

// wakeups is how often the process's threads were switched in: the sum of
// voluntary and involuntary context switches over /proc/PID/task.
func wakeups(pid int) int64 {
	tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/status")
	var n int64
	for _, task := range tasks {
		b, err := os.ReadFile(task)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "voluntary_ctxt_switches:"); ok {
				c, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				n += c
			} else if v, ok := strings.CutPrefix(line, "nonvoluntary_ctxt_switches:"); ok {
				c, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				n += c
			}
		}
	}
	return n
}

// BenchmarkWaitingCost runs the binary in a PTY, lets it wait for a scan
// for BILIQR_WAIT_SECONDS (default 10; the figure in .github/CONTRIBUTING.md uses 60), and
// reports its CPU use while waiting, the frames it drew per second, and
// the peak RSS over the whole login that follows. Run with -benchtime 1x.
// The binary runs on one thread unless GOMAXPROCS is set in the
// environment (it is passed on): GOMAXPROCS=2 measures the old default.
func BenchmarkWaitingCost(b *testing.B) {
	if binPath == "" {
		b.Fatal("the biliqr binary did not build")
	}
	wait := 10 * time.Second
	if s, err := strconv.Atoi(os.Getenv("BILIQR_WAIT_SECONDS")); err == nil && s > 0 {
		wait = time.Duration(s) * time.Second
	}
	const clkTck = 100 // USER_HZ on Linux
	for b.Loop() {
		srv := passporttest.New(passporttest.Options{PlainHTTP: true})
		dir := b.TempDir()
		cmd := exec.Command(binPath, "-locale", "en_US", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
			"-o", filepath.Join(dir, "cookies.txt"))
		cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		if err != nil {
			b.Skipf("no pseudo-terminal here: %v", err)
		}
		emu := vt.NewEmulator(80, 24)
		go io.Copy(f, emu) //nolint:errcheck
		frames := make(chan int, 1024)
		done := make(chan struct{})
		go func() {
			defer close(done)
			buf := make([]byte, 64<<10)
			for {
				n, err := f.Read(buf)
				if n > 0 {
					frames <- 1 // a frame reaches the terminal in one write

					emu.Write(bytes.ReplaceAll(buf[:n], []byte("\x1b[?1049l"), nil)) //nolint:errcheck
				}
				if err != nil {
					return
				}
			}
		}()
		for !qrOnScreen(emu.String()) {
			select {
			case <-frames:
			case <-time.After(10 * time.Second):
				b.Fatal("no QR")
			}
		}
		// drain the start-up frames, then measure the wait
		time.Sleep(500 * time.Millisecond)
		for len(frames) > 0 {
			<-frames
		}
		t0, c0, w0 := time.Now(), cpuTicks(cmd.Process.Pid), wakeups(cmd.Process.Pid)
		time.Sleep(wait)
		elapsed, c1, w1 := time.Since(t0), cpuTicks(cmd.Process.Pid), wakeups(cmd.Process.Pid)
		n := 0
		for len(frames) > 0 {
			n += <-frames
		}
		// then the whole login, for peak memory
		srv.Confirm()
		cmd.Wait() //nolint:errcheck
		f.Close()
		<-done
		srv.Close()
		ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		b.ReportMetric(float64(c1-c0)/clkTck/elapsed.Seconds()*100, "cpu-%-waiting")
		b.ReportMetric(float64(n)/elapsed.Seconds(), "frames/s-waiting")
		b.ReportMetric(float64(w1-w0)/elapsed.Seconds(), "wakeups/s-waiting")
		if ru != nil {
			b.ReportMetric(float64(ru.Maxrss)/1024, "MB-peak-RSS")
		}
	}
}
