package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Chinese joins -check's clauses (who, until when, Premium, where) with
// its own punctuation.
func TestChineseCheckClauses(t *testing.T) {
	end := time.Date(2030, 6, 30, 12, 0, 0, 0, time.UTC)
	acct := AccountLabel("zh_ZH", passport.Account{Mid: 42, Name: "Mika"})
	line := i18n.Clauses("zh_ZH", i18n.T("zh_ZH", i18n.TextCheckLoggedIn, acct)+i18n.EndsSuffix("zh_ZH", end),
		PremiumClause("zh_ZH", passport.MembershipFree), i18n.T("zh_ZH", i18n.TextSessionAt, "/home/u/cookies.txt"))
	if strings.ContainsAny(line, ";,") || strings.Count(line, "；") != 3 {
		t.Errorf("%q", line)
	}
}

// The done screen uses the width it has: at 120 columns a saved-to line
// longer than the old 72-column text keeps "(netscape)" beside its path;
// at 80 it wraps within the window. It says whether the account has
// Premium, and nothing when that is unknown.
func TestDoneScreenWidthAndPremium(t *testing.T) {
	path := "/srv/dev-disk-by-uuid-4f2a/appdata/biliqr-for-yt-dlp/config/cookies.txt"
	done := func(w, h int, m passport.Membership) string {
		return ansi.Strip(Render(Screen{Width: w, Height: h, Locale: "en_US", State: state.Done,
			Account: passport.Account{Mid: 42, Name: "Mika", Premium: m}, SavedTo: path, Format: "netscape"}))
	}
	scr := done(120, 40, passport.MembershipPremium)
	if !strings.Contains(scr, "Session saved to "+path+" (netscape)") {
		t.Errorf("at 120×40 the saved-to line is wrapped:\n%s", scr)
	}
	if !strings.Contains(scr, "Premium member.") {
		t.Errorf("no Premium line:\n%s", scr)
	}
	for _, l := range strings.Split(done(80, 24, passport.MembershipFree), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("at 80 columns a line is %d wide: %q", ansi.StringWidth(l), l)
		}
	}
	if scr := done(80, 24, passport.MembershipFree); !strings.Contains(scr, "A free account, not Premium") {
		t.Errorf("no free-account line:\n%s", scr)
	}
	if scr := done(120, 40, passport.MembershipUnknown); strings.Contains(scr, "Premium") {
		t.Errorf("Premium said while unknown:\n%s", scr)
	}
}

// A network error names the host, and the proxy when there was one; an
// error that says neither keeps the old words.
func TestNetworkErrorWords(t *testing.T) {
	at := &passport.TransportError{Op: "x", Host: "api.bilibili.tv", Err: errRefused{}}
	via := &passport.TransportError{Op: "x", Host: "api.bilibili.tv", Proxy: "127.0.0.1:9", Err: errRefused{}}
	for _, tc := range []struct {
		locale string
		err    error
		want   string
	}{
		{"en_US", at, "Network trouble reaching api.bilibili.tv: "},
		{"en_US", via, "Network trouble reaching api.bilibili.tv via proxy 127.0.0.1:9: "},
		{"zh_ZH", via, "网络异常，无法经代理 127.0.0.1:9 连接 api.bilibili.tv："},
		{"th_TH", via, "api.bilibili.tv ผ่านพร็อกซี 127.0.0.1:9"},
		{"en_US", &passport.TransportError{Op: "x", Err: errRefused{}}, "Network trouble: "},
	} {
		if got := Describe(tc.locale, tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.locale, got, tc.want)
		}
	}
}

type errRefused struct{}

func (errRefused) Error() string { return "connection refused" }
