package model

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
)

// allowed is every change of state the app makes, from → to. Quitting is
// allowed from everywhere and the language menu opens and closes over a
// state (openMenu, closeMenu); both are left out of the table.
var allowed = map[state.State][]state.State{
	noState:               {state.Checking, state.Fetching}, // first launch: a language was picked
	state.Checking:        {state.AlreadyLoggedIn, state.CheckFailed, state.Fetching},
	state.AlreadyLoggedIn: {state.Fetching},
	state.CheckFailed:     {state.Fetching},
	state.Fetching:        {state.ShowingCode, state.Failed, state.Fetching},
	state.Renewing:        {state.ShowingCode, state.Failed, state.Fetching},
	state.ShowingCode:     {state.Scanned, state.Renewing, state.Finishing, state.Failed, state.Fetching},
	state.Scanned:         {state.ShowingCode, state.Renewing, state.Finishing, state.Failed, state.Fetching},
	state.Finishing:       {state.Saving, state.Failed},
	state.Saving:          {state.Done, state.SaveFailed},
	state.SaveFailed:      {state.Saving},
	state.Failed:          {state.Fetching},
	state.Done:            {},
}

// allowedMove says whether the table lets the app go from one state to another.
func allowedMove(from, to state.State) bool {
	if to == state.Quitting {
		return true
	}
	for _, s := range allowed[from] {
		if s == to {
			return true
		}
	}
	return false
}

// flowState is the state of the login itself: the one behind the menu
// while it is open.
func (m *Model) flowState() state.State {
	if m.state == state.ChoosingLanguage {
		return m.back
	}
	return m.state
}

// menuStaysOver says whether the language menu may stay open over s when
// the flow behind it moves there; elsewhere news is worth closing it for
// (the code was scanned, the login finished or failed).
func menuStaysOver(s state.State) bool {
	switch s {
	case state.Fetching, state.Renewing, state.ShowingCode:
		return true
	default:
		return false
	}
}

// setState is the one place the state changes. It checks the move against
// the table (a move it does not list is recorded for the tests, never
// fatal to a user), keeps the menu open over the flow where that makes
// sense, and returns what follows from the new state (show, follow).
func (m *Model) setState(to state.State) tea.Cmd {
	from := m.flowState()
	if from != to && !allowedMove(from, to) {
		m.badMoves = append(m.badMoves, fmt.Sprintf("%v → %v", from, to))
	}
	m.noticeAtState(from, to)
	if m.state == state.ChoosingLanguage && to != state.Quitting && menuStaysOver(to) {
		m.back = to
	} else {
		m.state = to
	}
	return tea.Batch(m.show(), m.follow(to))
}

// show turns on what the state on screen needs: its keys, and the spinner
// where it is busy. The spinner's tick loop stops by itself in any other
// state; starting it while it runs is harmless (the spinner drops the
// extra tick by its tag).
func (m *Model) show() tea.Cmd {
	m.syncKeys()
	if m.state.Busy() {
		return m.spinner.Tick
	}
	return nil
}

// follow starts the timers the flow's new state runs on, menu or not: the
// countdown while a code is shown (startClock does nothing while it runs),
// and the done screen's own end where someone is there to read it.
func (m *Model) follow(to state.State) tea.Cmd {
	switch {
	case to.ShowsCode():
		return tea.Batch(m.startClock(), m.startWaiting())
	case to == state.Done && !m.cfg.Unattended:
		return m.cfg.After(m.cfg.AutoQuitAfter, autoQuitMsg{})
	}
	return nil
}

// settleFor is how long after the first code is shown the app is taken
// to only wait: its first frame and the terminal's replies to the
// start-up's queries are in well before. Putting the runtime on one
// thread stops the world for a moment, and a q pressed in that moment
// took 9 ms longer to quit.
const settleFor = time.Second

// startWaiting tells Config.Waiting, once, settleFor after the first code
// is shown, and sends the program nothing.
func (m *Model) startWaiting() tea.Cmd {
	if m.waiting || m.cfg.Waiting == nil {
		return nil
	}
	m.waiting = true
	waiting, sleep, ctx := m.cfg.Waiting, m.cfg.Sleep, m.cfg.Context
	return func() tea.Msg {
		if sleep(ctx, settleFor) == nil {
			waiting()
		}
		return nil
	}
}

// openMenu shows the language menu over the current state.
func (m *Model) openMenu() tea.Cmd {
	m.back = m.state
	m.state = state.ChoosingLanguage
	m.menu = menu{cursor: m.indexOf(m.locale)}
	return m.show()
}

// closeMenu goes back to the state the menu was opened over.
func (m *Model) closeMenu() tea.Cmd {
	m.state = m.back
	return m.show()
}
