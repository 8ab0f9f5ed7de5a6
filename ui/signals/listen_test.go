//go:build unix

package signals

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// listenHelper plays, in the test binary re-run as a helper, a signal
// arriving at a Listener: "early SIG" before Catch, "caught" after it
// (SIGTERM, then SIGINT). It prints
// what the handlers saw and returns the exit status.
func listenHelper(how string) int {
	l := Listen()
	self := func(s syscall.Signal) { syscall.Kill(syscall.Getpid(), s) } //nolint:errcheck
	switch {
	case strings.HasPrefix(how, "early "):
		<-l.ready
		self(map[string]syscall.Signal{"SIGINT": syscall.SIGINT, "SIGTERM": syscall.SIGTERM, "SIGHUP": syscall.SIGHUP}[strings.TrimPrefix(how, "early ")])
		time.Sleep(10 * time.Second) // the signal ends the process well before
		return 98
	case how == "caught":
		seen := make(chan string, 4)
		stop := l.Catch(func(s syscall.Signal) { seen <- "first " + s.String() }, func(s syscall.Signal) { seen <- "again " + s.String() })
		self(syscall.SIGTERM)
		fmt.Println(<-seen)
		self(syscall.SIGINT)
		fmt.Println(<-seen)
		fmt.Println("stop:", stop())
		return 0
	}
	return 99
}

func runListenHelper(t *testing.T, how string) (string, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashHelperEnv+"="+how)
	out, err := cmd.Output()
	return string(out), err
}

// Before Catch, a listener leaves each ending signal its default action:
// a login interrupted while it reads its flags or checks its file ends
// by that signal, as it did before it listened.
func TestListenerBeforeCatchEndsBySignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			name := map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP"}[sig]
			out, err := runListenHelper(t, "early "+name)
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("the process went on: %v, %q", err, out)
			}
			if ws := exit.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
				t.Fatalf("exit status %d (signal %v), want an end by %v", exit.ExitCode(), ws.Signal(), sig)
			}
		})
	}
}

// After Catch, the first ending signal goes to first, every later one to
// again with the first's number, and stop says which came first.
func TestListenerCatches(t *testing.T) {
	out, err := runListenHelper(t, "caught")
	want := "first terminated\nagain terminated\nstop: terminated\n"
	if err != nil || out != want {
		t.Fatalf("got %q, %v; want %q", out, err, want)
	}
}

// A window change neither ends the process nor reaches the handlers,
// before Catch or after it: the listener enables SIGWINCH only so that
// Bubble Tea's own Notify for it costs nothing.
func TestListenerDropsWindowChanges(t *testing.T) {
	var ended, seen []string
	l := newListener()
	l.before = func(s syscall.Signal) { ended = append(ended, s.String()) }
	close(l.ready)
	l.receive(syscall.SIGWINCH)
	l.receive(syscall.SIGTERM)
	stop := l.Catch(func(s syscall.Signal) { seen = append(seen, "first "+s.String()) }, func(s syscall.Signal) { seen = append(seen, "again "+s.String()) })
	l.receive(syscall.SIGWINCH)
	l.receive(syscall.SIGHUP)
	l.receive(syscall.SIGWINCH)
	l.receive(syscall.SIGINT)
	if got := stop(); got != syscall.SIGHUP {
		t.Errorf("stop says %v came first, want hangup", got)
	}
	if want := []string{"terminated"}; !slices.Equal(ended, want) {
		t.Errorf("ended by %q before Catch, want %q", ended, want)
	}
	if want := []string{"first hangup", "again hangup"}; !slices.Equal(seen, want) {
		t.Errorf("handlers saw %q, want %q", seen, want)
	}
}
