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

// The done and already-logged-in screens say when the session ends, in
// every language; nothing when it is not known.
func TestScreensSayWhenTheSessionEnds(t *testing.T) {
	end := time.Date(2027, 5, 30, 12, 0, 0, 0, time.UTC)
	for _, loc := range []string{"en_US", "th_TH", "vi_VN", "id_ID", "ms_MY", "zh_ZH"} {
		for _, st := range []state.State{state.Done, state.AlreadyLoggedIn} {
			s := Screen{Width: 80, Height: 24, Locale: loc, State: st, Account: passport.Account{Mid: 42, Name: "Mika", Expires: end}}
			scr := strings.Join(strings.Fields(ansi.Strip(Render(s))), " ")
			if want := i18n.T(loc, i18n.TextSessionEndsLine, i18n.Date(end)); !strings.Contains(scr, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s %v lacks %q:\n%s", loc, st, want, scr)
			}
			s.Account.Expires = time.Time{}
			if scr := ansi.Strip(Render(s)); strings.Contains(scr, "2027") {
				t.Errorf("%s %v: a date with no expiry:\n%s", loc, st, scr)
			}
		}
	}
	if got := i18n.EndsSuffix("en_US", end); got != "; the session ends on "+i18n.Date(end) || i18n.EndsSuffix("en_US", time.Time{}) != "" {
		t.Errorf("EndsSuffix = %q", got)
	}
	if i18n.Within(14*24*time.Hour) != "14d" || i18n.Within(36*time.Hour) != "36h0m0s" {
		t.Errorf("Within: %q %q", i18n.Within(14*24*time.Hour), i18n.Within(36*time.Hour))
	}
}

// The loose-mode warning says what the file holds: a shared jar holds
// cookies of other sites too.
func TestLooseModeWarningForSharedJar(t *testing.T) {
	s := Screen{Width: 80, Height: 24, Locale: "en_US", State: state.Checking, LoosePath: "/x/cookies.txt", LooseMode: 0o644}
	if scr := flatScreen(s); !strings.Contains(scr, "and it holds your login. Run chmod 600") {
		t.Errorf("own file:\n%s", scr)
	}
	s.LooseShared = true
	if scr := flatScreen(s); !strings.Contains(scr, "holds your login and cookies of other sites too") {
		t.Errorf("shared jar:\n%s", scr)
	}
}

func flatScreen(s Screen) string { return strings.Join(strings.Fields(ansi.Strip(Render(s))), " ") }
