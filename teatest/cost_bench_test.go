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

// cpuNanos is the time the process's threads have spent on a CPU, in
// nanoseconds: the scheduler's own count (/proc/PID/task/*/schedstat),
// not clock ticks, which at 100 Hz cannot tell 0.01 % from 0.5 % of a
// core over a minute. A Go program's threads live as long as it does, so
// the sum over the live ones is the process's.
func cpuNanos(pid int) int64 {
	return sumTasks(pid, "schedstat", func(b []byte) int64 {
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		return n
	})
}

// wakeups is how often the process's threads were switched in: the sum of
// voluntary and involuntary context switches over /proc/PID/task.
func wakeups(pid int) int64 {
	return sumTasks(pid, "status", func(b []byte) int64 {
		var n int64
		for _, line := range strings.Split(string(b), "\n") {
			for _, key := range []string{"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"} {
				if v, ok := strings.CutPrefix(line, key); ok {
					c, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
					n += c
				}
			}
		}
		return n
	})
}

func sumTasks(pid int, file string, read func([]byte) int64) int64 {
	tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/" + file)
	var n int64
	for _, task := range tasks {
		if b, err := os.ReadFile(task); err == nil {
			n += read(b)
		}
	}
	return n
}

// contender is one binary measured side by side with the others: the
// biliqr under test, and those named in BILIQR_COMPARE.
type contender struct {
	label, bin string
	args       []string // more flags (-plain: the same login without a renderer)
}

// contenders is the biliqr under test, then BILIQR_COMPARE's
// "label=path [flag…];label=path" (an older build, the same code at
// another frame rate, or with -plain), each run side by side with it so
// that the machine's load falls on all alike.
func contenders(tb testing.TB) []contender {
	tb.Helper()
	out := []contender{{"biliqr", releaseBinary(tb), nil}}
	for _, item := range strings.Split(os.Getenv("BILIQR_COMPARE"), ";") {
		if label, cmd, ok := strings.Cut(item, "="); ok {
			f := strings.Fields(cmd)
			out = append(out, contender{label, f[0], f[1:]})
		}
	}
	return out
}

// waitingApp is one biliqr in an 80×24 PTY, showing its code.
type waitingApp struct {
	contender
	srv    *passporttest.Server
	cmd    *exec.Cmd
	pty    *os.File
	frames chan int
	done   chan struct{}
}

func startWaiting(b *testing.B, c contender) *waitingApp {
	b.Helper()
	a := &waitingApp{contender: c, srv: passporttest.New(passporttest.Options{PlainHTTP: true}),
		frames: make(chan int, 1<<16), done: make(chan struct{})}
	dir := b.TempDir()
	a.cmd = exec.Command(c.bin, append([]string{"-locale", "en_US", "-passport-url", a.srv.PassportURL(), "-api-url", a.srv.APIURL(),
		"-o", filepath.Join(dir, "cookies.txt")}, c.args...)...)
	a.cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	var err error
	if a.pty, err = pty.StartWithSize(a.cmd, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		b.Skipf("no pseudo-terminal here: %v", err)
	}
	emu := vt.NewEmulator(80, 24)
	go io.Copy(a.pty, emu) //nolint:errcheck // the emulator answers the app's queries
	onScreen := make(chan struct{})
	go func() {
		defer close(a.done)
		buf, shown := make([]byte, 64<<10), false
		for {
			n, err := a.pty.Read(buf)
			if n > 0 {
				a.frames <- 1                                                    // a frame reaches the terminal in one write
				emu.Write(bytes.ReplaceAll(buf[:n], []byte("\x1b[?1049l"), nil)) //nolint:errcheck
				if !shown && (qrOnScreen(emu.String()) || bytes.Contains(bytes.ToLower(buf[:n]), []byte("expires in"))) {
					shown = true
					close(onScreen)
				}
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case <-onScreen:
	case <-time.After(10 * time.Second):
		b.Fatalf("%s: no QR", c.label)
	}
	return a
}

// procReading is one process's counters at one moment.
type procReading struct{ cpu, wakeups int64 }

func read(pid int) procReading { return procReading{cpuNanos(pid), wakeups(pid)} }

// BenchmarkWaitingCost runs biliqr in a PTY while it waits for a scan for
// BILIQR_WAIT_SECONDS (default 20; the table in .github/CONTRIBUTING.md
// uses 150, most of a code's life, since the time left changes more often
// in its last minute), beside a bare Go program waking once a second (the
// floor) and the binaries named in BILIQR_COMPARE, all at once.
// It reports each one's share of a core, wakeups and frames per second,
// its ratio to the floor, and, over the whole login that follows, its
// peak RSS. Run with -benchtime 1x. The binary goes to one thread a
// second after its code is shown unless GOMAXPROCS is set in the
// environment (it is passed on).
func BenchmarkWaitingCost(b *testing.B) {
	wait := 20 * time.Second
	if s, err := strconv.Atoi(os.Getenv("BILIQR_WAIT_SECONDS")); err == nil && s > 0 {
		wait = time.Duration(s) * time.Second
	}
	ticker := filepath.Join(b.TempDir(), "ticker")
	if out, err := exec.Command("go", "build", "-o", ticker, "./testdata/ticker").CombinedOutput(); err != nil {
		b.Fatalf("building the ticker: %v\n%s", err, out)
	}
	for b.Loop() {
		var apps []*waitingApp
		for _, c := range contenders(b) {
			apps = append(apps, startWaiting(b, c))
		}
		floor := exec.Command(ticker, "-hz", "1")
		if err := floor.Start(); err != nil {
			b.Fatal(err)
		}
		// the start-up frames, the renderer's half second of idle frames
		// and the switch to one thread (a second after the code) pass,
		// then the wait is measured
		time.Sleep(2 * time.Second)
		before := make([]procReading, len(apps))
		for i, a := range apps {
			for len(a.frames) > 0 {
				<-a.frames
			}
			before[i] = read(a.cmd.Process.Pid)
		}
		floor0, t0 := read(floor.Process.Pid), time.Now()
		time.Sleep(wait)
		elapsed := time.Since(t0).Seconds()
		floor1 := read(floor.Process.Pid)
		floor.Process.Kill() //nolint:errcheck
		floor.Wait()         //nolint:errcheck
		floorCPU := float64(floor1.cpu-floor0.cpu) / 1e9 / elapsed * 100
		b.ReportMetric(floorCPU, "cpu-%-floor")
		b.ReportMetric(float64(floor1.wakeups-floor0.wakeups)/elapsed, "wakeups/s-floor")
		var first float64
		for i, a := range apps {
			after := read(a.cmd.Process.Pid)
			n := 0
			for len(a.frames) > 0 {
				n += <-a.frames
			}
			cpu := float64(after.cpu-before[i].cpu) / 1e9 / elapsed * 100
			unit := func(u string) string {
				if i == 0 {
					return u
				}
				return u + "-" + a.label
			}
			b.ReportMetric(cpu, unit("cpu-%-waiting"))
			b.ReportMetric(cpu/floorCPU, unit("x-floor-cpu"))
			b.ReportMetric(float64(after.wakeups-before[i].wakeups)/elapsed, unit("wakeups/s-waiting"))
			b.ReportMetric(float64(n)/elapsed, unit("frames/s-waiting"))
			if i == 0 {
				first = cpu
			} else {
				b.ReportMetric(first/cpu, "x-cpu-vs-"+a.label)
			}
		}
		// then the whole login, for peak memory
		for i, a := range apps {
			a.srv.Confirm()
			a.cmd.Wait() //nolint:errcheck
			a.pty.Close()
			<-a.done
			a.srv.Close()
			if ru, ok := a.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				label := "MB-peak-RSS"
				if i > 0 {
					label += "-" + a.label
				}
				b.ReportMetric(float64(ru.Maxrss)/1024, label)
			}
		}
	}
}
