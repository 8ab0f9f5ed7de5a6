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
	return locale, func(code string) error { return Save(path, Prefs{Locale: code}) }
}
