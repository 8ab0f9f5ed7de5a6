package model

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/biliqr/biliqr/model/keytest"
	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// reach builds a model in each state the way a user gets there.
func reach(t *testing.T, s state.State) *harness {
	t.Helper()
	saved := func(err error) func(*Config) {
		return withSaved(passport.Account{Mid: 7, Name: "Ann"}, err)
	}
	var h *harness
	switch s {
	case state.ChoosingLanguage:
		h = newHarness(t, passporttest.Options{}, func(c *Config) { c.Locale = "" })
	case state.Checking:
		h = newHarness(t, passporttest.Options{}, func(c *Config) {
			c.SavedPath = "/x"
			c.CheckSaved = func(ctx context.Context, _ string) (passport.Account, error) {
				return passport.Account{}, errors.New("never answers in time")
			}
		})
		h.m.state = state.Checking // as it is while the check is in flight
		h.m.keys.setFor(state.Checking, false, false)
	case state.AlreadyLoggedIn:
		h = newHarness(t, passporttest.Options{}, saved(nil))
	case state.CheckFailed:
		h = newHarness(t, passporttest.Options{}, saved(&passport.TransportError{Op: "web/v2/user", StatusCode: 503}))
	case state.Fetching, state.Renewing:
		h = newHarness(t, passporttest.Options{}, nil)
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: passporttest.HTTPStatus, Status: 503, Times: 9})
		if s == state.Renewing {
			h.srv.Expire()
			h.advance(2 * time.Second) // the poll says expired; the new ticket fails
		} else {
			h.key("r") // the new ticket fails: a retry is pending
		}
	case state.ShowingCode:
		h = newHarness(t, passporttest.Options{}, nil)
	case state.Scanned:
		h = newHarness(t, passporttest.Options{}, nil)
		h.srv.Scan()
		h.advance(2 * time.Second)
	case state.Finishing, state.Saving:
		h = newHarness(t, passporttest.Options{}, nil)
		h.m.setState(state.Finishing)
		if s == state.Saving {
			h.m.session = &passport.Session{}
			h.m.setState(state.Saving)
		}
	case state.SaveFailed:
		h = newHarness(t, passporttest.Options{}, nil)
		h.saveFn = func(passport.Session) (string, error) { return "", errors.New("disk full") }
		h.srv.Confirm()
		h.advance(2 * time.Second)
	case state.Done:
		h = newHarness(t, passporttest.Options{}, func(c *Config) { c.AutoQuitAfter = time.Hour })
		h.srv.Confirm()
		h.advance(2 * time.Second)
	case state.Failed:
		h = newHarness(t, passporttest.Options{}, nil)
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: -404})
		h.advance(2 * time.Second)
	case state.Quitting:
		h = newHarness(t, passporttest.Options{}, nil)
		h.key("ctrl+c")
	}
	h.wantState(s)
	return h
}

// What a press changed, as a user would notice it.
type snapshot struct {
	state  state.State
	screen string // the text; colours are in invert
	invert bool
	quit   bool
	reqs   int
}

func (h *harness) snap() snapshot {
	return snapshot{h.m.state, h.screen(), h.m.invert, h.quit, len(h.srv.Requests())}
}

// presses are the keys the table test tries in every state.
var presses = []string{"q", "r", "l", "i", "c", "o", "x", "up", "down", "enter", "esc", "ctrl+c"}

// In every state the help bar shows exactly the keys that act: a key the
// bar names does something, a key it does not name does nothing. (Down
// shares Up's entry "↑↓/jk"; on the done screen any key closes and the bar
// says "⏎ close"; in the menu, letters type into its filter.)
func TestHelpShowsExactlyTheKeysThatAct(t *testing.T) {
	t.Parallel() // renders many screens: beside the others
	for _, s := range state.All {
		t.Run(s.String(), func(t *testing.T) {
			bar := reach(t, s).m.keys.ShortHelp()
			shown := map[string]bool{}
			for _, b := range bar {
				for _, k := range b.Keys() {
					shown[k] = true
				}
				if b.Help().Key == "↑↓/jk" {
					shown["down"] = true
				}
			}
			for _, press := range presses {
				h := reach(t, s)
				h.m.menu.cursor = 2 // room to move either way
				inBar := shown[press]
				switch {
				case s == state.Done:
					inBar = len(bar) == 1 && bar[0].Help().Key == "any key" // any key closes
				case s == state.ChoosingLanguage && len(press) == 1:
					inBar = true // typing filters the list
				}
				before := h.snap()
				_, cmd := h.m.Update(keytest.Press(press))
				acted := cmd != nil || h.snap() != before
				if acted != inBar {
					t.Errorf("%s: acts %v, named in the help bar %v; bar %v", press, acted, inBar, keysOf(bar))
				}
			}
		})
	}
}

func keysOf(bs []key.Binding) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return out
}

// Every state has a String and a row in the transition table (but the
// menu, which opens over states, and Quitting, which ends them).
func TestEveryStateIsNamedAndInTheTable(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range state.All {
		name := s.String()
		if name == "" || strings.HasPrefix(name, "State(") || seen[name] {
			t.Errorf("state %d is named %q", int(s), name)
		}
		seen[name] = true
		if _, ok := allowed[s]; !ok && s != state.ChoosingLanguage && s != state.Quitting {
			t.Errorf("%v has no row in the transition table", s)
		}
	}
	if !allowedMove(state.ShowingCode, state.Scanned) || allowedMove(state.Done, state.Fetching) || !allowedMove(state.Done, state.Quitting) {
		t.Fatal("Allowed does not read the table")
	}
}

// First launch, a saved session, pick a language →
// "Already logged in" → l → Esc goes back there (it used to quit, exit 0),
// and that menu marks the current language.
func TestMenuAfterSavedCheckEscGoesBack(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		withSaved(passport.Account{Mid: 9, Name: "Ann"}, nil)(c)
		c.Locale = ""
	})
	h.wantScreen("esc quit") // first launch: nothing to go back to
	if strings.Contains(h.screen(), "esc back") {
		t.Fatalf("the first-launch menu offers to go back:\n%s", h.screen())
	}
	h.key("enter")
	h.wantState(state.AlreadyLoggedIn)
	h.key("l")
	h.wantState(state.ChoosingLanguage)
	h.wantScreen("✓ current", "esc back")
	h.key("esc")
	if h.quit {
		t.Fatal("Esc in the menu quit the app")
	}
	h.wantState(state.AlreadyLoggedIn)
	h.wantScreen("Already logged in as Ann (mid 9)")
}

// The first-launch menu: Esc with nothing typed quits (cancelled, 130).
func TestFirstLaunchMenuEscQuits(t *testing.T) {
	h := reach(t, state.ChoosingLanguage)
	h.key("v")
	h.key("esc") // clears the filter first
	if h.quit {
		t.Fatal("Esc with a filter quit instead of clearing it")
	}
	h.key("esc")
	if !h.quit || h.m.Result().ExitCode() != 130 {
		t.Fatalf("quit %v, exit %d", h.quit, h.m.Result().ExitCode())
	}
}

// A reply for an older flow is dropped by the flow number alone: here the
// state is one that would accept it.
func TestStaleTicketDroppedByFlowNumber(t *testing.T) {
	h := reach(t, state.Fetching) // a retry is pending: the state accepts a ticket
	old := h.m.gen - 1
	qrBefore := h.m.qr
	h.send(ticketFetchedMsg{gen: old, ticket: passport.Ticket{ID: "stale"}})
	h.wantState(state.Fetching)
	if h.m.qr != qrBefore || h.m.ticket.ID == "stale" {
		t.Fatal("a ticket of an older flow was shown")
	}
	// and a poll reply of an older flow, in a state that polls
	h2 := reach(t, state.ShowingCode)
	h2.send(pollResultMsg{gen: h2.m.gen - 1, result: passport.PollResult{Status: passport.Scanned}})
	h2.wantState(state.ShowingCode)
}

// The menu keys in TestQuitFromEveryState: q types, Esc goes back, only
// Ctrl+C quits.
func TestMenuQuitKeys(t *testing.T) {
	h := reach(t, state.ShowingCode)
	h.key("l")
	h.key("q")
	if h.quit || h.m.menu.filter != "q" {
		t.Fatalf("q in the menu: quit %v, filter %q", h.quit, h.m.menu.filter)
	}
	h.key("esc")
	h.key("esc")
	if h.quit {
		t.Fatal("esc in the menu quit")
	}
	h.wantState(state.ShowingCode)
	h.key("l")
	h.key("ctrl+c")
	if !h.quit || h.m.Result().ExitCode() != 130 {
		t.Fatal("ctrl+c in the menu did not quit")
	}
	if h.m.state != state.Quitting {
		t.Fatalf("state %v", h.m.state)
	}
}
