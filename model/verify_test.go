package model

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// What the app does with each answer of the verification after a code-0
// poll that set the session cookies (PROTOCOL.md §4): verified and
// inconclusive answers are saved (exit 0), only "logged out" is not.
func TestVerificationOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   passporttest.Options
		saved  bool
		kind   passport.Kind // of Result.Unverified
		screen []string
	}{
		{"verified", passporttest.Options{}, true, passport.KindNone, []string{"Logged in as Demo User (mid 1709658507)"}},
		{"is_login false", passporttest.Options{User: passporttest.UserNotLoggedIn}, false, 0, []string{"did not complete"}},
		{"10004005", passporttest.Options{UserCode: 10004005}, false, 0, []string{"did not complete"}},
		{"10023006", passporttest.Options{UserCode: 10023006}, true, passport.KindDeviceIDNeeded,
			[]string{"Logged in as Demo User (mid 1709658507)", "Saved unverified", "the service asked for a device id (code 10023006)"}},
		{"10004004", passporttest.Options{UserCode: 10004004}, true, passport.KindPremiumNeeded,
			[]string{"Saved unverified", "premium membership needed (code 10004004)"}},
		{"unknown code", passporttest.Options{UserCode: 12345}, true, passport.KindAPI,
			[]string{"Saved unverified", "code 12345"}},
		// data-less code-0 polls: the name and mid come from verification
		{"poll without data", passporttest.Options{ConfirmData: passporttest.ConfirmDataMissing}, true, passport.KindNone,
			[]string{"Logged in as Demo User (mid 1709658507)"}},
		{"poll data null, unverified", passporttest.Options{ConfirmData: passporttest.ConfirmDataNull, UserCode: 10023006},
			true, passport.KindDeviceIDNeeded, []string{"Logged in as mid 1709658507", "Saved unverified"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.opts, nil)
			h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
			h.srv.Confirm()
			h.advance(2 * time.Second)
			res := h.m.Result()
			if !tc.saved {
				h.wantState(state.Failed)
				h.wantScreen(tc.screen...)
				if len(h.saved) != 0 || res.ExitCode() != 1 {
					t.Fatalf("logged out: saved %d, exit %d", len(h.saved), res.ExitCode())
				}
				return
			}
			h.wantState(state.Done)
			flat := strings.Join(strings.Fields(h.screen()), " ") // the column wraps
			for _, part := range tc.screen {
				if !strings.Contains(flat, part) {
					t.Fatalf("screen lacks %q:\n%s", part, h.screen())
				}
			}
			if len(h.saved) != 1 || res.ExitCode() != 0 {
				t.Fatalf("saved %d, exit %d", len(h.saved), res.ExitCode())
			}
			if why := res.Err; (res.Outcome == Unverified) != (why != nil) || passport.KindOf(why) != tc.kind {
				t.Fatalf("outcome %v, unverified because %v (%v), want %v", res.Outcome, why, passport.KindOf(why), tc.kind)
			}
			if got := passport.KindOf(res.Err); got != tc.kind {
				t.Fatalf("unverified %v, want %v", got, tc.kind)
			}
			sum := res.Summary("netscape")
			if (tc.kind != passport.KindNone) != strings.Contains(sum, "(unverified: ") {
				t.Fatalf("summary %q", sum)
			}
			if tc.kind == passport.KindNone && strings.Contains(h.screen(), "unverified") {
				t.Fatalf("a verified login says unverified:\n%s", h.screen())
			}
		})
	}
}

// HTTP 403/404 are not network trouble: shown at once, r tries again.
func TestHTTP4xxFailsAtOnce(t *testing.T) {
	for _, status := range []int{403, 404} {
		h := newHarness(t, passporttest.Options{}, nil)
		h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: status})
		h.advance(2 * time.Second)
		h.wantState(state.Failed)
		if n := len(h.pending(isRetryDue)); n != 0 {
			t.Fatalf("HTTP %d: %d retries scheduled", status, n)
		}
		h.wantScreen("HTTP "+itoa(status), "r try again")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// The events a login reports to the plain and JSON views, in order.
func TestEventsOfALogin(t *testing.T) {
	var got []string
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.OnEvent = func(ev Event) { got = append(got, ev.Kind.String()) }
	})
	h.advance(2 * time.Second)
	h.srv.Scan()
	h.advance(2 * time.Second)
	h.advance(2 * time.Second)  // still scanned: reported once
	h.advance(30 * time.Second) // a code that lived: renewed at once (timeout.go)
	h.srv.Expire()
	h.advance(2 * time.Second)
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
	want := "fetching qr scanned expired fetching qr finishing saving logged_in"
	if g := strings.Join(got, " "); g != want {
		t.Fatalf("events %q, want %q", g, want)
	}
}

// Unattended (plain and JSON modes): a reminder a minute while waiting, and
// the program ends by itself when done. Nothing shows the seconds, so the
// clock wakes the program once a minute, not once a second.
func TestUnattendedReminderAndEnd(t *testing.T) {
	var got []string
	ticks := 0
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.Unattended = true
		c.OnEvent = func(ev Event) {
			s := ev.Kind.String()
			if ev.Kind == EventWaiting {
				s += "@" + ev.ExpiresIn.String()
			}
			got = append(got, s)
		}
	})
	h.delivered = func(msg tea.Msg) {
		if _, ok := msg.(clockTickMsg); ok {
			ticks++
		}
	}
	h.advance(125 * time.Second)
	if ticks > 3 {
		t.Errorf("%d clock ticks in 125 s of waiting unattended, want one a minute", ticks)
	}
	h.srv.Confirm()
	h.advance(2 * time.Second)
	want := "fetching qr waiting@2m0s waiting@1m0s finishing saving logged_in"
	if g := strings.Join(got, " "); g != want {
		t.Fatalf("events %q, want %q", g, want)
	}
	if !h.quit {
		t.Fatal("an unattended login did not end by itself")
	}
}

// A Retry-After longer than the code's life: never a poll of a dead code,
// never a request before the wait is over; the screen says a new code
// follows, and one does when the wait ends.
func TestRetryAfterOutlivingTheCode(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 429, RetryAfter: "300"})
	h.advance(2 * time.Second)
	flat := strings.Join(strings.Fields(h.screen()), " ")
	if !strings.Contains(flat, "asks to wait 300s") || !strings.Contains(flat, "a new code follows") || strings.Contains(flat, "Network trouble") {
		t.Fatalf("says only 'retrying':\n%s", h.screen())
	}
	reqs := len(h.srv.Requests())
	h.advance(299 * time.Second) // the countdown runs out meanwhile
	if n := len(h.srv.Requests()); n != reqs {
		t.Fatalf("%d requests before the server's wait was over", n-reqs)
	}
	h.advance(time.Second)
	if n := h.srv.Count(passporttest.EndpointTicket); n != 2 {
		t.Fatalf("%d ticket requests after the wait, want a new code", n)
	}
	if n := h.srv.Count(passporttest.EndpointPoll); n != 1 {
		t.Fatalf("%d polls: the dead code was polled again", n)
	}
	h.wantState(state.ShowingCode)
	h.wantScreen("Expires in 3\u00a0min")
}
