package model

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/keytest"
	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// harness drives the model by hand: each command runs on a goroutine of
// its own as in Bubble Tea, but one at a time, the test waiting for it to
// finish or to sleep (their HTTP goes to the fake server on loopback).
// Timers and sleeps are recorded and end only when the test moves the
// fake clock. No real sleeps.
type harness struct {
	t      testing.TB
	m      *Model
	srv    *passporttest.Server
	now    time.Time
	timers []timer
	seq    int
	saved  []passport.Session
	saveFn func(passport.Session) (string, error)
	quit   bool
	raw    []string // what tea.Raw wrote to the terminal, in order
	ctx    context.Context
	cancel context.CancelFunc
	naps   chan nap // a command going to sleep (Config.Sleep)
	// delivered, if set, is told of every message the model is sent
	delivered func(tea.Msg)
	stop      chan struct{} // the test is over: sleepers return
}

// timer is a message due at a time, or a sleeping command (nap set).
type timer struct {
	at  time.Time
	seq int
	msg tea.Msg
	nap *nap
}

// nap is a command asleep in Config.Sleep: closing wake ends the sleep,
// and its command then reports on done.
type nap struct {
	d    time.Duration
	ctx  context.Context
	wake chan struct{}
	done chan tea.Msg
}

// sleepingMsg stands for a sleeping command among the timers.
type sleepingMsg struct{ d time.Duration }

// timerMsg is what the injected After returns instead of sleeping.
type timerMsg struct {
	d   time.Duration
	msg tea.Msg
}

func newHarness(t testing.TB, opts passporttest.Options, mut func(*Config)) *harness {
	t.Helper()
	srv := passporttest.New(opts)
	t.Cleanup(srv.Close)
	client, err := passport.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
		naps: make(chan nap), stop: make(chan struct{})}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	t.Cleanup(h.cancel)
	t.Cleanup(func() { close(h.stop) })
	cfg := Config{
		Client: client,
		Locale: "en_US",
		Save: func(_ context.Context, s passport.Session) (string, error) {
			if h.saveFn != nil {
				return h.saveFn(s)
			}
			h.saved = append(h.saved, s)
			return "/tmp/x/cookies.txt", nil
		},
		Context: h.ctx,
		Now:     func() time.Time { return h.now },
		Rand:    func() float64 { return 0.5 }, // no jitter: 0.8+0.4*0.5 = 1
		After: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return func() tea.Msg { return timerMsg{d: d, msg: msg} }
		},
		Sleep: h.sleep,
	}
	if mut != nil {
		mut(&cfg)
	}
	h.m = New(cfg)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

// run executes a command and everything it leads to, until it is done or
// asleep.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	h.await(done)
}

// await waits for the running command (done) to finish, or to sleep:
// then its wake-up is a timer like the others.
func (h *harness) await(done chan tea.Msg) {
	select {
	case msg := <-done:
		h.handle(msg)
	case n := <-h.naps:
		n.done = done
		h.seq++
		h.timers = append(h.timers, timer{at: h.now.Add(n.d), seq: h.seq, msg: sleepingMsg{d: n.d}, nap: &n})
	}
}

// sleep is Config.Sleep on the fake clock: the command waits until the
// test's clock passes its time (or, if its flow ended meanwhile, until the
// harness next looks at its timers).
func (h *harness) sleep(ctx context.Context, d time.Duration) error {
	n := nap{d: d, ctx: ctx, wake: make(chan struct{})}
	select {
	case h.naps <- n:
	case <-h.stop:
		return context.Canceled
	}
	select {
	case <-n.wake:
		return ctx.Err()
	case <-h.stop:
		return context.Canceled
	}
}

// wake ends a nap and waits for its command to finish or sleep again.
func (h *harness) wake(n *nap) {
	close(n.wake)
	h.await(n.done)
}

// reap wakes the sleepers whose flow has ended: in Bubble Tea they return
// at once, so none of them is a pending timer.
func (h *harness) reap() {
	for i := 0; i < len(h.timers); i++ {
		if n := h.timers[i].nap; n != nil && n.ctx.Err() != nil {
			h.timers = append(h.timers[:i], h.timers[i+1:]...)
			h.wake(n)
			i = -1 // waking ran the model: start over
		}
	}
}

func (h *harness) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case timerMsg:
		h.seq++
		h.timers = append(h.timers, timer{at: h.now.Add(msg.d), seq: h.seq, msg: msg.msg})
	case tea.QuitMsg:
		h.quit = true
	case spinner.TickMsg:
		// the spinner animates with real timers; it has no part in the flow
	case tea.RawMsg:
		h.raw = append(h.raw, fmt.Sprint(msg.Msg))
	default:
		// tea.Sequence's message is unexported: a slice of commands, run
		// in order
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() {
				h.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		h.send(msg)
	}
}

// rawSince is what was written raw since the i-th write.
func (h *harness) rawSince(i int) string { return strings.Join(h.raw[min(i, len(h.raw)):], "") }

func (h *harness) send(msg tea.Msg) {
	if h.delivered != nil {
		h.delivered(msg)
	}
	_, cmd := h.m.Update(msg)
	h.noBadMoves()
	h.run(cmd)
}

// noBadMoves fails the test on any change of state the table in
// transitions.go does not allow.
func (h *harness) noBadMoves() {
	h.t.Helper()
	if len(h.m.badMoves) > 0 {
		h.t.Fatalf("state changes the table does not allow: %v", h.m.badMoves)
	}
}

func (h *harness) key(s string) { h.send(keytest.Press(s)) }

// advance moves the clock by d, firing due timers in order.
func (h *harness) advance(d time.Duration) { h.advanceCounting(d, nil) }

// advanceCounting is advance, telling seen about each timer that fires.
func (h *harness) advanceCounting(d time.Duration, seen func(tea.Msg)) {
	end := h.now.Add(d)
	for {
		h.reap()
		sort.SliceStable(h.timers, func(i, j int) bool {
			if h.timers[i].at.Equal(h.timers[j].at) {
				return h.timers[i].seq < h.timers[j].seq
			}
			return h.timers[i].at.Before(h.timers[j].at)
		})
		if len(h.timers) == 0 || h.timers[0].at.After(end) {
			break
		}
		tm := h.timers[0]
		h.timers = h.timers[1:]
		h.now = tm.at
		if seen != nil {
			seen(tm.msg)
		}
		if tm.nap != nil {
			h.wake(tm.nap)
			continue
		}
		h.send(tm.msg)
	}
	h.now = end
}

// pending is the scheduled timers whose message matches.
func (h *harness) pending(match func(tea.Msg) bool) []timer {
	h.reap()
	var out []timer
	for _, tm := range h.timers {
		if match(tm.msg) {
			out = append(out, tm)
		}
	}
	return out
}

func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}

func (h *harness) wantState(s state.State) {
	h.t.Helper()
	if h.m.state != s {
		h.t.Fatalf("state = %v, want %v; screen:\n%s", h.m.state, s, h.screen())
	}
}

func (h *harness) wantScreen(parts ...string) {
	h.t.Helper()
	scr := h.screen()
	for _, p := range parts {
		if !strings.Contains(scr, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, scr)
		}
	}
}
