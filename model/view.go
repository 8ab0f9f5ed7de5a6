package model

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/ui"
)

// View draws the current state through ui; it never changes the model.
func (m *Model) View() tea.View {
	v := tea.NewView(ui.Render(m.Screen()))
	v.AltScreen = true
	v.WindowTitle = "biliqr"
	return v
}

// Screen is the read-only snapshot ui renders. While the menu is open it
// describes the state behind it too, and Menu is set.
func (m *Model) Screen() ui.Screen {
	s := ui.Screen{
		Width:   m.width,
		Height:  m.height,
		Theme:   &m.theme,
		Locale:  m.locale,
		State:   m.flowState(),
		Spinner: m.spinner.View(),
		QR:      m.qr,
		QRStyle: ui.QRStyle{Profile: m.profile, DarkBG: m.dark, Invert: m.invert, EastAsian: m.cfg.EastAsian},
		Notice:  m.notice,
		Demo:    m.cfg.Demo,
		Format:  m.cfg.Format,
		Keys:    m.keys.ShortHelp(),
	}
	now := m.cfg.Now()
	switch s.State {
	case state.AlreadyLoggedIn:
		s.Account, s.SavedTo = m.checked, m.cfg.SavedPath
	case state.CheckFailed, state.Failed, state.SaveFailed:
		s.Err = m.err
	case state.Done:
		s.SavedTo = m.savedTo
		if m.session != nil {
			s.Account, s.Unverified = m.session.Account, m.session.Unverified
		}
	}
	if s.State.ShowsCode() {
		s.Remaining = max(m.expiresAt.Sub(now), 0)
		if !m.ticket.Trusted {
			s.UnexpectedHost = m.ticket.Host
		}
	}
	if !m.retryAt.IsZero() {
		s.RetryIn = max(m.retryAt.Sub(now), time.Second)
		s.RetryErr = m.retryErr
	}
	if m.state == state.ChoosingLanguage {
		s.Menu = &ui.Menu{Items: m.menuItems(), Cursor: m.menu.cursor, Filter: m.menu.filter}
		if m.back != noState {
			s.Menu.Current = m.locale
		}
	}
	return s
}
