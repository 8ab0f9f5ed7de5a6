//go:build unix

package signals

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// suspension makes a full-screen app stop and resume as a terminal
// program should, whether stopped by ctrl+z (the key: the model returns
// tea.Suspend) or by SIGTSTP from outside (kill -TSTP, a shell's job
// control). Bubble Tea v2.1.1 handles only the first: on a SuspendMsg it
// restores the terminal and sends SIGTSTP to the process group, and on
// SIGCONT takes the terminal back (raw mode, the alternate screen) and
// redraws, then sends ResumeMsg. A SIGTSTP from outside used to stop the
// process with the terminal still raw, and fg left it cooked.
//
// So SIGTSTP is caught while the app runs and turned into a SuspendMsg.
// Just before Bubble Tea acts on one (the filter sees every message first)
// SIGTSTP goes back to its default, so that Bubble Tea's own SIGTSTP stops
// the process; on ResumeMsg it is caught again.
type suspension struct {
	ch   chan os.Signal
	done chan struct{}
}

func newSuspension() *suspension {
	return &suspension{ch: make(chan os.Signal, 1), done: make(chan struct{})}
}

// start catches SIGTSTP for p.
func (s *suspension) start(p *tea.Program) {
	signal.Notify(s.ch, syscall.SIGTSTP)
	go func() {
		for {
			select {
			case <-s.done:
				return
			case <-s.ch:
				go p.Send(tea.SuspendMsg{}) // Send waits until the program reads it
			}
		}
	}()
}

// filter is the program's message filter (tea.WithFilter).
func (s *suspension) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		signal.Reset(syscall.SIGTSTP)
	case tea.ResumeMsg:
		signal.Notify(s.ch, syscall.SIGTSTP)
	}
	return msg
}

func (s *suspension) stop() {
	signal.Reset(syscall.SIGTSTP)
	close(s.done)
}
