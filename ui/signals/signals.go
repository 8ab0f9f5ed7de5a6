// Package signals runs a login on the screen it belongs on (the full
// screen, or the plain-text / JSON-lines view of ui/stream where asked for
// or where there is no terminal) under the signals that end biliqr, and
// reports how it ended: the summary line, the session for -o -, a crash's
// trace, and the exit status.
//
// It is the one place where biliqr catches the signals that end it, for
// every mode alike (the full-screen app, -plain/-json, -check, -logout):
// SIGINT, SIGTERM, SIGHUP and SIGQUIT. The first asks the mode to stop the
// way a quit does (so the terminal is restored and nothing is left
// half-written); a second one asks it to stop at once. The exit status is
// then 128+n, as a shell reports a death by signal n.
package signals

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/biliqr/biliqr/model/exit"
)

// Ending are the signals that end biliqr. SIGQUIT is among them so that Go
// prints no goroutine dump for it and the terminal is restored.
var Ending = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// Catch starts catching the ending signals. first runs when the first one
// arrives; again runs for every later one, with the first's number. The returned stop, called when
// the mode has ended, stops catching and says which signal came first
// (0: none).
//
// Catch also ignores SIGPIPE, for good: Go kills a process that writes to a
// closed pipe on standard output or error unless SIGPIPE is notified or
// ignored. Ignored, such a write fails with EPIPE instead, and the output
// that gets it stops writing there (stream.Writer) while the login goes
// on: `biliqr -json | head -1` still logs in and saves.
func Catch(first, again func(syscall.Signal)) (stop func() syscall.Signal) {
	signal.Ignore(syscall.SIGPIPE)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, Ending...)
	done := make(chan struct{})
	var caught atomic.Int32
	go func() {
		for {
			select {
			case <-done:
				return
			case s := <-ch:
				n, _ := s.(syscall.Signal)
				if caught.CompareAndSwap(0, int32(n)) {
					first(n)
				} else {
					again(syscall.Signal(caught.Load()))
				}
			}
		}
	}()
	return func() syscall.Signal {
		signal.Stop(ch)
		close(done)
		return syscall.Signal(caught.Load())
	}
}

// Run runs a mode that has no program of its own (-check, -logout) under
// the same signals as a login: the first calls cancel, so its requests
// stop; a second ends the process at once (there is no terminal to restore
// and nothing half-written). A signal that came decides the exit status.
func Run(cancel func(), mode func() exit.Status) exit.Status {
	stop := Catch(func(syscall.Signal) { cancel() }, func(first syscall.Signal) { os.Exit(int(exit.Signal(first))) })
	code := mode()
	if sig := stop(); sig != 0 {
		return exit.Signal(sig)
	}
	return code
}
