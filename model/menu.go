package model

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
)

// menu is the language menu's cursor and filter while it is open.
type menu struct {
	cursor int
	filter string
}

// menuKey handles keys in the language menu: arrows and j/k move, other
// printable keys filter, Enter picks, Esc clears the filter or goes back
// (at first launch, with nothing to go back to, it quits).
func (m *Model) menuKey(k tea.KeyPressMsg) tea.Cmd {
	items := m.menuItems()
	keys := &m.keys
	switch {
	case key.Matches(k, keys.ForceQuit):
		return m.quit()
	case key.Matches(k, keys.Back):
		switch {
		case m.menu.filter != "":
			m.menu.filter, m.menu.cursor = "", m.indexOf(m.locale)
		case m.back == noState:
			return m.quit()
		default:
			return m.closeMenu()
		}
	case key.Matches(k, keys.Pick):
		if len(items) > 0 {
			return m.pickLocale(items[min(m.menu.cursor, len(items)-1)].Code)
		}
	case key.Matches(k, keys.Up):
		m.menu.cursor = max(m.menu.cursor-1, 0)
	case key.Matches(k, keys.Down):
		m.menu.cursor = max(min(m.menu.cursor+1, len(items)-1), 0)
	case k.Code == tea.KeyBackspace:
		if r := []rune(m.menu.filter); len(r) > 0 {
			m.menu.filter = string(r[:len(r)-1])
			m.menu.cursor = 0
		}
	case k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		m.menu.filter += k.Text
		m.menu.cursor = 0
	}
	m.syncKeys() // the filter decides what esc and ⏎ do
	return nil
}

// pickLocale switches the language and starts over in it: at first launch
// with the saved-session check (if any), else with a new code.
func (m *Model) pickLocale(code string) tea.Cmd {
	firstLaunch := m.back == noState
	m.closeMenu() // the flow starts over just below: that state's keys and spinner
	m.locale = code
	m.result.Locale = code
	m.keys = NewKeyMap(code)
	m.notice = ""
	var cmds []tea.Cmd
	if m.cfg.RememberLocale != nil {
		cmds = append(cmds, rememberLocale(m.cfg.RememberLocale, code))
	}
	switch {
	case firstLaunch && m.cfg.CheckSaved != nil:
		cmds = append(cmds, m.startCheck())
	case m.state == state.AlreadyLoggedIn || m.state == state.CheckFailed:
		// Nothing here came from the server in a language: the same
		// screen, in the new one. A login starts only at r.
		m.syncKeys()
	default:
		cmds = append(cmds, m.startFlow(state.Fetching))
	}
	return tea.Batch(cmds...)
}

// menuItems is the locale list narrowed by the filter (Latin or native
// script, code or name, case-insensitive).
func (m *Model) menuItems() []passport.Locale {
	if m.state != state.ChoosingLanguage || m.menu.filter == "" {
		return passport.Locales
	}
	f := strings.ToLower(m.menu.filter)
	var out []passport.Locale
	for _, l := range passport.Locales {
		hay := strings.ToLower(l.Code + " " + l.Native + " " + l.English + " " + l.Site)
		if strings.Contains(hay, f) {
			out = append(out, l)
		}
	}
	return out
}

func (m *Model) indexOf(code string) int {
	for i, l := range passport.Locales {
		if l.Code == code {
			return i
		}
	}
	return 0
}
