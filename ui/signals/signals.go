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
	"slices"
	"sync"
	"syscall"

	"github.com/biliqr/biliqr/model/exit"
)

// Ending are the signals that end biliqr. SIGQUIT is among them so that Go
// prints no goroutine dump for it and the terminal is restored.
var Ending = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// Listener catches the ending signals for one mode, from Listen until the
// stop that Catch returns.
type Listener struct {
	ch    chan os.Signal
	quiet chan os.Signal // never read: it only keeps the quiet signals enabled
	ready chan struct{}  // closed once the runtime delivers the signals to ch
	done  chan struct{}
	once  sync.Once

	mu           sync.Mutex
	first, again func(syscall.Signal) // nil until Catch
	caught       syscall.Signal
	before       func(syscall.Signal) // what a signal before Catch does: reraise
}

// Listen starts catching the ending signals, on a goroutine of its own.
// The Go runtime enables each signal with a round trip to a thread of its
// own: 1–6 ms in all at a login's start on a busy two-core machine, all
// of it before the first frame while Catch did it. A login listens as soon
// as its flags are read, and its set-up hides the cost. Until Catch gives
// the listener its handlers, a signal ends the process as it would have
// without one (reraise).
//
// Listen also ignores SIGPIPE, for good: Go kills a process that writes to
// a closed pipe on standard output or error unless SIGPIPE is notified or
// ignored. Ignored, such a write fails with EPIPE instead, and the output
// that gets it stops writing there (stream.Writer) while the login goes
// on: `biliqr -json | head -1` still logs in and saves.
func Listen() *Listener {
	l := newListener()
	go func() {
		signal.Ignore(syscall.SIGPIPE)
		signal.Notify(l.ch, Ending...)
		// quiet: enabled here, beside the set-up, so that Bubble Tea's
		// own Notify for them later costs no round trip. A channel of
		// their own, which nobody reads: a burst of window changes must
		// not fill ch and crowd out an ending signal.
		if len(quiet) > 0 { // Notify with no signals would take every one
			signal.Notify(l.quiet, quiet...)
		}
		close(l.ready)
		for {
			select {
			case <-l.done:
				return
			case s := <-l.ch:
				l.receive(s)
			}
		}
	}()
	return l
}

func newListener() *Listener {
	return &Listener{ch: make(chan os.Signal, 2), quiet: make(chan os.Signal, 1), ready: make(chan struct{}), done: make(chan struct{}), before: reraise}
}

// receive hands an ending signal to the handlers Catch gave: first for the
// first one, again for every later one, with the first's number. Before
// Catch, it has its default action. Any other signal goes nowhere.
func (l *Listener) receive(s os.Signal) {
	n, ok := s.(syscall.Signal)
	if !ok || !slices.Contains(Ending, s) {
		return
	}
	l.mu.Lock()
	first, again, caught := l.first, l.again, l.caught
	if first != nil && caught == 0 {
		l.caught = n
	}
	l.mu.Unlock()
	switch {
	case first == nil:
		l.before(n)
	case caught == 0:
		first(n)
	default:
		again(caught)
	}
}

// Catch gives the listener its handlers, once the signals are enabled:
// first runs when the first ending signal arrives; again runs for every
// later one, with the first's number. The returned stop, called when the
// mode has ended, stops catching and says which signal came first (0:
// none).
func (l *Listener) Catch(first, again func(syscall.Signal)) (stop func() syscall.Signal) {
	<-l.ready
	l.mu.Lock()
	l.first, l.again = first, again
	l.mu.Unlock()
	return func() syscall.Signal {
		l.Stop()
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.caught
	}
}

// Stop stops catching: the signals have their default actions again. For
// a listener whose mode never ran (a usage error), or after Catch's stop.
func (l *Listener) Stop() {
	l.once.Do(func() {
		<-l.ready
		signal.Stop(l.ch)
		signal.Stop(l.quiet)
		close(l.done)
	})
}

// Catch is Listen, then Catch on its listener: for a mode whose start
// does not wait on it.
func Catch(first, again func(syscall.Signal)) (stop func() syscall.Signal) {
	return Listen().Catch(first, again)
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
