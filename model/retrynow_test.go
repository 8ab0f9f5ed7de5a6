package model

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/state"
)

// On the network-trouble screen r repeats the failed request at once
// (someone who just fixed their Wi-Fi or proxy need not wait out the
// backoff), the help bar says so, and the timer r overtook then does
// nothing: one request per press, none extra.
func TestRetryNowKey(t *testing.T) {
	h, fl := newFaultHarness(t, func(c *Config) { c.Locale = "" })
	refused := closedPort(t)
	fl.bad = newClient(t, refused, refused, nil, &http.Client{Transport: noProxy()})
	fl.badTickets = 2
	h.key("enter") // the menu's pick: the first ticket, refused
	h.wantState(state.Fetching)
	h.wantScreen("Network trouble reaching 127.0.0.1:", "r retry now")
	if _, tickets, _ := fl.counts(); tickets != 1 {
		t.Fatalf("%d ticket requests, want 1", tickets)
	}

	h.key("r") // at once, not in 2 s: refused again, a wait of 4 s
	if _, tickets, _ := fl.counts(); tickets != 2 {
		t.Fatalf("r: %d ticket requests, want 2", tickets)
	}
	h.wantState(state.Fetching)
	h.wantScreen("retrying in 4s", "r retry now")

	h.key("r") // the trouble is over
	h.wantState(state.ShowingCode)
	if _, tickets, _ := fl.counts(); tickets != 3 {
		t.Fatalf("r: %d ticket requests, want 3", tickets)
	}
	if scr := h.screen(); strings.Contains(scr, "retry now") || !strings.Contains(scr, "r new code") {
		t.Fatalf("r is still 'retry now' with nothing to retry:\n%s", scr)
	}
	h.advance(10 * time.Second) // the overtaken timers fire: nothing is asked again
	if _, tickets, _ := fl.counts(); tickets != 3 {
		t.Fatalf("%d ticket requests after the old timers, want 3", tickets)
	}
	h.wantState(state.ShowingCode)
}
