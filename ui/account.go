package ui

import (
	"strings"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// AccountLabel is "NAME (mid N)", or "mid N" when the name is unknown.
func AccountLabel(locale string, a passport.Account) string {
	if strings.TrimSpace(a.Name) == "" {
		return i18n.T(locale, i18n.TextAccountMid, a.Mid)
	}
	return i18n.T(locale, i18n.TextAccountNameMid, a.Name, a.Mid)
}

// ends is the "session ends on DATE" line of the done and already-logged-in
// screens; nothing when the end is not known.
func (f *frame) ends(w int) []line {
	if f.s.Account.Expires.IsZero() {
		return nil
	}
	return f.para(f.p.muted, i18n.T(f.s.Locale, i18n.TextSessionEndsLine, i18n.Date(f.s.Account.Expires)), w)
}
