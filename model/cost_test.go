package model

import (
	"fmt"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// While the QR waits for a scan, the only timers are the countdown (once a
// second: the one redraw) and the poll loop's sleep (every 2 s); the
// spinner is stopped. Only the countdown reaches the model: every message
// wakes Bubble Tea's renderer for half a second, and a poll answered
// "still waiting" changes nothing on screen, so it stays in its command.
func TestWaitingCostsNothing(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	reached := map[string]int{}
	h.delivered = func(msg tea.Msg) { reached[fmt.Sprintf("%T", msg)]++ }
	fired := map[string]int{}
	h.advanceCounting(time.Minute, func(msg tea.Msg) {
		switch msg.(type) {
		case clockTickMsg:
			fired["clock"]++
		case sleepingMsg:
			fired["poll"]++
		default:
			fired["other"]++
		}
	})
	// the words for the time left change once in the first minute (3 min
	// → 2 min): one clock tick, not one a second
	if fired["clock"] != 1 || fired["poll"] != 30 || fired["other"] != 0 {
		t.Fatalf("timers in a minute of waiting: %v (want 1 clock, 30 poll)", fired)
	}
	if n := h.srv.Count(passporttest.EndpointPoll); n != 30 {
		t.Fatalf("%d polls in a minute, want 30", n)
	}
	if n := reached["model.clockTickMsg"]; n != 1 || len(reached) != 1 {
		t.Fatalf("messages the model got in a minute of waiting: %v; want only 1 clock tick", reached)
	}
	// a stray spinner tick does not restart the animation
	if _, cmd := h.m.Update(spinner.TickMsg{}); cmd != nil {
		t.Fatal("the spinner ticks while the QR is shown")
	}
	// once scanned: still a poll every 2 s, as the site does, never faster
	h.srv.Scan()
	h.advance(2 * time.Second)
	before := h.srv.Count(passporttest.EndpointPoll)
	clear(reached)
	h.advance(10 * time.Second)
	if n := h.srv.Count(passporttest.EndpointPoll) - before; n != 5 {
		t.Fatalf("%d polls in 10 s after the scan, want 5", n)
	}
	if len(reached) > 1 || reached["model.clockTickMsg"] > 1 {
		t.Fatalf("messages the model got in 10 s while scanned: %v; want at most a clock tick", reached)
	}
}
