package model

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"
)

// mustKeep is, per state, the help entries the bar never drops: the way
// out and the key the screen is about.
var mustKeep = map[state.State][]string{
	state.ChoosingLanguage: {"⏎ choose", "esc quit"},
	state.Checking:         {"q quit"},
	state.AlreadyLoggedIn:  {"r log in again", "q keep"},
	state.CheckFailed:      {"r log in again", "q quit"},
	state.Fetching:         {"q quit"},
	state.Renewing:         {"q quit"},
	state.ShowingCode:      {"r new code", "q quit"},
	state.Scanned:          {"r new code", "q quit"},
	state.Finishing:        {"q quit"},
	state.Saving:           {"q quit"},
	state.SaveFailed:       {"r try again", "q quit"},
	state.Done:             {"any key close"},
	state.Failed:           {"r try again", "q quit"},
}

// The walk of every state, at every window size a person tried: the bar
// fits the window, keeps q and the screen's own key, and names no key
// that does nothing there (a dropped key may still act; a named one must).
func TestHelpBarFitsEverySize(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {45, 25}, {40, 12}, {120, 40}, {60, 40}} {
		w, h := size[0], size[1]
		for _, s := range state.All {
			if s == state.Quitting {
				continue
			}
			t.Run(fmt.Sprintf("%dx%d/%v", w, h, s), func(t *testing.T) {
				hs := reach(t, s)
				hs.send(tea.WindowSizeMsg{Width: w, Height: h})
				scr := hs.screen()
				lines := strings.Split(scr, "\n")
				if len(lines) > h {
					t.Errorf("%d lines", len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("line %d is %d wide: %q", i, lw, l)
					}
				}
				flatScr := strings.Join(strings.Fields(scr), " ")
				for _, want := range mustKeep[s] {
					if !strings.Contains(flatScr, want) {
						t.Errorf("the bar lacks %q:\n%s", want, scr)
					}
				}
				// every entry shown is enabled, so it acts (the walk in
				// TestHelpShowsExactlyTheKeysThatAct holds enabled to acting)
				for _, b := range hs.m.keys.ShortHelp() {
					if !b.Enabled() {
						t.Errorf("%q is listed while off", b.Help().Key)
					}
				}
			})
		}
	}
}

// The menu's bar follows the filter: esc clears a filter, ⏎ is offered
// only when something matches, quit is said once, and typing is named.
func TestMenuBarFollowsTheFilter(t *testing.T) {
	h := reach(t, state.ChoosingLanguage)
	bar := func() string { return strings.Join(strings.Fields(h.screen()), " ") }
	first := bar()
	if strings.Count(first, "quit") != 1 || !strings.Contains(first, "abc filter") {
		t.Errorf("first launch: %q; want quit once and abc filter", first)
	}
	h.key("z")
	h.key("z")
	got := bar()
	if !strings.Contains(got, "No language matches.") || strings.Contains(got, "⏎ choose") || !strings.Contains(got, "esc clear") || !strings.Contains(got, "ctrl+c quit") {
		t.Errorf("no match: %q; want esc clear, ctrl+c quit and no ⏎ choose", got)
	}
	before := h.snap()
	h.key("enter")
	if h.snap() != before {
		t.Error("⏎ acted with nothing to choose")
	}
	h.key("esc")
	got = bar()
	if strings.Contains(got, "Filter:") || !strings.Contains(got, "esc quit") {
		t.Errorf("after esc: %q; want the filter gone and esc quit", got)
	}
}

// A window too small for the code: i is neither offered nor acts; once
// the code fits it is both.
func TestInvertOnlyWhereTheCodeIsDrawn(t *testing.T) {
	h := reach(t, state.ShowingCode)
	h.send(tea.WindowSizeMsg{Width: 30, Height: 10})
	if strings.Contains(h.screen(), "i invert") {
		t.Errorf("too small, yet the bar offers i:\n%s", h.screen())
	}
	h.key("i")
	if h.m.invert {
		t.Error("i inverted a code that is not drawn")
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.wantScreen("i invert")
}
