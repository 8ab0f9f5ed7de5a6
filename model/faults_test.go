package model

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui/i18n"
)

// The proof of the fault handling: every kind of trouble on the way to the
// server gives a clear, retried status line, on the documented schedule,
// and the flow recovers as soon as the trouble ends.

// flaky is the model's Passport with client-side faults: the next badPolls
// polls (badTickets ticket requests) go through bad, a client that fails
// the way the case wants; everything else goes through good. It also
// counts calls and how many were in flight at once.
type flaky struct {
	mu                   sync.Mutex
	good, bad            Passport
	badPolls, badTickets int
	polls, tickets       int
	inFlight, maxFlight  int
	started              chan struct{} // if set, told of every call as it starts
}

func (f *flaky) pick(bad *int, count *int) Passport {
	f.mu.Lock()
	defer f.mu.Unlock()
	*count++
	if f.started != nil {
		f.started <- struct{}{}
	}
	f.inFlight++
	f.maxFlight = max(f.maxFlight, f.inFlight)
	if *bad > 0 && f.bad != nil {
		*bad--
		return f.bad
	}
	return f.good
}

func (f *flaky) done() {
	f.mu.Lock()
	f.inFlight--
	f.mu.Unlock()
}

func (f *flaky) RequestTicket(ctx context.Context, locale string) (passport.Ticket, error) {
	c := f.pick(&f.badTickets, &f.tickets)
	defer f.done()
	return c.RequestTicket(ctx, locale)
}

func (f *flaky) PollQR(ctx context.Context, t passport.Ticket, locale string) (passport.PollResult, error) {
	c := f.pick(&f.badPolls, &f.polls)
	defer f.done()
	return c.PollQR(ctx, t, locale)
}

func (f *flaky) Complete(ctx context.Context, c passport.Confirmation, locale string) (passport.Session, error) {
	return f.good.Complete(ctx, c, locale)
}

func (f *flaky) counts() (polls, tickets, maxFlight int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.polls, f.tickets, f.maxFlight
}

// newFaultHarness is newHarness with the client behind a flaky. The good
// client opens a fresh connection per request, so a dropped connection is
// seen as such and not hidden by net/http's silent retry on a reused one;
// that makes each queued server fault exactly one failure.
func newFaultHarness(t *testing.T, mut func(*Config)) (*harness, *flaky) {
	t.Helper()
	fl := &flaky{}
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		fl.good = c.Client
		c.Client = fl
		if mut != nil {
			mut(c)
		}
	})
	tr := h.srv.Client().Transport.(*http.Transport)
	tr.DisableKeepAlives = true
	fl.good = newClient(t, h.srv.PassportURL(), h.srv.APIURL(), h.srv.TrustedHosts(), &http.Client{Transport: tr})
	// wide enough that no status line wraps
	h.send(tea.WindowSizeMsg{Width: 200, Height: 60})
	return h, fl
}

func newClient(t *testing.T, passportURL, apiURL string, trusted []string, hc *http.Client) *passport.Client {
	t.Helper()
	c, err := passport.New(passport.Options{PassportURL: passportURL, APIURL: apiURL, TrustedHosts: trusted, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// blackhole is a loopback address that accepts connections and never
// answers: a stalled server.
func blackhole(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + l.Addr().String()
}

// closedPort is a loopback address nobody listens on: connection refused.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func noProxy() *http.Transport { return &http.Transport{Proxy: nil} }

type faultCase struct {
	name string
	// server-side: the kind queued at the fake (Times set by the test)
	fault passporttest.Fault
	// client-side: a client that fails this way (nil: server-side)
	bad        func(t *testing.T, srv *passporttest.Server) Passport
	retryAfter time.Duration
	words      []string // the cause in words, as the screen says it
	title      string   // the retry notice's title: what happened ("" network trouble)
}

// retryTitle is the retry notice's first line for tc.
func (tc faultCase) retryTitle(in time.Duration) string {
	title := tc.title
	if title == "" {
		title = "Network trouble"
	}
	return fmt.Sprintf("%s — retrying in %ds", title, in/time.Second)
}

func faultCases() []faultCase {
	status := func(code int, ra string) passporttest.Fault {
		return passporttest.Fault{Kind: passporttest.HTTPStatus, Status: code, RetryAfter: ra}
	}
	kind := func(k passporttest.FaultKind) passporttest.Fault { return passporttest.Fault{Kind: k} }
	return []faultCase{
		{name: "HTTP 412", fault: status(412, ""), words: []string{"HTTP 412", "risk control"}, title: "The server is having trouble"},
		{name: "HTTP 429 Retry-After 7", fault: status(429, "7"), retryAfter: 7 * time.Second, words: []string{"HTTP 429", "too many requests"}, title: "Too many requests"},
		{name: "HTTP 500", fault: status(500, ""), words: []string{"HTTP 500", "having trouble"}, title: "The server is having trouble"},
		{name: "HTTP 502", fault: status(502, ""), words: []string{"HTTP 502", "having trouble"}, title: "The server is having trouble"},
		{name: "HTTP 503", fault: status(503, ""), words: []string{"HTTP 503", "having trouble"}, title: "The server is having trouble"},
		{name: "HTML page", fault: kind(passporttest.HTMLPage), words: []string{"unexpected reply", "HTML page"}, title: "The server is having trouble"},
		{name: "truncated JSON", fault: kind(passporttest.TruncatedJSON), words: []string{"unexpected reply", "not valid JSON"}, title: "The server is having trouble"},
		{name: "wrong types", fault: kind(passporttest.WrongTypes), words: []string{"unexpected reply"}, title: "The server is having trouble"},
		{name: "huge body", fault: kind(passporttest.HugeBody), words: []string{"unexpected reply", "too large"}, title: "The server is having trouble"},
		{name: "malformed header", fault: kind(passporttest.BadHeader), words: []string{"unexpected reply", "malformed reply header"}, title: "The server is having trouble"},
		{name: "connection closed", fault: kind(passporttest.CloseConn), words: []string{"Network trouble reaching 127.0.0.1:", "connection was cut"}},
		{name: "connection refused", words: []string{"Network trouble reaching 127.0.0.1:", "refused"},
			bad: func(t *testing.T, _ *passporttest.Server) Passport {
				u := closedPort(t)
				return newClient(t, u, u, nil, &http.Client{Transport: noProxy()})
			}},
		{name: "DNS failure", words: []string{"Network trouble reaching 127.0.0.1:", "could not be"},
			bad: func(t *testing.T, srv *passporttest.Server) Passport {
				tr := noProxy()
				tr.DialContext = func(context.Context, string, string) (net.Conn, error) {
					return nil, &net.DNSError{Err: "no such host", Name: "passport.bilibili.tv", IsNotFound: true}
				}
				return newClient(t, srv.PassportURL(), srv.APIURL(), srv.TrustedHosts(), &http.Client{Transport: tr})
			}},
		{name: "TLS error", words: []string{"Network trouble reaching 127.0.0.1:", "secure connection failed"},
			bad: func(t *testing.T, srv *passporttest.Server) Passport {
				// no cert pool: the fake's certificate is from an unknown authority
				return newClient(t, srv.PassportURL(), srv.APIURL(), srv.TrustedHosts(), &http.Client{Transport: noProxy()})
			}},
		{name: "timeout", words: []string{"Network trouble reaching 127.0.0.1:", "did not answer in"},
			bad: func(t *testing.T, _ *passporttest.Server) Passport {
				u := blackhole(t)
				return newClient(t, u, u, nil, &http.Client{Timeout: 50 * time.Millisecond, Transport: noProxy()})
			}},
	}
}

// inject makes the next n requests to endpoint fail as tc says.
func (tc faultCase) inject(t *testing.T, h *harness, fl *flaky, endpoint string, n int) {
	if tc.bad != nil {
		fl.bad = tc.bad(t, h.srv)
		if endpoint == passporttest.EndpointPoll {
			fl.badPolls = n
		} else {
			fl.badTickets = n
		}
		return
	}
	f := tc.fault
	f.Endpoint, f.Times = endpoint, n
	h.srv.Fail(f)
}

// rawDumps are what must never reach the screen: bodies, Go error text,
// endpoint names. The host is named on purpose ("Network trouble
// reaching 127.0.0.1:…"), never a Go error's address dump.
var rawDumps = []string{
	"<html", "<!DOCTYPE", `{"code"`, "x509", "dial tcp", "tls:", "EOF", "context deadline",
	"Client.Timeout", "lookup ", "connect:", "qrcode/auth", "ticket=", "aaaaaaaa",
}

func (h *harness) wantNoRawDump() {
	h.t.Helper()
	scr := h.screen()
	for _, bad := range rawDumps {
		if strings.Contains(scr, bad) {
			h.t.Fatalf("screen shows raw %q:\n%s", bad, scr)
		}
	}
}

func isClockTick(m tea.Msg) bool { _, ok := m.(clockTickMsg); return ok }

// countdown is the time-left line the screen shows with d left (its words
// are pinned by TestExpiresIn and TestTimeLeftWords).
func countdown(d time.Duration) string {
	return "Expires in " + i18n.ExpiresIn(i18n.English, d)
}

// the retry schedule with Rand fixed at 0.5 (no jitter)
var schedule = []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}

func TestPollFaults(t *testing.T) {
	t.Parallel() // renders many screens: beside the others
	for _, tc := range faultCases() {
		if tc.fault.Kind == passporttest.WrongTypes {
			// Its code is "0": a confirmed login whatever its data (the site's bundle), so
			// not a garbled poll; TestPollCodeZeroWithOddData covers it.
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			h, fl := newFaultHarness(t, nil)
			shown := h.now
			tc.inject(t, h, fl, passporttest.EndpointPoll, len(schedule))

			h.advance(2 * time.Second) // the first poll fails
			for i, d := range schedule {
				want := max(d, tc.retryAfter)
				h.wantState(state.ShowingCode)
				due := h.pending(isRetryDue)
				if len(due) != 1 || due[0].at.Sub(h.now) != want {
					t.Fatalf("failure %d: retries %v, want one in %v", i+1, due, want)
				}
				if n := len(h.pending(isPollDue)); n != 0 {
					t.Fatalf("failure %d: %d polls scheduled beside the retry", i+1, n)
				}
				h.wantScreen(append([]string{tc.retryTitle(want)}, tc.words...)...)
				h.wantNoRawDump()
				// the countdown keeps running through the retries
				h.wantScreen(countdown(180*time.Second - h.now.Sub(shown)))
				if n := len(h.pending(isClockTick)); n != 1 {
					t.Fatalf("failure %d: %d clock ticks pending, want 1", i+1, n)
				}
				if polls, _, _ := fl.counts(); polls != i+1 {
					t.Fatalf("failure %d: %d polls", i+1, polls)
				}
				h.advance(want)
			}

			// the trouble is over: this poll succeeded
			polls, _, maxFlight := fl.counts()
			if polls != len(schedule)+1 || maxFlight != 1 {
				t.Fatalf("polls %d (want %d), most in flight %d", polls, len(schedule)+1, maxFlight)
			}
			h.wantState(state.ShowingCode)
			if scr := h.screen(); strings.Contains(scr, "retrying in") {
				t.Fatalf("notice still shown after recovery:\n%s", scr)
			}
			if due := h.pending(isPollDue); len(due) != 1 || due[0].at.Sub(h.now) != 2*time.Second {
				t.Fatalf("after recovery next poll %v, want in 2s", due)
			}
			if n := len(h.pending(isRetryDue)); n != 0 {
				t.Fatalf("%d retries pending after recovery", n)
			}
			// and a later failure starts the schedule afresh
			tc.inject(t, h, fl, passporttest.EndpointPoll, 1)
			h.advance(2 * time.Second)
			if due := h.pending(isRetryDue); len(due) != 1 || due[0].at.Sub(h.now) != max(2*time.Second, tc.retryAfter) {
				t.Fatalf("backoff not reset after recovery: %v", due)
			}
			h.advance(max(2*time.Second, tc.retryAfter))

			h.srv.Confirm()
			h.advance(2 * time.Second)
			h.wantState(state.Done)
		})
	}
}

func TestTicketFaults(t *testing.T) {
	t.Parallel() // renders many screens: beside the others
	for _, tc := range faultCases() {
		t.Run(tc.name, func(t *testing.T) {
			// first launch: the menu asks nothing, so the fault is queued
			// before the first ticket request
			h, fl := newFaultHarness(t, func(c *Config) { c.Locale = "" })
			const failures = 3
			tc.inject(t, h, fl, passporttest.EndpointTicket, failures)
			h.key("enter")
			for i, d := range schedule[:failures] {
				want := max(d, tc.retryAfter)
				h.wantState(state.Fetching)
				due := h.pending(isRetryDue)
				if len(due) != 1 || due[0].at.Sub(h.now) != want {
					t.Fatalf("failure %d: retries %v, want one in %v", i+1, due, want)
				}
				h.wantScreen(append([]string{tc.retryTitle(want)}, tc.words...)...)
				h.wantNoRawDump()
				// the retry notice counts down
				if n := len(h.pending(isClockTick)); n != 1 {
					t.Fatalf("failure %d: %d clock ticks pending, want 1", i+1, n)
				}
				h.advance(time.Second)
				h.wantScreen(fmt.Sprintf("retrying in %ds", (want-time.Second)/time.Second))
				h.advance(want - time.Second)
			}
			if _, tickets, maxFlight := fl.counts(); tickets != failures+1 || maxFlight != 1 {
				t.Fatalf("ticket requests %d (want %d), most in flight %d", tickets, failures+1, maxFlight)
			}
			h.wantState(state.ShowingCode)
			h.wantScreen("Expires in 3\u00a0min")
			if scr := h.screen(); strings.Contains(scr, "retrying in") {
				t.Fatalf("notice still shown after recovery:\n%s", scr)
			}
			if due := h.pending(isPollDue); len(due) != 1 || due[0].at.Sub(h.now) != 2*time.Second {
				t.Fatalf("after recovery next poll %v, want in 2s", due)
			}
		})
	}
}

// A code that runs out while polls keep failing is still replaced.
func TestCountdownExpiryDuringRetries(t *testing.T) {
	h, _ := newFaultHarness(t, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503, Times: 1000})
	first := h.m.ticket.ID
	h.advance(179 * time.Second)
	h.wantScreen("having trouble — retrying in", "Expires in 10s")
	h.advance(time.Second)
	if h.m.ticket.ID == first || len(h.srv.Tickets()) != 2 {
		t.Fatalf("the ticket was not replaced at the end of the countdown (%d tickets)", len(h.srv.Tickets()))
	}
	h.wantState(state.ShowingCode)
	h.wantScreen("Expires in 3\u00a0min")
	// the old ticket's retry is dead; the new one starts afresh
	polls := h.srv.Count(passporttest.EndpointPoll)
	h.advance(2 * time.Second)
	if got := h.srv.Count(passporttest.EndpointPoll) - polls; got != 1 {
		t.Fatalf("%d polls in the new ticket's first interval, want 1", got)
	}
	if due := h.pending(isRetryDue); len(due) != 1 || due[0].at.Sub(h.now) != 2*time.Second {
		t.Fatalf("new ticket's first retry %v, want in 2s", due)
	}
}

// An expiry the server reports once the trouble ends gets a new ticket.
func TestServerExpiryAfterRetries(t *testing.T) {
	h, _ := newFaultHarness(t, nil)
	h.advance(30 * time.Second) // a code that lived: its expiry is renewed at once (timeout.go)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.CloseConn, Times: 3})
	h.srv.Expire()
	h.advance(16 * time.Second) // fails at 32, 34 and 38 s; the poll at 46 s sees 10018100
	if n := len(h.srv.Tickets()); n != 2 {
		t.Fatalf("%d tickets, want 2", n)
	}
	h.wantState(state.ShowingCode)
	if strings.Contains(h.screen(), "Network trouble") {
		t.Fatalf("notice kept after the new ticket:\n%s", h.screen())
	}
}

// A poll that stalls is the only one: the timers that fire meanwhile start
// nothing, and when it gives up the retry follows the schedule.
func TestStalledPollIsNotDoubled(t *testing.T) {
	t.Parallel() // renders many screens: beside the others
	h, fl := newFaultHarness(t, nil)
	u := blackhole(t)
	fl.bad = newClient(t, u, u, nil, &http.Client{Timeout: 200 * time.Millisecond, Transport: noProxy()})
	fl.badPolls = 1
	fl.started = make(chan struct{}, 8)
	shown := h.now

	// wake the poll loop and let it poll on its goroutine, as in Bubble
	// Tea, while the model goes on
	done := h.wakeLoose(isPollDue)
	<-fl.started // the poll is in flight now

	gen := h.m.gen
	h.advance(60 * time.Second)
	h.send(retryDueMsg{gen: gen, seq: h.m.retrySeq})
	h.wantScreen(countdown(180*time.Second - h.now.Sub(shown)))
	if polls, _, _ := fl.counts(); polls != 1 {
		t.Fatalf("%d polls started while one was in flight", polls)
	}

	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the stalled poll never gave up")
	}
	h.send(msg)
	h.wantState(state.ShowingCode)
	h.wantScreen("Network trouble — retrying in 2s", "Network trouble reaching 127.0.0.1:", "did not answer in")
	if due := h.pending(isRetryDue); len(due) != 1 || due[0].at.Sub(h.now) != 2*time.Second {
		t.Fatalf("retry %v, want one in 2s", due)
	}
	if n := len(h.pending(isPollDue)); n != 0 {
		t.Fatalf("%d polls piled up behind the stall", n)
	}
	h.advance(2 * time.Second)
	polls, _, maxFlight := fl.counts()
	if polls != 2 || maxFlight != 1 || h.srv.Count(passporttest.EndpointPoll) != 1 {
		t.Fatalf("polls %d (at the fake %d), most in flight %d", polls, h.srv.Count(passporttest.EndpointPoll), maxFlight)
	}
	if strings.Contains(h.screen(), "Network trouble") {
		t.Fatal("notice kept after the poll succeeded")
	}
}

// wakeLoose wakes the earliest sleeping command that matches and lets it
// run on its own: its report comes on the channel returned, for the test
// to deliver.
func (h *harness) wakeLoose(match func(tea.Msg) bool) <-chan tea.Msg {
	h.t.Helper()
	for i, tm := range h.timers {
		if tm.nap != nil && match(tm.msg) {
			h.timers = append(h.timers[:i], h.timers[i+1:]...)
			h.now = tm.at
			close(tm.nap.wake)
			return tm.nap.done
		}
	}
	h.t.Fatal("no such sleeper")
	return nil
}

// Five minutes of a failing server: one poll per retry timer, never more.
func TestLongOutageDoesNotPileUpPolls(t *testing.T) {
	h, fl := newFaultHarness(t, func(c *Config) { c.TicketLifetime = time.Hour })
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 500, Times: 1000})
	fired := 0
	end := h.now.Add(5 * time.Minute)
	for {
		due := append(h.pending(isPollDue), h.pending(isRetryDue)...)
		if len(due) != 1 {
			t.Fatalf("%d poll/retry timers pending, want 1", len(due))
		}
		if due[0].at.After(end) {
			break
		}
		h.advance(due[0].at.Sub(h.now))
		fired++
		if len(h.timers) > 2 { // the retry and the clock
			t.Fatalf("%d timers pending", len(h.timers))
		}
	}
	// at 2, 4, 8, 16, 32 s, then every 30 s up to 272 s
	if polls, _, maxFlight := fl.counts(); polls != fired || fired != 13 || maxFlight != 1 {
		t.Fatalf("polls %d, timers fired %d (want 13), most in flight %d", polls, fired, maxFlight)
	}
	if n := h.srv.Count(passporttest.EndpointPoll); n != 13 {
		t.Fatalf("the fake saw %d polls", n)
	}
}

// Neither quitting during a retry nor the end of a login leaves anything
// that asks the server again.
func TestNoRequestAfterQuitOrDone(t *testing.T) {
	t.Run("quit while retrying", func(t *testing.T) {
		h, _ := newFaultHarness(t, nil)
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503, Times: 1000})
		h.advance(10 * time.Second)
		h.wantScreen("having trouble — retrying in")
		before := len(h.srv.Requests())
		h.key("q")
		if !h.quit || h.m.Result().ExitCode() != 130 {
			t.Fatalf("quit %v, result %+v", h.quit, h.m.Result())
		}
		h.advance(10 * time.Minute)
		if n := len(h.srv.Requests()) - before; n != 0 {
			t.Fatalf("%d requests after quit", n)
		}
	})
	t.Run("done after retries", func(t *testing.T) {
		h, _ := newFaultHarness(t, nil)
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTMLPage, Times: 2})
		h.srv.Confirm()
		h.advance(8 * time.Second) // fails at 2 and 4 s; confirmed at 8 s
		h.wantState(state.Done)
		before := len(h.srv.Requests())
		h.advance(10 * time.Minute)
		if !h.quit {
			t.Fatal("did not leave after done")
		}
		if n := len(h.srv.Requests()) - before; n != 0 {
			t.Fatalf("%d requests after done", n)
		}
	})
}

// Jitter spreads retries by ±20 % and never past the cap; Retry-After wins
// when it is longer.
func TestBackoffJitter(t *testing.T) {
	const base, limit = 2 * time.Second, 30 * time.Second
	for n := 1; n <= 10; n++ {
		nominal := min(base<<(n-1), limit)
		for _, r := range []float64{0, 0.5, 0.999} {
			d := backoff(n, base, limit, 0, r)
			lo, hi := time.Duration(float64(nominal)*0.8), time.Duration(float64(nominal)*1.2)
			if d < lo || d > hi || d > limit {
				t.Errorf("backoff(%d, rand %v) = %v, want within [%v, %v] and ≤ %v", n, r, d, lo, hi, limit)
			}
		}
		if d := backoff(n, base, limit, 0, 0); d != time.Duration(float64(nominal)*0.8) {
			t.Errorf("backoff(%d, rand 0) = %v, want %v", n, d, time.Duration(float64(nominal)*0.8))
		}
		if d := backoff(n, base, limit, 45*time.Second, 0.999); d != 45*time.Second {
			t.Errorf("backoff(%d) with Retry-After 45s = %v", n, d)
		}
	}

	for _, r := range []float64{0, 0.999} {
		t.Run(fmt.Sprint("rand ", r), func(t *testing.T) {
			h, _ := newFaultHarness(t, func(c *Config) { c.Rand = func() float64 { return r }; c.TicketLifetime = time.Hour })
			h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 502, Times: 8})
			h.advance(2 * time.Second)
			for i := range 8 {
				due := h.pending(isRetryDue)
				if len(due) != 1 {
					t.Fatalf("failure %d: %d retries", i+1, len(due))
				}
				d := due[0].at.Sub(h.now)
				nominal := min(2*time.Second<<i, 30*time.Second)
				lo, hi := time.Duration(float64(nominal)*0.8), time.Duration(float64(nominal)*1.2)
				if d < lo || d > hi || d > 30*time.Second {
					t.Fatalf("failure %d: retry in %v, want within [%v, %v], ≤ 30s", i+1, d, lo, hi)
				}
				h.advance(d)
			}
		})
	}
}

// A Retry-After longer than the backoff is waited out (up to 5 minutes: by
// then the code is long gone anyway).
func TestLongRetryAfterIsCapped(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{{"45", 45 * time.Second}, {"600", maxRetryAfter}} {
		h, _ := newFaultHarness(t, nil)
		h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 503, RetryAfter: tc.header})
		h.advance(2 * time.Second)
		if due := h.pending(isRetryDue); len(due) != 1 || due[0].at.Sub(h.now) != tc.want {
			t.Fatalf("Retry-After %s: retry %v, want in %v", tc.header, due, tc.want)
		}
	}
}

// A code-0 poll is a confirmed login whatever its data (PROTOCOL.md §2, the site's bundle):
// the app goes on to verify, and without session cookies it says that the
// service sent no session (not that something went wrong).
func TestPollCodeZeroWithOddData(t *testing.T) {
	h, _ := newFaultHarness(t, nil)
	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.WrongTypes})
	h.advance(2 * time.Second)
	h.wantState(state.Failed)
	h.wantScreen("confirmed the login but sent no session", "r try again")
	if n := h.srv.Count(passporttest.EndpointUser); n == 0 {
		t.Fatal("a code-0 poll was not verified")
	}
	if len(h.saved) != 0 {
		t.Fatal("a login without cookies was saved")
	}
}
