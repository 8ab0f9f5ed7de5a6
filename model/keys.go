package model

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// KeyMap is every key the app answers to, one binding per meaning. Which
// ones act in a state is decided in one place, setFor; the help bar shows
// exactly those (ShortHelp), in the chosen language.
type KeyMap struct {
	locale string

	Quit    key.Binding // q, esc, ctrl+c
	Refresh key.Binding // r: a new code, try again, save again, log in again (relabelled per state)
	Locale  key.Binding // l: the language menu
	Invert  key.Binding // i
	Render  key.Binding // f: the next rendering of the code (render.go)
	Copy    key.Binding // c
	Open    key.Binding // o
	Close   key.Binding // the done screen: any key (help shows ⏎)
	Keep    key.Binding // q, enter, esc, ctrl+c on "Already logged in": keep the saved session
	// Suspend: ctrl+z stops the app as in a shell (the terminal restored
	// first, raw mode and the screen back on fg). Not in the help bar.
	Suspend key.Binding

	// the language menu
	Up, Down, Pick key.Binding
	Back           key.Binding // esc: clear the filter, back; at first launch, quit
	ForceQuit      key.Binding // ctrl+c (q and esc type or go back in the menu)
	Filter         key.Binding // typing filters the menu: shown only, matched by menuKey's text case
}

// dropOrder is which help entries give way first when the bar has no
// room, least important first. q (quit, keep), r, ⏎ and esc, the keys a
// screen is about, are never in it.
var dropOrder = []string{"o", "c", "i", "f", filterHelpKey, "l", "↑↓/jk"}

// filterHelpKey is the help bar's name for "type to filter" (no key is
// called that, so it matches none).
const filterHelpKey = "abc"

// NewKeyMap builds the key map with help in the given locale, all keys off
// until setFor.
func NewKeyMap(locale string) KeyMap {
	t := func(m i18n.Text) string { return i18n.T(locale, m) }
	km := KeyMap{
		locale:    locale,
		Quit:      key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", t(i18n.TextKeyQuit))),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t(i18n.TextKeyRefresh))),
		Locale:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t(i18n.TextKeyLang))),
		Invert:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", t(i18n.TextKeyInvert))),
		Render:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", t(i18n.TextKeyRender))),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t(i18n.TextKeyCopy))),
		Open:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", t(i18n.TextKeyOpen))),
		Close:     key.NewBinding(key.WithKeys("enter"), key.WithHelp(t(i18n.TextKeyAnyKey), t(i18n.TextKeyClose))), // any key closes, as the screen says
		Keep:      key.NewBinding(key.WithKeys("q", "enter", "esc", "ctrl+c"), key.WithHelp("q", t(i18n.TextKeyKeep))),
		Suspend:   key.NewBinding(key.WithKeys("ctrl+z")),
		Up:        key.NewBinding(key.WithKeys("up", "k", "ctrl+p"), key.WithHelp("↑↓/jk", t(i18n.TextKeyMove))),
		Down:      key.NewBinding(key.WithKeys("down", "j", "ctrl+n"), key.WithHelp("↓/j", t(i18n.TextKeyMove))),
		Pick:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("⏎", t(i18n.TextKeyPick))),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t(i18n.TextKeyBack))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t(i18n.TextKeyQuit))),
		Filter:    key.NewBinding(key.WithKeys(filterHelpKey), key.WithHelp(filterHelpKey, t(i18n.TextKeyFilter))),
	}
	km.setFor(noState, false, false)
	return km
}

func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{&k.Quit, &k.Keep, &k.Refresh, &k.Locale, &k.Invert, &k.Render, &k.Copy, &k.Open, &k.Close,
		&k.Up, &k.Down, &k.Pick, &k.Back, &k.ForceQuit, &k.Filter, &k.Suspend}
}

// setFor turns on the keys that act in s, and only those, and labels r for
// what it does there. firstLaunch: the menu has nothing to go back to;
// retrying: a request failed for a transient reason and waits to be
// repeated (the network-trouble screen), where r repeats it now.
func (k *KeyMap) setFor(s state.State, firstLaunch, retrying bool) {
	for _, b := range k.all() {
		b.SetEnabled(false)
	}
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	refresh := func(m i18n.Text) {
		k.Refresh.SetHelp("r", i18n.T(k.locale, m))
		on(&k.Refresh)
	}
	switch s {
	case state.ChoosingLanguage:
		on(&k.Up, &k.Down, &k.Pick, &k.Back, &k.ForceQuit, &k.Filter)
		k.Back.SetKeys("esc")
		k.Back.SetHelp("esc", i18n.T(k.locale, i18n.TextKeyBack))
		if firstLaunch {
			// esc and ctrl+c both quit here: one entry, not "quit" twice
			k.Back.SetKeys("esc", "ctrl+c")
			k.Back.SetHelp("esc", i18n.T(k.locale, i18n.TextKeyQuit))
			k.ForceQuit.SetEnabled(false)
		}
	case state.Checking, state.Finishing, state.Saving:
		on(&k.Quit)
	case state.AlreadyLoggedIn:
		refresh(i18n.TextKeyRelogin)
		on(&k.Locale, &k.Keep)
	case state.CheckFailed:
		refresh(i18n.TextKeyRelogin)
		on(&k.Locale, &k.Quit)
	case state.Fetching, state.Renewing:
		on(&k.Locale, &k.Quit)
	case state.ShowingCode, state.Scanned:
		refresh(i18n.TextKeyRefresh)
		on(&k.Locale, &k.Invert, &k.Render, &k.Copy, &k.Open, &k.Quit)
	case state.Failed:
		refresh(i18n.TextKeyRetry)
		on(&k.Locale, &k.Quit)
	case state.SaveFailed:
		refresh(i18n.TextKeyRetry)
		on(&k.Quit)
	case state.Done:
		on(&k.Close)
	case state.Quitting: // no key: the program is ending
	}
	if retrying && (s == state.Fetching || s == state.Renewing || s.ShowsCode()) {
		// whoever just fixed their Wi-Fi or proxy need not wait out the backoff
		refresh(i18n.TextKeyRetryNow)
	}
	if s != state.Quitting {
		on(&k.Suspend) // everywhere, as in any terminal program
	}
}

// syncKeys turns on the keys that act now: those of the state (setFor),
// narrowed by what is on screen: with a filter typed esc clears it (and
// ctrl+c is the way out); with no match ⏎ picks nothing; a code too large
// for the window cannot be inverted where it is not drawn.
func (m *Model) syncKeys() {
	k := &m.keys
	k.setFor(m.state, m.back == noState, !m.retryAt.IsZero())
	switch {
	case m.state == state.ChoosingLanguage:
		if m.menu.filter != "" {
			k.Back.SetKeys("esc")
			k.Back.SetHelp("esc", i18n.T(k.locale, i18n.TextKeyClear))
			k.ForceQuit.SetEnabled(true)
		}
		if len(m.menuItems()) == 0 {
			k.Pick.SetEnabled(false)
		}
	case m.state.ShowsCode() && m.width > 0:
		s := m.Screen()
		if !ui.CodeDrawn(s) {
			k.Invert.SetEnabled(false)
		}
		if m.cfg.QRAsked == ui.QRNone && m.qrMode == ui.QRNone {
			k.Render.SetEnabled(true) // f brings a code back
		}
	}
}

// ShortHelp is the help bar: the enabled keys, in a fixed order. Down
// shares Up's entry ("↑↓/jk move").
func (k KeyMap) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, b := range []key.Binding{k.Up, k.Pick, k.Filter, k.Back, k.Refresh, k.Locale, k.Invert, k.Render, k.Copy, k.Open, k.Close, k.Keep, k.Quit, k.ForceQuit} {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// FullHelp is ShortHelp on one row: the app has few keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// onKey does what a key means in the current state; disabled keys match
// nothing.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	keys := &m.keys
	switch {
	case m.state == state.Quitting:
		return nil
	case key.Matches(k, keys.Suspend):
		// ui/signals restores the terminal around the stop; the image goes
		// first, and comes back on resume
		return tea.Sequence(m.suspendImage(), tea.Suspend)
	case m.state == state.ChoosingLanguage:
		return m.menuKey(k)
	case m.state == state.Done: // any key closes
		return m.quit()
	case key.Matches(k, keys.Quit), key.Matches(k, keys.Keep):
		return m.quit()
	case key.Matches(k, keys.Locale):
		return m.openMenu()
	case key.Matches(k, keys.Invert):
		m.invert = !m.invert
		said := i18n.TextInvertOff
		if m.invert {
			said = i18n.TextInvertOn
		}
		return m.setNotice(i18n.T(m.locale, said)) // a sign it did something, where the code looks the same
	case key.Matches(k, keys.Render):
		return m.nextRendering()
	case key.Matches(k, keys.Copy):
		return m.copyLink()
	case key.Matches(k, keys.Open):
		return m.open()
	case key.Matches(k, keys.Refresh):
		return m.refresh()
	}
	return nil
}

// refresh is r: what it does depends on the state (its help label says).
func (m *Model) refresh() tea.Cmd {
	m.notice = ""
	if m.state == state.SaveFailed {
		return m.save() // the login is kept: save it again
	}
	if !m.retryAt.IsZero() {
		return m.onRetryDue(retryDueMsg{gen: m.gen, seq: m.retrySeq}) // the failed request, now
	}
	return m.startFlow(state.Fetching)
}

// copyLink is c. Inside tmux the link goes to tmux's own buffer (tmux
// drops an application's OSC 52 under its default set-clipboard
// external, and with -w sets the outer clipboard where it may); the
// notice says which happened. Elsewhere OSC 52, which cannot be
// confirmed: the notice says what was done, not that it worked.
func (m *Model) copyLink() tea.Cmd {
	link, locale := m.qr.Link(), m.locale
	osc52 := func() tea.Cmd { return tea.Batch(m.setNotice(i18n.T(locale, i18n.TextCopied)), tea.SetClipboard(link)) }
	if m.cfg.CopyToTmux == nil {
		return osc52()
	}
	toTmux := m.cfg.CopyToTmux
	return guard(func() tea.Msg {
		if err := toTmux(link); err != nil {
			return copyFellBackMsg{reason: ui.SanitizeText(err.Error(), 80)}
		}
		return noticeMsg{text: i18n.T(locale, i18n.TextCopiedTmux)}
	})
}

func (m *Model) open() tea.Cmd {
	if m.cfg.OpenURL == nil {
		return m.setNotice(i18n.T(m.locale, i18n.TextNoBrowser))
	}
	open, u, locale := m.cfg.OpenURL, m.qr.Link(), m.locale
	return guard(func() tea.Msg {
		if err := open(u); err != nil {
			return noticeMsg{text: i18n.T(locale, i18n.TextNoBrowser)}
		}
		return noticeMsg{text: i18n.T(locale, i18n.TextOpened)}
	})
}
