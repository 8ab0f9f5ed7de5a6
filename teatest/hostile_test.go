//go:build linux

package teatest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui/stream"
)

// waitFake waits for the fake to report an event of kind.
func waitFake(t *testing.T, srv *passporttest.Server, kind passporttest.EventKind) {
	t.Helper()
	deadline := time.After(patience)
	for {
		select {
		case ev := <-srv.Events():
			if ev.Kind == kind {
				return
			}
		case <-deadline:
			t.Fatalf("the fake never reported event %v", kind)
		}
	}
}

// savedFile writes a valid session for srv at a new path and returns it
// with its bytes.
func savedFile(t *testing.T, srv *passporttest.Server) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cookies.txt")
	if err := session.WriteFile(path, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// Every signal that ends biliqr ends -check and -logout as it ends a
// login: 128+n (SIGQUIT 131, not 2), no goroutine dump, the session file
// as it was, and a line that says it was cancelled (not "network
// trouble"), in -check -format json's message too.
func TestBinaryCheckLogoutSignals(t *testing.T) {
	for _, mode := range []string{"-check", "-check -format json", "-logout"} {
		for _, tc := range []struct {
			sig  syscall.Signal
			want int
		}{{syscall.SIGQUIT, 131}, {syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
			t.Run(mode+"/"+tc.sig.String(), func(t *testing.T) {
				srv := passporttest.New(passporttest.Options{PlainHTTP: true})
				t.Cleanup(srv.Close)
				path, before := savedFile(t, srv)
				endpoint := passporttest.EndpointUser
				if mode == "-logout" {
					endpoint = passporttest.EndpointLogout
				}
				srv.Fail(passporttest.Fault{Endpoint: endpoint, Kind: passporttest.Hang, Times: 100})
				p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), append(strings.Fields(mode), "-o", path)...)...)
				waitFake(t, srv, passporttest.EventHanging)
				if err := p.cmd.Process.Signal(tc.sig); err != nil {
					t.Fatal(err)
				}
				p.wantExit(t, tc.want)
				if e := p.errOut.String(); strings.Contains(e, "goroutine ") || len(e) > 300 {
					t.Errorf("stderr:\n%s", e)
				}
				said := p.out.String() + p.errOut.String()
				if !strings.Contains(said, "cancelled") || strings.Contains(said, "network") {
					t.Errorf("the signal is not said to have cancelled it:\n%s", said)
				}
				if strings.HasSuffix(mode, "json") && !strings.Contains(p.out.String(), `"reason":"cancelled"`) {
					t.Errorf("no reason cancelled:\n%s", p.out.String())
				}
				if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, before) {
					t.Errorf("session file changed: %v", err)
				}
			})
		}
	}
}

// stalledPipe is a pipe of 4 KiB that nobody reads: what a stopped reader
// (a paused pager, a frozen SSH session) looks like to the writer.
func stalledPipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	const fSetPipeSz = 1031 // F_SETPIPE_SZ (Linux)
	if _, _, errno := syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), fSetPipeSz, 4096); errno != 0 {
		t.Fatalf("F_SETPIPE_SZ: %v", errno)
	}
	return w
}

// A reader that stops reading does not freeze the app: the login goes on
// (new codes are still fetched after the pipe is full), and a first
// signal ends it within about a second, with its status.
func TestBinaryStalledPipe(t *testing.T) {
	slowBinaryRun(t)
	for _, tc := range []struct {
		name  string
		args  []string
		stall func(cmd *exec.Cmd, w *os.File)
		sig   syscall.Signal
		want  int
	}{
		{"plain stdout/SIGTERM", []string{"-plain"}, func(c *exec.Cmd, w *os.File) { c.Stdout = w }, syscall.SIGTERM, 143},
		{"plain stdout/SIGINT", []string{"-plain"}, func(c *exec.Cmd, w *os.File) { c.Stdout = w }, syscall.SIGINT, 130},
		{"plain stdout/SIGHUP", []string{"-plain"}, func(c *exec.Cmd, w *os.File) { c.Stdout = w }, syscall.SIGHUP, 129},
		{"json stderr/SIGTERM", []string{"-json"}, func(c *exec.Cmd, w *os.File) { c.Stderr = w }, syscall.SIGTERM, 143},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			t.Cleanup(srv.Close)
			// every poll answers "expired": a new QR follows each
			srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode,
				Code: 10018100, Times: 1000})
			dir := t.TempDir()
			w := stalledPipe(t)
			p := startProc(t, streamEnv(t), func(cmd *exec.Cmd) {
				cmd.Stdin = nil
				cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
				tc.stall(cmd, w)
			}, append(serverFlags(srv), append(tc.args, "-locale", "en_US", "-o", filepath.Join(dir, "cookies.txt"))...)...)
			// Each code's text is about 3 KiB: by the third the pipe has
			// long been full, and the app still asks for codes.
			for range 3 {
				waitFake(t, srv, passporttest.EventTicket)
			}
			start := time.Now()
			if err := p.cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			p.wantExit(t, tc.want)
			// Without the signal the end would wait stream.FlushWait for the
			// stalled reader; the signal cuts that wait to 0.8 s. So the
			// bound is FlushWait itself: a run that waited it out took at
			// least that long, whatever the machine, while the cut run has
			// seconds to spare on a busy one (2.9 s seen under load).
			if d := time.Since(start); d >= stream.FlushWait {
				t.Errorf("the signal took %v to end the run: it waited out the stalled reader", d)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
}

// A reader that leaves early (| head -1) or a closed stderr does not kill
// the login: it finishes, saves the session and exits 0.
func TestBinaryReaderLeaves(t *testing.T) {
	slowBinaryRun(t)
	for _, which := range []string{"stdout", "stderr"} {
		t.Run(which, func(t *testing.T) {
			srv := autoFake(t)
			out := filepath.Join(t.TempDir(), "cookies.txt")
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			p := startProc(t, streamEnv(t), func(cmd *exec.Cmd) {
				cmd.Stdin = nil
				cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
				if which == "stdout" {
					cmd.Stdout = w
				} else {
					cmd.Stderr = w
				}
			}, append(serverFlags(srv), "-json", "-locale", "en_US", "-o", out)...)
			w.Close()
			if which == "stdout" {
				line, err := bufio.NewReader(r).ReadString('\n') // head -1
				if err != nil || !strings.Contains(line, `"event"`) {
					t.Fatalf("first line %q, %v", line, err)
				}
			}
			r.Close()
			p.wantExit(t, 0)
			if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "SESSDATA") {
				t.Fatalf("session not saved: %v", err)
			}
		})
	}
}

// -check on a "regular file" whose read never ends gives up with a clear
// error instead of hanging. /proc/kmsg is such a file, but reading it
// takes kernel messages from whoever else reads them: the test runs only
// when asked (BILIQR_TEST_KMSG=1) and where /proc/kmsg opens.
func TestBinaryCheckNeverEndingFile(t *testing.T) {
	if os.Getenv("BILIQR_TEST_KMSG") != "1" {
		t.Skip("reads /proc/kmsg; set BILIQR_TEST_KMSG=1 to run")
	}
	f, err := os.Open("/proc/kmsg")
	if err != nil {
		t.Skip(err)
	}
	f.Close()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-check", "-o", "/proc/kmsg")...)
	p.wantExit(t, 1) // the line below says it gave up at its own bound
	if !strings.Contains(p.out.String(), "cannot read /proc/kmsg: reading it did not finish after 5s") {
		t.Errorf("stdout %q", p.out.String())
	}
}

// -check and -logout on an output nobody reads (a full pipe) do not hang:
// the line is given up after about 5 s, as -plain and -json give theirs
// up, and the mode's own status is kept; a signal while the line waits
// ends the run at once with 128+n (the first signal used to be ignored,
// the process blocked in the write).
func TestBinaryCheckStalledOutput(t *testing.T) {
	t.Parallel() // each case waits about 5 s for a reader that never comes
	for _, tc := range []struct {
		mode string
		sig  syscall.Signal
		want int
	}{{"-check", 0, 0}, {"-check", syscall.SIGTERM, 143}, {"-logout", 0, 0}, {"-logout", syscall.SIGINT, 130}} {
		t.Run(fmt.Sprint(tc.mode, "/", tc.sig), func(t *testing.T) {
			t.Parallel()
			srv := passporttest.New(passporttest.Options{PlainHTTP: true})
			t.Cleanup(srv.Close)
			path, _ := savedFile(t, srv)
			w := stalledPipe(t)
			if _, err := w.Write(make([]byte, 4096)); err != nil { // full
				t.Fatal(err)
			}
			endpoint := passporttest.EndpointUser
			if tc.mode == "-logout" {
				endpoint = passporttest.EndpointLogout
			}
			before := srv.Count(endpoint)
			p := startProc(t, streamEnv(t), func(cmd *exec.Cmd) {
				cmd.Stdin = nil
				cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
				cmd.Stdout = w
			}, append(serverFlags(srv), tc.mode, "-locale", "en_US", "-o", path)...)
			if tc.sig != 0 {
				waitCount(t, srv, endpoint, before) // its answer is what it writes next
				if err := p.cmd.Process.Signal(tc.sig); err != nil {
					t.Fatal(err)
				}
			}
			p.wantExit(t, tc.want)
		})
	}
}

// waitCount waits until the fake has had more than before requests for
// endpoint.
func waitCount(t *testing.T, srv *passporttest.Server, endpoint string, before int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for srv.Count(endpoint) <= before {
		if time.Now().After(deadline) {
			t.Fatalf("no request for %s", endpoint)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
