package prefs

import "github.com/biliqr/biliqr/passport"

// Remembered is the language chosen in an earlier run (if it is still one
// of the six; "" if none), and a function that remembers a new choice. With
// no config directory (configDir fails) both are empty: nothing is read or
// written.
func Remembered(configDir func() (string, error)) (locale string, remember func(code string) error) {
	dir, err := configDir()
	if err != nil {
		return "", nil
	}
	path := Path(dir)
	if p, err := Load(path); err == nil {
		if _, ok := passport.LookupLocale(p.Locale); ok {
			locale = p.Locale
		}
	}
	return locale, func(code string) error { return update(path, func(p *Prefs) { p.Locale = code }) }
}

// RememberedQR is the -qr rendering given in an earlier run ("" if none;
// the caller checks it is a known one), and a function that remembers a
// new one ("auto" forgets it). Nil remember: no config directory.
func RememberedQR(configDir func() (string, error)) (mode string, remember func(mode string) error) {
	dir, err := configDir()
	if err != nil {
		return "", nil
	}
	path := Path(dir)
	if p, err := Load(path); err == nil {
		mode = p.QR
	}
	return mode, func(m string) error {
		if m == "auto" {
			m = ""
		}
		return update(path, func(p *Prefs) { p.QR = m })
	}
}

// update changes one setting and keeps the others: the language and the
// rendering are remembered together in one file.
func update(path string, change func(*Prefs)) error {
	p, _ := Load(path) // an unreadable file is replaced by a good one
	change(&p)
	return Save(path, p)
}
