package ui

import (
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// PremiumClause is "Premium member" or "a free account …", "" when the
// gateway did not say.
func PremiumClause(locale string, m passport.Membership) string {
	switch m {
	case passport.MembershipPremium:
		return i18n.T(locale, i18n.TextPremium)
	case passport.MembershipFree:
		return i18n.T(locale, i18n.TextFree)
	case passport.MembershipUnknown: // nothing said, nothing shown
	}
	return ""
}

// PremiumLine is the done screen's sentence about Premium, "" when unknown.
func PremiumLine(locale string, m passport.Membership) string {
	switch m {
	case passport.MembershipPremium:
		return i18n.T(locale, i18n.TextPremiumLine)
	case passport.MembershipFree:
		return i18n.T(locale, i18n.TextFreeLine)
	case passport.MembershipUnknown: // nothing said, nothing shown
	}
	return ""
}

// PremiumJSON is the "premium" field of -json and -check -json: true or
// false, nil (left out) when unknown.
func PremiumJSON(m passport.Membership) *bool {
	if !m.Known() {
		return nil
	}
	p := m == passport.MembershipPremium
	return &p
}
