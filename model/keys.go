package model

import (
	"charm.land/bubbles/v2/key"

	"github.com/biliqr/biliqr/ui"
)

// KeyMap is every key the app answers to. Help texts come from the ui
// catalog, so the bar follows the chosen language.
type KeyMap struct {
	Quit, Refresh, Retry, Relogin, Locale, Invert, Copy, Open, Close key.Binding
	Up, Down, Pick, Back, ForceQuit                                  key.Binding
}

// NewKeyMap builds the key map with help in the given locale.
func NewKeyMap(locale string) KeyMap {
	t := func(m ui.Msg) string { return ui.T(locale, m) }
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", t(ui.MsgKeyQuit))),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t(ui.MsgKeyRefresh))),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t(ui.MsgKeyRetry))),
		Relogin:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t(ui.MsgKeyRelogin))),
		Locale:    key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t(ui.MsgKeyLang))),
		Invert:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", t(ui.MsgKeyInvert))),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t(ui.MsgKeyCopy))),
		Open:      key.NewBinding(key.WithKeys("o"), key.WithHelp("o", t(ui.MsgKeyOpen))),
		Close:     key.NewBinding(key.WithKeys("q", "esc", "ctrl+c", "enter", "space"), key.WithHelp("⏎", t(ui.MsgKeyClose))),
		Up:        key.NewBinding(key.WithKeys("up", "k", "ctrl+p"), key.WithHelp("↑/k", t(ui.MsgKeyMove))),
		Down:      key.NewBinding(key.WithKeys("down", "j", "ctrl+n"), key.WithHelp("↓/j", t(ui.MsgKeyMove))),
		Pick:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("⏎", t(ui.MsgKeyPick))),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t(ui.MsgKeyBack))),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t(ui.MsgKeyQuit))),
	}
}
