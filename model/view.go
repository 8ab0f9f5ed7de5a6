package model

import (
	"io/fs"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/ui"
)

// View draws the current state through ui; it never changes the model.
func (m *Model) View() tea.View {
	v := tea.NewView(ui.Render(m.Screen()))
	v.AltScreen = true
	v.WindowTitle = "biliqr"
	return v
}

// Screen is the read-only snapshot ui renders.
func (m *Model) Screen() ui.Screen {
	s := ui.Screen{
		Width:   m.width,
		Height:  m.height,
		Theme:   &m.theme,
		Locale:  m.locale,
		Spinner: m.spinner.View(),
		QR:      m.qr,
		QRStyle: ui.QRStyle{Profile: m.profile, DarkBG: m.dark, Invert: m.invert, EastAsian: m.cfg.EastAsian},
		Notice:  m.notice,
		Demo:    m.cfg.Demo,
		Format:  m.cfg.Format,
		Keys:    m.helpKeys(),
	}
	now := m.cfg.Now()
	switch m.state {
	case stateChecking:
		s.Phase = ui.PhaseChecking
		s.LoosePath, s.LooseMode = m.looseSaved()
	case stateLoggedIn:
		s.Phase = ui.PhaseLoggedIn
		s.Account, s.Err, s.SavedTo = m.checked, m.checkErr, m.cfg.SavedPath
		s.LoosePath, s.LooseMode = m.looseSaved()
	case stateFetching:
		s.Phase = ui.PhaseFetching
	case stateShowingQR:
		s.Phase = ui.PhaseQR
	case stateWaiting:
		s.Phase = ui.PhaseScanned
	case stateCompleting:
		s.Phase = ui.PhaseCompleting
	case stateSaving:
		s.Phase = ui.PhaseSaving
	case stateDone:
		s.Phase = ui.PhaseDone
		s.SavedTo = m.savedTo
		if m.session != nil {
			s.Account = m.session.Account
		}
	case stateFailed:
		s.Phase = ui.PhaseFailed
		s.Err, s.SaveErr = m.err, m.saveErr
	}
	if m.showingQR() {
		s.Remaining = max(m.expiresAt.Sub(now), 0)
		if !m.ticket.Trusted {
			s.UnexpectedScheme = m.ticket.InsecureScheme
			if !m.ticket.HostTrusted {
				s.UnexpectedHost = m.ticket.Host
			}
		}
	}
	s.Renewing = m.renewing
	if !m.retryAt.IsZero() {
		s.RetryIn = max(m.retryAt.Sub(now), time.Second)
		s.RetryErr = m.retryErr
	}
	if m.menu != nil {
		s.Menu = &ui.Menu{Items: m.menuItems(), Cursor: m.menu.cursor, Filter: m.menu.filter}
		if m.cfg.Locale != "" || m.gen > 0 {
			s.Menu.Current = m.locale
		}
	}
	return s
}

// helpKeys are the keys that do something in the current state.
func (m *Model) helpKeys() []key.Binding {
	k := m.keys
	if m.menu != nil {
		nav := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓/jk", k.Up.Help().Desc))
		return []key.Binding{nav, k.Pick, k.Back, k.ForceQuit}
	}
	switch m.state {
	case stateShowingQR, stateWaiting:
		return []key.Binding{k.Refresh, k.Locale, k.Invert, k.Copy, k.Open, k.Quit}
	case stateFetching:
		return []key.Binding{k.Locale, k.Quit}
	case stateFailed:
		if m.saveErr {
			return []key.Binding{k.Retry, k.Quit}
		}
		return []key.Binding{k.Retry, k.Locale, k.Quit}
	case stateLoggedIn:
		return []key.Binding{k.Relogin, k.Quit}
	case stateDone:
		return []key.Binding{k.Close}
	}
	return []key.Binding{k.Quit}
}

// looseSaved is the saved session file and its mode when other users may
// open it, for the checking screens' warning.
func (m *Model) looseSaved() (string, fs.FileMode) {
	if m.cfg.SavedPerm == 0 {
		return "", 0
	}
	return m.cfg.SavedPath, fs.FileMode(m.cfg.SavedPerm).Perm()
}
