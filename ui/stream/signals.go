package stream

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Signals are the signals that stop a plain or JSON run: Ctrl+C, kill, and
// a closed terminal or SSH session.
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Catcher turns the first of Signals into a call of stop (which should
// cancel the program's context, so that every request in flight ends and
// nothing more is written) and remembers it for the exit status. A second
// signal is left to its default action: it ends the process at once.
type Catcher struct {
	mu  sync.Mutex
	sig os.Signal
	ch  chan os.Signal
}

// Catch starts catching Signals; call Release when the program is over.
func Catch(stop func()) *Catcher {
	c := &Catcher{ch: make(chan os.Signal, 1)}
	signal.Notify(c.ch, Signals...)
	go func() {
		s, ok := <-c.ch
		if !ok {
			return
		}
		signal.Stop(c.ch)
		c.mu.Lock()
		c.sig = s
		c.mu.Unlock()
		stop()
	}()
	return c
}

// Caught is the signal that stopped the program, or nil.
func (c *Catcher) Caught() os.Signal {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sig
}

// Release stops catching.
func (c *Catcher) Release() {
	signal.Stop(c.ch)
	close(c.ch) // ends the goroutine: after Stop, nothing sends on it
}

// ExitStatus is the shell's status for a process ended by sig: 128 + its
// number (130 for SIGINT, 129 SIGHUP, 143 SIGTERM).
func ExitStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

func signalName(sig os.Signal) string {
	switch sig {
	case nil:
		return ""
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
