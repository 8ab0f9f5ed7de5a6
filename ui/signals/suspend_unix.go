//go:build unix

package signals

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model"
)

// suspension makes a full-screen app stop and resume as a terminal
// program should, whether stopped by ctrl+z (the key: the model returns
// tea.Suspend) or by SIGTSTP from outside (kill -TSTP, a shell's job
// control). Bubble Tea v2.1.1 handles only the first: on a SuspendMsg it
// restores the terminal, sends SIGTSTP to the process group and waits for
// SIGCONT; then it takes the terminal back (raw mode, the alternate
// screen), redraws and sends ResumeMsg.
//
// SIGTSTP is caught while the app runs (else kill -TSTP would stop it with
// the terminal still raw) and turned into a SuspendMsg. But once Go has
// caught a signal its handler stays installed: signal.Reset does not give
// SIGTSTP its default action back, and a SIGTSTP is then dropped. So the
// SIGTSTP Bubble Tea sends stopped the rest of the job but never biliqr,
// which waited for a SIGCONT nobody would send (state S, the shell waiting
// for it). Here that SIGTSTP is answered with SIGSTOP, which nothing can
// catch; fg's SIGCONT resumes it.
//
// SIGSTOP, unlike SIGTSTP, also stops a process group that no shell
// watches (an orphaned one: setsid biliqr), where nothing would ever send
// SIGCONT. There the app does not suspend: it says why and goes on.
type suspension struct {
	ch       chan os.Signal
	done     chan struct{}
	stopping atomic.Bool // Bubble Tea is suspending: its SIGTSTP is ours to act on
	// canStop says whether a stopped biliqr can be resumed (jobControl).
	canStop func() bool
}

func newSuspension() *suspension {
	return &suspension{ch: make(chan os.Signal, 1), done: make(chan struct{}), canStop: jobControl}
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
				if s.stopping.Load() {
					// Bubble Tea's own SIGTSTP: the terminal is restored
					syscall.Kill(os.Getpid(), syscall.SIGSTOP) //nolint:errcheck // nothing else to try
					continue
				}
				go p.Send(tea.SuspendMsg{}) // Send waits until the program reads it
			}
		}
	}()
}

// filter is the program's message filter (tea.WithFilter): it sees every
// message before Bubble Tea acts on it.
func (s *suspension) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		if !s.canStop() {
			return model.NotSuspendedMsg{}
		}
		s.stopping.Store(true)
	case tea.ResumeMsg:
		s.stopping.Store(false)
	}
	return msg
}

func (s *suspension) stop() {
	signal.Reset(syscall.SIGTSTP)
	close(s.done)
}
