package model

import (
	"io/fs"
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
		QRStyle: ui.QRStyle{Profile: m.profile, DarkBG: m.dark, Invert: m.invert, EastAsian: m.cfg.EastAsian,
			Mode: m.qrMode, ImageID: m.gfx.id, Console: m.cfg.Console},
		MayNotScan: m.cfg.Unsure && m.cfg.QRAsked == ui.QRAuto,
		Notice:     m.notice,
		Demo:       m.cfg.Demo,
		Format:     m.cfg.Format,
		Keys:       m.keys.ShortHelp(),
		KeysDrop:   dropOrder,
	}
	now := m.cfg.Now()
	switch s.State {
	case state.Checking:
		s.LoosePath, s.LooseMode, s.LooseShared = m.looseSaved()
	case state.AlreadyLoggedIn:
		s.Account, s.SavedTo = m.checked, m.cfg.SavedPath
		s.LoosePath, s.LooseMode, s.LooseShared = m.looseSaved()
	case state.CheckFailed:
		s.Err = m.err
		s.LoosePath, s.LooseMode, s.LooseShared = m.looseSaved()
	case state.Failed, state.SaveFailed:
		s.Err = m.err
	case state.Done:
		s.SavedTo = m.result.SavedTo
		if m.session != nil {
			s.Account, s.Unverified = m.session.Account, m.session.Unverified
		}
	default: // the other screens show only what every screen has
	}
	if s.State.ShowsCode() {
		s.Remaining = max(m.expiresAt.Sub(now), 0)
		if !m.ticket.Trusted {
			s.UnexpectedScheme = m.ticket.InsecureScheme
			s.UnexpectedUserInfo = m.ticket.UserInfo
			if !m.ticket.HostTrusted {
				s.UnexpectedHost = m.ticket.Host
			}
		}
	}
	if !m.retryAt.IsZero() {
		s.RetryIn = max(m.retryAt.Sub(now), time.Second)
		s.RetryErr = m.retryErr
		s.RetryNewCode = m.retryNewCode
	}
	if m.state == state.ChoosingLanguage {
		s.Menu = &ui.Menu{Items: m.menuItems(), Cursor: m.menu.cursor, Filter: m.menu.filter}
		if m.back != noState {
			s.Menu.Current = m.locale
		}
	}
	return s
}

// looseSaved is the saved session file and its mode when other users may
// open it, for the checking screens' warning.
func (m *Model) looseSaved() (string, fs.FileMode, bool) {
	if m.cfg.SavedPerm == 0 {
		return "", 0, false
	}
	return m.cfg.SavedPath, fs.FileMode(m.cfg.SavedPerm).Perm(), m.cfg.SavedShared
}
