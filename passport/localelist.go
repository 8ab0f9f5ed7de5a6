package passport

import "strings"

// LocaleCodes is every s_locale, in Locales' order.
func LocaleCodes() []string {
	codes := make([]string, len(Locales))
	for i, l := range Locales {
		codes[i] = l.Code
	}
	return codes
}

// LocaleNames is "en_US (English), th_TH (Thai), …", for help texts.
func LocaleNames() string {
	names := make([]string, len(Locales))
	for i, l := range Locales {
		names[i] = l.Code + " (" + l.English + ")"
	}
	return strings.Join(names, ", ")
}
