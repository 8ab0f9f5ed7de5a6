package model

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// isPollDue: the poll loop asleep until its next poll.
func isPollDue(m tea.Msg) bool  { _, ok := m.(sleepingMsg); return ok }
func isRetryDue(m tea.Msg) bool { _, ok := m.(retryDueMsg); return ok }

func TestHappyPath(t *testing.T) {
	h := newHarness(t, passporttest.Options{Name: "Mika", Mid: 42}, nil)
	h.wantState(state.ShowingCode)
	h.wantScreen("Scan with the bilibili.tv app", "Expires in 3\u00a0min", "English")
	if n := h.srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Fatalf("ticket requests = %d, want 1", n)
	}

	// Nothing scanned yet: poll after 2 s, still showing the QR.
	h.advance(2 * time.Second)
	h.wantState(state.ShowingCode)
	h.wantScreen("Expires in 3\u00a0min")
	if n := h.srv.Count(passporttest.EndpointPoll); n != 1 {
		t.Fatalf("polls = %d, want 1", n)
	}

	h.srv.Scan()
	h.advance(2 * time.Second)
	h.wantState(state.Scanned)
	h.wantScreen("Scanned — confirm on your phone")
	// once scanned, still every 2 s, as the site polls (PROTOCOL.md §2)
	if due := h.pending(isPollDue); len(due) != 1 || !due[0].at.Equal(h.now.Add(2*time.Second)) {
		t.Fatalf("next poll %v, want one in 2s", due)
	}

	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
	h.wantScreen("Logged in as Mika (mid 42)", "Session saved to /tmp/x/cookies.txt (netscape)")
	if len(h.saved) != 1 || h.saved[0].Mid != 42 {
		t.Fatalf("saved = %v", h.saved)
	}
	names := map[string]bool{}
	for _, c := range h.saved[0].Cookies {
		names[c.Name] = true
	}
	for _, want := range []string{"SESSDATA", "bili_jct", "DedeUserID"} {
		if !names[want] {
			t.Errorf("saved session lacks cookie %s", want)
		}
	}
	res := h.m.Result()
	if res.Outcome != LoggedIn || res.SavedTo != "/tmp/x/cookies.txt" || res.Account.Name != "Mika" {
		t.Fatalf("result = %+v", res)
	}

	// leaves by itself after about 2 s, and asks the server nothing more
	before := len(h.srv.Requests())
	h.advance(2 * time.Second)
	if !h.quit {
		t.Fatal("did not quit after the done screen")
	}
	h.advance(time.Minute)
	if after := len(h.srv.Requests()); after != before {
		t.Fatalf("%d requests after done", after-before)
	}
}

func TestServerExpiryFetchesNewTicket(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	first := h.m.ticket.ID
	h.advance(30 * time.Second) // a code that lived: renewed at once (timeout.go)
	h.srv.Expire()
	h.advance(2 * time.Second)
	h.wantState(state.ShowingCode)
	if h.m.ticket.ID == first || h.m.ticket.ID == "" {
		t.Fatal("ticket not replaced after 10018100")
	}
	if n := h.srv.Count(passporttest.EndpointTicket); n != 2 {
		t.Fatalf("ticket requests = %d, want 2", n)
	}
	h.wantScreen("Expires in 3\u00a0min")
}

func TestCountdownExpiryFetchesNewTicket(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.advance(179 * time.Second)
	h.wantScreen("Expires in 10s")
	if n := h.srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Fatalf("renewed early: %d ticket requests", n)
	}
	h.advance(time.Second)
	if n := h.srv.Count(passporttest.EndpointTicket); n != 2 {
		t.Fatalf("ticket requests = %d, want 2 after the countdown ran out", n)
	}
	h.wantState(state.ShowingCode)
	h.wantScreen("Expires in 3\u00a0min")
}

func TestScannedIsNotCutShortByCountdown(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.advance(170 * time.Second)
	h.srv.Scan()
	h.advance(20 * time.Second)
	h.wantState(state.Scanned)
	if n := h.srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Fatalf("a scanned code was replaced: %d ticket requests", n)
	}
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
}

func TestOnePollInFlightAndStaleRepliesDropped(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	gen := h.m.gen
	// a stray retry timer must not start a second loop beside the one
	// asleep until its first poll
	if !h.m.polling || len(h.pending(isPollDue)) != 1 {
		t.Fatalf("polling %v, %d loops asleep; want one", h.m.polling, len(h.pending(isPollDue)))
	}
	h.m.retryAt = h.now
	h.send(retryDueMsg{gen: gen})
	if n := h.srv.Count(passporttest.EndpointPoll); n != 0 || len(h.pending(isPollDue)) != 1 {
		t.Fatalf("polled while a poll was in flight: %d", n)
	}
	h.m.retryAt = time.Time{}
	// a reply for an older ticket changes nothing
	h.send(pollResultMsg{gen: gen - 1, result: passport.PollResult{Status: passport.Confirmed}})
	h.wantState(state.ShowingCode)
	h.send(ticketFetchedMsg{gen: gen - 1})
	h.wantState(state.ShowingCode)
}

func TestRefreshByHand(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	first := h.m.ticket.ID
	h.advance(30 * time.Second)
	h.key("r")
	h.wantState(state.ShowingCode)
	if h.m.ticket.ID == first {
		t.Fatal("r did not fetch a new ticket")
	}
	h.wantScreen("Expires in 3\u00a0min")
	// the old flow's poll timers are dead: only one poll per interval now
	polls := h.srv.Count(passporttest.EndpointPoll)
	h.advance(2 * time.Second)
	if got := h.srv.Count(passporttest.EndpointPoll) - polls; got != 1 {
		t.Fatalf("%d polls in one interval after refresh, want 1", got)
	}
}

func TestTransientErrorsBackOffAndRecover(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503, Times: 5})
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second}
	h.advance(2 * time.Second) // first poll fails
	for i, d := range want {
		due := h.pending(isRetryDue)
		if len(due) != 1 {
			t.Fatalf("failure %d: %d retries scheduled", i+1, len(due))
		}
		if got := due[0].at.Sub(h.now); got != d {
			t.Fatalf("failure %d: retry in %v, want %v", i+1, got, d)
		}
		h.wantScreen("The server is having trouble", "retrying in", "HTTP 503")
		h.advance(d)
	}
	// the sixth poll succeeds: back to the normal interval, notice gone
	h.wantState(state.ShowingCode)
	if strings.Contains(h.screen(), "Network trouble") {
		t.Fatalf("notice still shown after recovery:\n%s", h.screen())
	}
	due := h.pending(isPollDue)
	if len(due) != 1 || due[0].at.Sub(h.now) != 2*time.Second {
		t.Fatalf("after recovery next poll = %v, want in 2s", due)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 429, RetryAfter: "20"})
	h.advance(2 * time.Second)
	due := h.pending(isRetryDue)
	if len(due) != 1 || due[0].at.Sub(h.now) != 20*time.Second {
		t.Fatalf("retry = %v, want in 20s", due)
	}
	h.wantScreen("HTTP 429", "many requests")
}

func TestUnknownCodeFailsThenRetryRecovers(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: -404, Message: "\x1b]0;pwned\x07\x1b[2Jboom"})
	h.advance(2 * time.Second)
	h.wantState(state.Failed)
	h.wantScreen("Login failed", "code -404")
	if strings.Contains(h.m.View().Content, "\x1b]0;pwned") || strings.Contains(h.m.View().Content, "\x1b[2J") {
		t.Fatal("server text reached the screen unsanitized")
	}
	if h.m.Result().Outcome != Failed {
		t.Fatalf("outcome = %v", h.m.Result().Outcome)
	}
	// no polling while failed
	polls := h.srv.Count(passporttest.EndpointPoll)
	h.advance(10 * time.Second)
	if h.srv.Count(passporttest.EndpointPoll) != polls {
		t.Fatal("polled in the failed state")
	}
	h.key("r")
	h.wantState(state.ShowingCode)
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
}

func TestNotLoggedInSavesNothing(t *testing.T) {
	h := newHarness(t, passporttest.Options{User: passporttest.UserNotLoggedIn}, nil)
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Failed)
	if !errors.Is(h.m.err, passport.ErrNotLoggedIn) {
		t.Fatalf("err = %v", h.m.err)
	}
	if len(h.saved) != 0 {
		t.Fatal("saved a session that is not logged in")
	}
	h.wantScreen("Nothing was saved")
}

func TestSaveFailureKeepsSessionAndRetries(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	calls := 0
	h.saveFn = func(s passport.Session) (string, error) {
		calls++
		if calls == 1 {
			return "", errors.New("cannot write /ro/cookies.txt: the file system is read-only")
		}
		h.saved = append(h.saved, s)
		return "/ok/cookies.txt", nil
	}
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.SaveFailed)
	h.wantScreen("read-only", "-o -")
	if got := h.m.Result().Summary("netscape"); !strings.Contains(got, "logged in as Demo User (mid 1709658507), but the session was not saved: cannot write /ro/cookies.txt") {
		t.Fatalf("summary %q", got)
	}
	tickets := h.srv.Count(passporttest.EndpointTicket)
	h.key("r")
	h.wantState(state.Done)
	if h.srv.Count(passporttest.EndpointTicket) != tickets {
		t.Fatal("r after a failed save started a new login instead of saving again")
	}
	if len(h.saved) != 1 {
		t.Fatal("the kept session was not saved on retry")
	}
}

func TestQuitFromEveryState(t *testing.T) {
	for _, tc := range []struct {
		name string
		to   func(h *harness)
		want Outcome
	}{
		{"showing QR", func(h *harness) {}, Cancelled},
		{"waiting", func(h *harness) { h.srv.Scan(); h.advance(2 * time.Second) }, Cancelled},
		{"retrying", func(h *harness) {
			h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 500})
			h.advance(2 * time.Second)
		}, Cancelled},
		{"failed", func(h *harness) {
			h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: -404})
			h.advance(2 * time.Second)
		}, Failed},
		{"menu", func(h *harness) { h.key("l") }, Cancelled},
	} {
		for _, k := range []string{"q", "esc", "ctrl+c"} {
			t.Run(tc.name+"/"+k, func(t *testing.T) {
				h := newHarness(t, passporttest.Options{}, nil)
				tc.to(h)
				reqs := len(h.srv.Requests())
				h.key(k)
				if tc.name == "menu" && k != "ctrl+c" {
					// in the menu q types into the filter and esc goes back
					if h.quit {
						t.Fatalf("%s quit from the menu", k)
					}
					return
				}
				if !h.quit {
					t.Fatal("did not quit")
				}
				if got := h.m.Result().Outcome; got != tc.want {
					t.Fatalf("outcome = %v, want %v", got, tc.want)
				}
				if h.m.flowCtx.Err() == nil {
					t.Fatal("in-flight work not cancelled")
				}
				h.advance(time.Minute)
				if n := len(h.srv.Requests()); n != reqs {
					t.Fatalf("%d requests after quit", n-reqs)
				}
			})
		}
	}
}

func TestFirstLaunchMenuPicksLocale(t *testing.T) {
	var remembered []string
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.Locale = ""
		c.MenuLocale = "th_TH"
		c.RememberLocale = func(code string) error { remembered = append(remembered, code); return nil }
	})
	if h.m.state != state.ChoosingLanguage {
		t.Fatal("first launch did not open the menu")
	}
	if n := len(h.srv.Requests()); n != 0 {
		t.Fatalf("%d requests before a locale was picked", n)
	}
	h.wantScreen("› ไทย", "th_TH", "English", "简体中文")
	h.key("down") // th_TH → vi_VN
	h.key("enter")
	if h.m.state == state.ChoosingLanguage || h.m.locale != "vi_VN" {
		t.Fatalf("state=%v locale=%s", h.m.state, h.m.locale)
	}
	if len(remembered) != 1 || remembered[0] != "vi_VN" {
		t.Fatalf("remembered = %v", remembered)
	}
	reqs := h.srv.Requests()
	if len(reqs) != 1 || reqs[0].Query.Get("s_locale") != "vi_VN" {
		t.Fatalf("requests = %+v", reqs)
	}
	h.wantState(state.ShowingCode)
}

func TestMenuFilterAndLocaleChange(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	first := h.m.ticket.ID
	h.key("l")
	h.wantScreen("Choose your language", "✓ current")
	for _, r := range "viet" {
		h.key(string(r))
	}
	if items := h.m.menuItems(); len(items) != 1 || items[0].Code != "vi_VN" {
		t.Fatalf("filter viet = %v", items)
	}
	h.key("backspace")
	h.key("backspace")
	h.key("backspace")
	h.key("backspace")
	h.key("简")
	if items := h.m.menuItems(); len(items) != 1 || items[0].Code != "zh_ZH" {
		t.Fatalf("filter 简 = %v", items)
	}
	h.key("enter")
	if h.m.locale != "zh_ZH" || h.m.ticket.ID == first {
		t.Fatalf("locale %s, new ticket %v", h.m.locale, h.m.ticket.ID != first)
	}
	reqs := h.srv.Requests()
	last := reqs[len(reqs)-1]
	if last.Path != passporttest.EndpointTicket || last.Query.Get("s_locale") != "zh_ZH" {
		t.Fatalf("last request %s s_locale=%s", last.Path, last.Query.Get("s_locale"))
	}
	if got := last.Header.Get("Accept-Language"); got != "zh-CN" {
		t.Fatalf("Accept-Language = %q", got)
	}
}

func TestMenuEscGoesBack(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	ticket := h.m.ticket.ID
	h.key("l")
	h.key("esc")
	if h.m.state == state.ChoosingLanguage || h.quit {
		t.Fatal("esc in the menu should close it")
	}
	if h.m.ticket.ID != ticket {
		t.Fatal("closing the menu replaced the ticket")
	}
}

func TestTicketNetworkFailureRetries(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) { c.Locale = "" })
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: passporttest.CloseConn})
	h.key("enter")
	h.wantState(state.Fetching)
	h.wantScreen("Network trouble — retrying in 2s")
	h.advance(2 * time.Second)
	h.wantState(state.ShowingCode)
}

func TestCancelStopsInFlightRequest(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.Hang})
	// run the poll on a goroutine as Bubble Tea would, and quit meanwhile
	h.m.polling = true
	cmd := pollUntilNews(h.m.flowCtx, h.m.cfg.Client, h.m.pollingArgs(0, true))
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	h.key("q")
	select {
	case msg := <-done:
		if _, ok := msg.(pollFailedMsg); !ok {
			t.Fatalf("got %T", msg)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("quitting did not cancel the hung poll")
	}
}

// A request cancelled by quitting reports an error; it must not turn a
// cancel into a failure.
func TestLateReplyAfterQuitChangesNothing(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	gen := h.m.gen
	h.key("q")
	h.send(pollFailedMsg{gen: gen, err: context.Canceled})
	h.send(pollResultMsg{gen: gen, result: passport.PollResult{Status: passport.Confirmed}})
	if got := h.m.Result(); got.Outcome != Cancelled || got.ExitCode() != 130 {
		t.Fatalf("result after late replies = %+v", got)
	}
}

// Prefetch sends the ticket request before Init (before the terminal is
// taken over); Init then only waits for it, and asks for no second ticket.
func TestPrefetchOverlapsStartup(t *testing.T) {
	srv := passporttest.New(passporttest.Options{})
	t.Cleanup(srv.Close)
	client, err := passport.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, naps: make(chan nap), stop: make(chan struct{})}
	t.Cleanup(func() { close(h.stop) })
	m := New(Config{Client: client, Locale: "en_US",
		Save:  func(context.Context, passport.Session) (string, error) { return "", nil },
		After: func(d time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return timerMsg{d: d, msg: msg} } },
		Sleep: h.sleep,
	})
	m.Prefetch()
	// the request leaves without Init: wait for the fake to answer it
	for ev := range srv.Events() {
		if ev.Kind == passporttest.EventTicket {
			break
		}
	}
	h.m = m
	h.run(m.Init())
	h.wantState(state.ShowingCode)
	if n := srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Fatalf("%d ticket requests, want 1", n)
	}
}

// The time left is worded in whole minutes, then tens of seconds, and the
// screen changes on each boundary, never a second late, with one clock
// tick a change.
func TestTimeLeftWords(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	ticks := 0
	at := time.Duration(0)
	for _, step := range []struct {
		at   time.Duration // since the code was shown
		want string
	}{
		{59 * time.Second, "Expires in 3\u00a0min"},
		{60 * time.Second, "Expires in 2\u00a0min"},
		{119 * time.Second, "Expires in 2\u00a0min"},
		{120 * time.Second, "Expires in 1\u00a0min"},
		{129 * time.Second, "Expires in 1\u00a0min"},
		{130 * time.Second, "Expires in 50s"},
		{160 * time.Second, "Expires in 20s"},
		{170 * time.Second, "Expires in 10s"},
		{179 * time.Second, "Expires in 10s"},
	} {
		h.advanceCounting(step.at-at, func(msg tea.Msg) {
			if isClockTick(msg) {
				ticks++
			}
		})
		at = step.at
		h.wantScreen(step.want)
	}
	// 2 min, 1 min, 50s, 40s, 30s, 20s, 10s
	if ticks != 7 {
		t.Errorf("%d clock ticks in 179 s, want 7: one for each change of the words", ticks)
	}
}

// Config.Waiting is run once, a second after the first code is shown,
// not again for a renewed one.
func TestWaitingIsToldOnce(t *testing.T) {
	told := 0
	h := newHarness(t, passporttest.Options{}, func(c *Config) { c.Waiting = func() { told++ } })
	h.wantState(state.ShowingCode)
	if told != 0 {
		t.Fatalf("told %d times as the code is shown, want 0 until it has settled", told)
	}
	h.advance(settleFor)
	if told != 1 {
		t.Fatalf("told %d times a second after the code is shown, want 1", told)
	}
	h.advance(180 * time.Second) // the code runs out and is renewed
	if n := h.srv.Count(passporttest.EndpointTicket); n != 2 {
		t.Fatalf("%d ticket requests, want 2", n)
	}
	h.wantState(state.ShowingCode)
	if told != 1 {
		t.Errorf("told %d times after a renewal, want 1", told)
	}
}
