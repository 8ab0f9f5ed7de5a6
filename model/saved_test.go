package model

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

func withSaved(a passport.Account, err error) func(*Config) {
	return func(c *Config) {
		c.SavedPath = "/home/u/.config/biliqr/cookies.txt"
		c.CheckSaved = func(context.Context, string) (passport.Account, error) { return a, err }
	}
}

func TestSavedSessionValid(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{Mid: 7, Name: "Ann"}, nil))
	h.wantState(state.AlreadyLoggedIn)
	h.wantScreen("Already logged in as Ann (mid 7)", "Saved in /home/u/.config/biliqr/cookies.txt", "r log in again", "q keep")
	if n := len(h.srv.Requests()); n != 0 {
		t.Fatalf("%d requests: a valid session needs no new login", n)
	}
	h.key("q")
	res := h.m.Result()
	if res.ExitCode() != 0 || res.Outcome != Kept {
		t.Fatalf("result %+v", res)
	}
	if got := res.Summary("netscape"); got != "Already logged in to bilibili.tv as Ann (mid 7); session kept in /home/u/.config/biliqr/cookies.txt" {
		t.Fatalf("summary %q", got)
	}
}

func TestSavedSessionValidThenRelogin(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{Mid: 7}, nil))
	h.key("r")
	h.wantState(state.ShowingCode)
	if h.srv.Count(passporttest.EndpointTicket) != 1 {
		t.Fatal("r did not start a new login")
	}
}

func TestSavedSessionExpiredGoesStraightToQR(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{}, passport.ErrNotLoggedIn))
	h.wantState(state.ShowingCode)
	h.wantScreen("The saved session is no longer", "Scan with")
}

func TestSavedSessionCouldNotCheck(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{}, &passport.TransportError{Op: "web/v2/user", Err: errors.New("dial tcp: connection refused")}))
	h.wantState(state.CheckFailed)
	scr := h.screen()
	if !strings.Contains(scr, "Could not check the saved session") || !strings.Contains(scr, "r log in again") {
		t.Fatalf("screen:\n%s", scr)
	}
	// the saved session is untouched: q keeps it
	h.key("q")
	if res := h.m.Result(); res.ExitCode() != 0 || res.Summary("netscape") != "biliqr: the session in /home/u/.config/biliqr/cookies.txt was kept" {
		t.Fatalf("exit %d, %q", res.ExitCode(), res.Summary("netscape"))
	}
}

// First launch with a saved file: the check runs after the locale pick.
func TestSavedSessionCheckedAfterMenu(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		withSaved(passport.Account{Mid: 9}, nil)(c)
		c.Locale = ""
	})
	if h.m.state != state.ChoosingLanguage {
		t.Fatal("no menu on first launch")
	}
	h.key("enter")
	h.wantState(state.AlreadyLoggedIn)
}
