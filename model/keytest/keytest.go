// Package keytest turns a key's name, as the help bar and the key bindings
// spell it ("enter", "esc", "ctrl+c", "q", "ไ"), into the key press a
// terminal sends: the one helper the model and end-to-end tests press keys
// with.
package keytest

import tea "charm.land/bubbletea/v2"

var named = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"backspace": {Code: tea.KeyBackspace},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
}

// Press is the key press named name: a key above, or one typed character.
func Press(name string) tea.KeyPressMsg {
	if k, ok := named[name]; ok {
		return k
	}
	r := []rune(name)
	if len(r) == 0 {
		panic("keytest: no key named \"\"")
	}
	return tea.KeyPressMsg{Code: r[0], Text: name}
}
