package model

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// completePanics is a working client whose Complete panics, as a bug would.
type completePanics struct{ Passport }

func (completePanics) Complete(context.Context, passport.Confirmation, string) (passport.Session, error) {
	panic("boom in Complete \x1b]0;title\x07")
}

// A panic in a command ends the program the normal way, with the panic in
// the result, instead of in Bubble Tea's handler (which prints before it
// restores the terminal).
func TestCommandPanicQuitsWithCrash(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, func(c *Config) { c.Client = completePanics{c.Client} })
	h.wantState(state.ShowingCode)
	h.srv.Confirm()
	h.advance(2 * h.m.cfg.PollInterval)
	if !h.quit {
		t.Fatal("the program did not quit after a panic")
	}
	res := h.m.Result()
	if res.Crash == nil || res.Outcome != Crashed || res.ExitCode() != 1 {
		t.Fatalf("result %+v, want a crash with exit 1", res)
	}
	if len(h.saved) != 0 {
		t.Fatal("a session was saved after a crash")
	}
	if !strings.Contains(string(res.Crash.Stack), "completePanics.Complete") {
		t.Fatalf("the stack is not the panicking goroutine's:\n%s", res.Crash.Stack)
	}
	// anything arriving later changes nothing
	h.send(loginDoneMsg{gen: h.m.gen, session: passport.Session{}})
	if h.m.Result().Crash != res.Crash || len(h.saved) != 0 {
		t.Fatal("a late message changed the result")
	}

	var out bytes.Buffer
	if !ReportCrash(&out, res, nil, "netscape") {
		t.Fatal("ReportCrash did not report the crash")
	}
	first, rest, _ := strings.Cut(out.String(), "\n")
	if first != "biliqr: login failed: internal error (a bug in biliqr; the trace follows)" {
		t.Fatalf("summary line %q", first)
	}
	if !strings.HasPrefix(rest, "panic: boom in Complete") || !strings.Contains(rest, "goroutine ") {
		t.Fatalf("no trace after the summary:\n%s", rest)
	}
	if strings.ContainsAny(rest[:strings.Index(rest, "\n")], "\x1b\x07") {
		t.Fatal("the panic value reached the terminal with its escape sequence")
	}
}

// The prefetched ticket request is guarded too.
func TestPrefetchPanicQuitsWithCrash(t *testing.T) {
	m := New(Config{Client: panicky{}, Locale: "en_US"})
	m.Prefetch()
	var crashed tea.Msg
	for _, msg := range messagesOf(m.Init()) {
		if r, ok := msg.(crashedMsg); ok {
			crashed = r
		}
	}
	if crashed == nil {
		t.Fatal("no crashedMsg from the prefetched request")
	}
	_, cmd := m.Update(crashed)
	if _, ok := cmd().(tea.QuitMsg); !ok || m.Result().Crash == nil {
		t.Fatal("a prefetch panic did not quit with a crash")
	}
}

// messagesOf runs cmd, and the batches and sequences in it, and returns
// the messages they end in.
func messagesOf(cmd tea.Cmd) []tea.Msg { return runTree(cmd, false) }

// runTree is messagesOf, with each batch run back to front when backwards
// is set: Bubble Tea runs a batch's commands at once, so any order is
// theirs; a sequence's run in order.
func runTree(cmd tea.Cmd, backwards bool) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for i := range batch {
			if backwards {
				i = len(batch) - 1 - i
			}
			out = append(out, runTree(batch[i], backwards)...)
		}
		return out
	}
	// tea.Sequence's message is unexported: a slice of commands
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, runTree(v.Index(i).Interface().(tea.Cmd), backwards)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

type panicky struct{ Passport }

func (panicky) RequestTicket(context.Context, string) (passport.Ticket, error) {
	panic(fmt.Errorf("boom in RequestTicket"))
}

func TestReportCrashOnlyForPanics(t *testing.T) {
	for _, tc := range []struct {
		name   string
		runErr error
		want   bool
	}{
		{"clean end", nil, false},
		{"ctrl+c", tea.ErrInterrupted, false},
		{"killed", tea.ErrProgramKilled, false},
		// Bubble Tea's wrapping for a panic in Update or View; it has
		// printed the trace itself
		{"panic in Update", fmt.Errorf("%w: %w", tea.ErrProgramKilled, tea.ErrProgramPanic), true},
	} {
		var out bytes.Buffer
		if got := ReportCrash(&out, Result{Outcome: Cancelled}, tc.runErr, "netscape"); got != tc.want || out.Len() != 0 {
			t.Errorf("%s: ReportCrash = %v, printed %q", tc.name, got, out.String())
		}
	}
}
