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

// harness drives the model by hand: commands run synchronously (their
// HTTP goes to the fake server on loopback), timers are recorded and fire
// only when the test moves the fake clock. No sleeps.
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
}

type timer struct {
	at  time.Time
	seq int
	msg tea.Msg
}

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
	h := &harness{t: t, srv: srv, now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	t.Cleanup(h.cancel)
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
	}
	if mut != nil {
		mut(&cfg)
	}
	h.m = New(cfg)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

// run executes a command and everything it leads to.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
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
		h.send(tm.msg)
	}
	h.now = end
}

// pending is the scheduled timers whose message matches.
func (h *harness) pending(match func(tea.Msg) bool) []timer {
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
