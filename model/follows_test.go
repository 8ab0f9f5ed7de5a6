package model

import (
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
)

// What follows from a state comes from setState and nowhere else: the
// spinner turns in every busy state, the countdown runs while a code is
// shown, and the done screen ends itself unless nobody is there. The menu
// stops the spinner over a busy state, and closing it starts it again.
func TestSetStateStartsWhatFollows(t *testing.T) {
	for _, unattended := range []bool{false, true} {
		for _, s := range state.All {
			if s == state.ChoosingLanguage {
				continue // the menu opens over a state, see below
			}
			m := New(Config{Locale: "en_US", Unattended: unattended, After: afterNow})
			m.state = state.Fetching // any state: only what follows is looked at
			got := follows(m.setState(s))
			want := map[string]bool{
				"spinner":  s.Busy(),
				"clock":    s.ShowsCode(),
				"autoquit": s == state.Done && !unattended,
			}
			for what, on := range want {
				if got[what] != on {
					t.Errorf("unattended=%v, setState(%v): %s started %v, want %v", unattended, s, what, got[what], on)
				}
			}
		}
	}

	m := New(Config{Locale: "en_US", After: afterNow})
	m.setState(state.Finishing)
	if got := follows(m.openMenu()); got["spinner"] {
		t.Error("the spinner turns under the menu")
	}
	if got := follows(m.closeMenu()); !got["spinner"] {
		t.Error("closing the menu over finishing did not start the spinner again")
	}
}

// afterNow delivers a timer's message at once.
func afterNow(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// follows runs cmd (and the batches in it) and names what it started.
func follows(cmd tea.Cmd) map[string]bool {
	got := map[string]bool{}
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case spinner.TickMsg:
			got["spinner"] = true
		case clockTickMsg:
			got["clock"] = true
		case autoQuitMsg:
			got["autoquit"] = true
		}
	}
	run(cmd)
	return got
}
