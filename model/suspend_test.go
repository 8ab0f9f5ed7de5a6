package model

import (
	"strings"
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

// Where ctrl+z could not stop the app (ui/signals found no job control), it
// says why and goes on in the state it was in.
func TestNotSuspendedSaysWhy(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	before := h.m.state
	h.m.Update(NotSuspendedMsg{})
	if got := h.m.View().Content; !strings.Contains(got, "Not stopped") {
		t.Fatalf("no word of why it did not stop:\n%s", got)
	}
	if h.m.state != before {
		t.Fatalf("moved %v → %v", before, h.m.state)
	}
}
