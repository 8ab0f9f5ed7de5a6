package model

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// qrURLOf is the qr_url the fake hands out with ticket id (site "en").
func qrURLOf(id string) string {
	return "https://www.bilibili.tv/h5/en/qrcode/login?ticket=" + url.QueryEscape(id)
}

// qrLines is the QR part of the screen: the lines drawn with block glyphs.
func qrLines(scr string) string {
	var b strings.Builder
	for _, l := range strings.Split(scr, "\n") {
		if strings.ContainsAny(l, "█▀▄") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// `i` swaps dark and light by hand: the drawn code changes, and a second
// `i` brings it back exactly.
func TestInvertKey(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.wantState(state.ShowingCode)
	before := h.m.View().Content
	if qrLines(ansi.Strip(before)) == "" {
		t.Fatalf("no QR on screen:\n%s", h.screen())
	}
	h.key("i")
	if !h.m.invert {
		t.Fatal("i did not invert")
	}
	if !h.m.Screen().QRStyle.Invert {
		t.Fatal("the screen's QR style is not inverted")
	}
	if got := h.m.View().Content; got == before {
		t.Fatal("the QR looks the same after i")
	}
	h.key("i")
	if h.m.invert {
		t.Fatal("a second i did not restore")
	}
	// i says what it did: on a screen the eye cannot judge
	h.wantScreen("Colours back to normal.")
	h.m.notice = "" // the code itself is compared below
	if got := h.m.View().Content; got != before {
		t.Fatal("the QR differs after inverting twice")
	}
}

// Without colours the glyphs alone carry the code, so inverting must change
// the glyphs themselves (not only colours).
func TestInvertKeyNoColor(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	before := qrLines(h.screen())
	h.key("i")
	after := qrLines(h.screen())
	if before == "" || after == "" || before == after {
		t.Fatalf("no-colour QR did not flip:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// WritePNG runs for every new ticket with that ticket's QR; a failed write
// is a notice on screen and the login goes on.
func TestPNGHookPerTicket(t *testing.T) {
	var written []string
	var fail error
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.WritePNG = func(q *ui.QR) error {
			written = append(written, q.Text())
			return fail
		}
	})
	h.wantState(state.ShowingCode)
	tk := h.srv.Tickets()
	if len(tk) != 1 || len(written) != 1 || written[0] != qrURLOf(tk[0]) {
		t.Fatalf("after the first ticket: %d tickets, %d writes (first is the URL: %v)",
			len(tk), len(written), len(written) > 0 && len(tk) > 0 && written[0] == qrURLOf(tk[0]))
	}
	// polls that change nothing write nothing
	h.advance(30 * time.Second) // and the code lives long enough to be renewed at once

	if len(written) != 1 {
		t.Fatalf("%d writes without a new ticket", len(written))
	}

	fail = errors.New("disk full")
	h.srv.Expire()
	h.advance(2 * time.Second)
	h.wantState(state.ShowingCode)
	tk = h.srv.Tickets()
	if len(tk) != 2 || len(written) != 2 || written[1] != qrURLOf(tk[1]) || written[1] == written[0] {
		t.Fatalf("after expiry: %d tickets, %d writes", len(tk), len(written))
	}
	h.wantScreen("Something went wrong: disk full")

	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
	if len(h.saved) != 1 {
		t.Fatalf("saved %d sessions", len(h.saved))
	}
}

// c copies only while a QR is shown: not after a failure (the old QR is
// still held then, but its ticket is dead).
func TestCopyOnlyWhenQRShown(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.wantState(state.ShowingCode)
	url := qrURLOf(h.srv.Tickets()[0])

	_, cmd := h.m.Update(tea.KeyPressMsg{Code: 'c', Text: "c"})
	if cmd == nil {
		t.Fatal("c while the QR is shown returned no command")
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok { // with the notice's timer
		for _, c := range batch {
			if m := c(); strings.Contains(reflect.TypeOf(m).String(), "Clipboard") {
				msg = m
			}
		}
	}
	// tea.SetClipboard's message type is unexported; it is a string kind
	// holding the text that Bubble Tea writes with OSC 52.
	if v := reflect.ValueOf(msg); !strings.Contains(reflect.TypeOf(msg).String(), "Clipboard") ||
		v.Kind() != reflect.String || v.String() != url {
		t.Fatalf("c produced %T, not a clipboard write of the qr_url", msg)
	}
	h.wantScreen("Sent the link to the", "clipboard.")

	h.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: -404})
	h.advance(2 * time.Second)
	h.wantState(state.Failed)
	h.m.notice = ""
	before := h.screen()
	if _, cmd := h.m.Update(tea.KeyPressMsg{Code: 'c', Text: "c"}); cmd != nil {
		t.Fatalf("c in the failed state returned a command (%T)", cmd())
	}
	if h.m.notice != "" || h.screen() != before {
		t.Fatalf("c in the failed state changed the screen:\n%s", h.screen())
	}
	if _, cmd := h.m.Update(tea.KeyPressMsg{Code: 'o', Text: "o"}); cmd != nil || h.m.notice != "" {
		t.Fatal("o in the failed state did something")
	}
}

// Every frame fits the window at every size, too small ones included.
func TestQRScreenFitsEverySize(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	h.wantState(state.ShowingCode)
	for _, sz := range [][2]int{{20, 8}, {30, 10}, {40, 15}, {44, 30}, {60, 40}, {80, 24}, {120, 50}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		lines := strings.Split(h.m.View().Content, "\n")
		if len(lines) > sz[1] {
			t.Errorf("%d×%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%d×%d: line %d is %d wide", sz[0], sz[1], i, w)
			}
		}
	}
}
