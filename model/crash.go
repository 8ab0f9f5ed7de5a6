package model

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/passport"
)

// Crash is a panic caught in one of the model's commands: a bug.
//
// Bubble Tea catches panics in commands as well, but it prints the trace
// before it restores the terminal, so the trace lands on the alternate
// screen and vanishes with it. The model's commands therefore catch their
// own panics and hand them over as a message; the program quits the normal
// way, and ui/signals prints Report on the restored terminal.
type Crash struct {
	Value any
	Stack []byte // the panicking goroutine's stack
}

// Report is the trace ui/signals prints, after the summary line, once the
// terminal is restored: the panic's value and the stack, as Go prints them.
func (c *Crash) Report() string {
	// The value is cleaned like any text that may have come from a server.
	return fmt.Sprintf("panic: %s\n\n%s", passport.SanitizeText(fmt.Sprint(c.Value), 500), c.Stack)
}

// crashedMsg: a command panicked.
type crashedMsg struct{ crash *Crash }

// guard runs cmd and turns a panic in it into a crashedMsg.
func guard(cmd tea.Cmd) tea.Cmd {
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				// debug.Stack here is still the panicking goroutine's stack
				msg = crashedMsg{&Crash{Value: r, Stack: debug.Stack()}}
			}
		}()
		return cmd()
	}
}

// ReportCrash tells, once the program has ended and the terminal is
// restored, whether it crashed, and reports it on w: the summary line and
// the trace for a panic in a command; nothing more for one in Update or
// View, which Bubble Tea has already restored the terminal for and printed.
// main and the panic test's app both end through it.
func ReportCrash(w io.Writer, res Result, runErr error, format string) bool {
	switch {
	case res.Outcome == Crashed:
		fmt.Fprintln(w, res.Summary(format))
		fmt.Fprint(w, res.Crash.Report())
		return true
	case errors.Is(runErr, tea.ErrProgramPanic):
		return true
	}
	return false
}
