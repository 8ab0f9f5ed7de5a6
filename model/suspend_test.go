package model

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// ctrl+z suspends in every state but the last (ui/signals and Bubble Tea
// restore the terminal around the stop); it changes nothing else.
func TestCtrlZSuspends(t *testing.T) {
	ctrlZ := tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	for name, setup := range map[string]func(h *harness){
		"showing the code": func(*harness) {},
		"failed": func(h *harness) {
			h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 404})
			h.advance(2 * time.Second)
		},
		"done": func(h *harness) { h.srv.Confirm(); h.advance(2 * time.Second) },
	} {
		h := newHarness(t, passporttest.Options{}, nil)
		setup(h)
		before := h.m.state
		_, cmd := h.m.Update(ctrlZ)
		if cmd == nil {
			t.Fatalf("%s: ctrl+z does nothing", name)
		}
		if _, ok := cmd().(tea.SuspendMsg); !ok {
			t.Fatalf("%s: ctrl+z does not suspend", name)
		}
		if h.m.state != before || h.m.state == state.Quitting {
			t.Fatalf("%s: ctrl+z moved %v → %v", name, before, h.m.state)
		}
	}
}
