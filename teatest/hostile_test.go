//go:build linux

package teatest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
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
// as it was.
func TestBinaryCheckLogoutSignals(t *testing.T) {
	for _, mode := range []string{"-check", "-logout"} {
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
				p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), mode, "-o", path)...)
				waitFake(t, srv, passporttest.EventHanging)
				if err := p.cmd.Process.Signal(tc.sig); err != nil {
					t.Fatal(err)
				}
				p.wantExit(t, tc.want)
				if e := p.errOut.String(); strings.Contains(e, "goroutine ") || len(e) > 300 {
					t.Errorf("stderr:\n%s", e)
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
			if d := time.Since(start); d > 2500*time.Millisecond {
				t.Errorf("the signal took %v to end the run", d)
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
	start := time.Now()
	p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-check", "-o", "/proc/kmsg")...)
	p.wantExit(t, 1)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if !strings.Contains(p.out.String(), "cannot read /proc/kmsg: reading it did not finish after 5s") {
		t.Errorf("stdout %q", p.out.String())
	}
}
