package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

const keptLine = "biliqr: the session in /home/u/.config/biliqr/cookies.txt was kept"

// Leaving while the session saved before is still in place keeps it:
// exit 0 and a line that says so, whichever way the user got there.
func TestQuitKeepsTheSavedSession(t *testing.T) {
	unreachable := &passport.TransportError{Op: "web/v2/user", Err: errors.New("dial tcp: connection refused")}
	for _, tc := range []struct {
		name  string
		err   error
		keys  []string
		state state.State
	}{
		{"enter on already logged in", nil, []string{"enter"}, state.AlreadyLoggedIn},
		{"r then q", nil, []string{"r", "q"}, state.ShowingCode},
		{"r then esc", nil, []string{"r", "esc"}, state.ShowingCode},
		{"q on could not check", unreachable, []string{"q"}, state.CheckFailed},
		{"r on could not check, then q", unreachable, []string{"r", "q"}, state.ShowingCode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{Mid: 7, Name: "Ann"}, tc.err))
			for i, k := range tc.keys {
				if i == len(tc.keys)-1 {
					h.wantState(tc.state)
				}
				h.key(k)
			}
			res := h.m.Result()
			want := keptLine
			if tc.keys[0] == "enter" {
				want = "Already logged in to bilibili.tv as Ann (mid 7); session kept in /home/u/.config/biliqr/cookies.txt"
			}
			if res.ExitCode() != 0 || res.Summary("netscape") != want {
				t.Fatalf("exit %d, %q; want 0, %q", res.ExitCode(), res.Summary("netscape"), want)
			}
		})
	}
	// No saved session: quitting a login is a cancel, as before.
	h := newHarness(t, passporttest.Options{}, nil)
	h.key("q")
	if got := h.m.Result().ExitCode(); got != 130 {
		t.Fatalf("no saved session: exit %d, want 130", got)
	}
}

// Picking a language on "Already logged in" redraws that screen in it and
// asks the server nothing; q then still keeps the session.
func TestLanguageOnAlreadyLoggedInRedraws(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, withSaved(passport.Account{Mid: 7, Name: "Ann"}, nil))
	h.wantState(state.AlreadyLoggedIn)
	h.key("l")
	for _, r := range "ไทย" {
		h.key(string(r))
	}
	h.key("enter")
	h.wantState(state.AlreadyLoggedIn)
	h.wantScreen("เข้าสู่ระบบอยู่แล้ว", "เก็บไว้")
	if n := len(h.srv.Requests()); n != 0 {
		t.Fatalf("%d requests: a language change started a login", n)
	}
	h.key("q")
	if res := h.m.Result(); res.ExitCode() != 0 || res.Outcome != Kept {
		t.Fatalf("result %+v", res)
	}
}

// A notice clears at the next state, or after a few seconds.
func TestNoticesClear(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) { c.OpenURL = nil })
	h.wantState(state.ShowingCode)
	h.key("o")
	h.wantScreen("No browser here")
	h.srv.Scan()
	h.advance(2 * time.Second)
	h.wantState(state.Scanned)
	if strings.Contains(h.screen(), "No browser here") {
		t.Fatalf("the notice outlived its state:\n%s", h.screen())
	}
	h.key("o")
	h.wantScreen("No browser here")
	h.advance(noticeFor)
	if strings.Contains(h.screen(), "No browser here") {
		t.Fatalf("the notice is still there after %v:\n%s", noticeFor, h.screen())
	}
}

// When the code runs out, the new one comes with a word about why.
func TestRenewedCodeIsSaid(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.advance(30 * time.Second) // a code that expires sooner is renewed with backoff
	h.srv.Expire()
	h.advance(2 * time.Second)
	h.wantState(state.ShowingCode)
	h.wantScreen("The code expired — here is a new")
	h.advance(noticeFor)
	if strings.Contains(h.screen(), "The code expired") {
		t.Fatal("the renewal notice stays")
	}
}
