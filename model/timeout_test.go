package model

import (
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// Unattended, a code nobody scans is renewed until -timeout, then the
// login ends: the failed event with reason timeout, exit 1.
func TestTimeoutEndsUnattendedLogin(t *testing.T) {
	var events []Event
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.Timeout = 10 * time.Minute
		c.Unattended = true
		c.OnEvent = func(ev Event) { events = append(events, ev) }
	})
	h.advance(10*time.Minute - time.Second)
	if h.m.state != state.ShowingCode {
		t.Fatalf("state %v before the timeout", h.m.state)
	}
	h.advance(time.Second)
	if !h.quit {
		t.Fatalf("still running after -timeout (state %v)", h.m.state)
	}
	last := events[len(events)-1]
	if last.Kind != EventFailed || passport.KindOf(last.Err) != passport.KindTimeout {
		t.Fatalf("last event %v (%v), want failed/timeout", last.Kind, last.Err)
	}
	if r := h.m.Result(); r.Outcome != Failed || r.ExitCode() != 1 {
		t.Fatalf("result %+v", r)
	}
	if n := len(h.srv.Tickets()); n != 4 { // 0, 3, 6 and 9 minutes
		t.Errorf("%d tickets in 10 minutes", n)
	}
}

// On the full screen, the timeout is a failure screen where r starts a
// new login with a -timeout of its own.
func TestTimeoutFailedScreenRetries(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) { c.Timeout = 5 * time.Minute })
	h.advance(5 * time.Minute)
	h.wantState(state.Failed)
	h.wantScreen("No code was scanned within 5m", "Press r to try again")
	polls := h.srv.Count(passporttest.EndpointPoll)
	h.advance(time.Minute)
	if n := h.srv.Count(passporttest.EndpointPoll); n != polls {
		t.Fatalf("%d polls after the timeout", n-polls)
	}
	h.key("r")
	h.wantState(state.ShowingCode)
	h.advance(5*time.Minute - time.Second) // the old deadline is long past
	h.wantState(state.ShowingCode)
	h.advance(time.Second)
	h.wantState(state.Failed)
}

// A scanned code is not cut off while the phone confirms.
func TestTimeoutSparesScannedCode(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.Timeout = time.Minute
		c.Unattended = true
	})
	h.advance(50 * time.Second)
	h.srv.Scan()
	h.advance(2 * time.Minute)
	h.wantState(state.Scanned)
	h.srv.Confirm()
	h.advance(2 * time.Second)
	if r := h.m.Result(); r.Outcome != LoggedIn || len(h.saved) != 1 {
		t.Fatalf("result %+v, %d saved", r, len(h.saved))
	}
}

// A server that "expires" every code at once gets its new codes asked for
// with backoff (2, 4, 8, 16, 30 s …), not every 2 s for ever.
func TestQuickExpiryBacksOff(t *testing.T) {
	var events []string
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.OnEvent = func(ev Event) { events = append(events, ev.Kind.String()) }
	})
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 10018100, Times: 1000})
	var at []time.Duration
	start := h.now
	seen := 1
	for h.now.Sub(start) < 2*time.Minute {
		h.advance(time.Second)
		if n := len(h.srv.Tickets()); n > seen {
			seen = n
			at = append(at, h.now.Sub(start))
		}
	}
	// shown at 0; each poll 2 s after a code; then the wait doubles
	want := []time.Duration{4 * time.Second, 10 * time.Second, 20 * time.Second, 38 * time.Second, 70 * time.Second, 102 * time.Second}
	if len(at) != len(want) {
		t.Fatalf("new codes at %v, want %v", at, want)
	}
	for i := range want {
		if at[i] != want[i] {
			t.Fatalf("new codes at %v, want %v", at, want)
		}
	}
	if !strings.Contains(strings.Join(events, " "), "qr expired fetching qr") {
		t.Errorf("events %v", events)
	}
}
