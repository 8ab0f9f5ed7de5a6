package teatest

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// squash drops spaces, line breaks and the QR's block glyphs, so a text
// beside the QR can be found however the layout wrapped it.
func squash(s string) string {
	return strings.NewReplacer(" ", "", "\n", "", "\r", "", "▀", "", "▄", "", "█", "").Replace(s)
}

// showsText says whether text appears on screen, wrapped or not.
func showsText(screen, text string) bool { return strings.Contains(squash(screen), squash(text)) }

// checkFits fails unless the screen fits 80×24 with nothing past the edge.
func checkFits(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines, want ≤ 24", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(strings.TrimRight(l, " ")); w > 80 {
			t.Errorf("line %d is %d cells wide, want ≤ 80: %q", i+1, w, l)
		}
	}
}

// The QR, scanned and done screens in every language at 80×24, reviewed by
// eye and kept as golden files (go test ./teatest -run TestLocaleScreens
// -update rewrites them). Thai marks and CJK wide characters are measured by
// display width, so no line overflows the terminal (to wrap or be clipped)
// and no text pushes the QR off screen.
func TestLocaleScreens(t *testing.T) {
	t.Parallel()
	acct := passport.Account{Name: "Mika", Mid: 42}
	for _, l := range passport.Locales {
		code := l.Code
		label := ui.AccountLabel(code, acct)
		// Every text but the link (cut with "…" on purpose) must be whole,
		// however the layout wrapped it. The first is the status to wait for.
		common := []string{i18n.T(code, i18n.TextTitle), l.Native + " · " + code, i18n.T(code, i18n.TextExpiresIn, i18n.ExpiresIn(code, 180*time.Second)),
			i18n.T(code, i18n.TextKeyRefresh), i18n.T(code, i18n.TextKeyLang), i18n.T(code, i18n.TextKeyInvert),
			i18n.T(code, i18n.TextKeyCopy), i18n.T(code, i18n.TextKeyOpen), i18n.T(code, i18n.TextKeyQuit)}
		waitFor := func(a *app, texts ...string) string {
			return a.waitUntil(func(s string) bool {
				for _, x := range texts {
					if !showsText(s, x) {
						return false
					}
				}
				return true
			})
		}
		states := []struct {
			name  string
			qr    bool
			texts []string
			drive func(a *app, texts []string) string
		}{
			{"qr", true, append([]string{i18n.T(code, i18n.TextScan), i18n.T(code, i18n.TextScanHint)}, common...),
				func(a *app, texts []string) string { return waitFor(a, texts[0]) }},
			{"scanned", true, append([]string{i18n.T(code, i18n.TextScanned), i18n.T(code, i18n.TextScannedHint)}, common...),
				func(a *app, texts []string) string {
					waitFor(a, i18n.T(code, i18n.TextScan))
					a.srv.Scan()
					return waitFor(a, texts[0])
				}},
			{"done", false, []string{i18n.T(code, i18n.TextTitle), i18n.T(code, i18n.TextDone, label),
				i18n.T(code, i18n.TextSavedTo, "/home/user/.config/biliqr/cookies.txt", "netscape"),
				i18n.T(code, i18n.TextClosingSoon), i18n.T(code, i18n.TextKeyClose)},
				func(a *app, texts []string) string {
					waitFor(a, i18n.T(code, i18n.TextScan))
					a.srv.Confirm()
					return waitFor(a, texts[1], texts[3])
				}},
		}
		for _, st := range states {
			t.Run(code+"_"+st.name+"_80x24", func(t *testing.T) {
				a := startApp(t, appOpts{w: 80, h: 24,
					fake: passporttest.Options{TicketIDs: fixedTickets, Name: acct.Name, Mid: acct.Mid, Now: cookieClock},
					config: func(c *model.Config) {
						frozen(c)
						c.Rand = func() float64 { return 0.5 }
						c.Locale = code
					}})
				screen := st.drive(a, st.texts)
				// let the frame settle: the same screen twice in a row
				screen = a.waitUntil(func(s string) bool {
					same := s == screen
					screen = s
					return same
				})
				checkFits(t, screen)
				for _, x := range st.texts {
					if !showsText(screen, x) {
						t.Errorf("%q missing or clipped:\n%s", x, screen)
					}
				}
				if st.qr {
					if n := halfBlockQRRows(screen); n != 2 { // the top-left and bottom-left finders' edges
						t.Errorf("%d finder pattern edges on screen, want 2 (QR clipped or pushed):\n%s", n, screen)
					}
				}
				golden.RequireEqual(t, []byte(strings.TrimRight(screen, "\n")+"\n"))
				a.key(keyCtrlC)
				a.finish()
			})
		}
	}
}

// lastTicketRequest is the newest ticket request the fake saw.
func lastTicketRequest(t *testing.T, srv *passporttest.Server) passporttest.Request {
	t.Helper()
	var last *passporttest.Request
	reqs := srv.Requests()
	for i := range reqs {
		if reqs[i].Path == passporttest.EndpointTicket {
			last = &reqs[i]
		}
	}
	if last == nil {
		t.Fatal("no ticket request")
	}
	return *last
}

// checkLocaleSent fails unless r carried code as s_locale and its
// Accept-Language.
func checkLocaleSent(t *testing.T, what string, r passporttest.Request, code string) {
	t.Helper()
	l, ok := passport.LookupLocale(code)
	if !ok {
		t.Fatalf("unknown locale %q", code)
	}
	if got := r.Query.Get("s_locale"); got != code {
		t.Errorf("%s: s_locale=%q, want %q", what, got, code)
	}
	if got := r.Header.Get("Accept-Language"); got != l.AcceptLanguage {
		t.Errorf("%s: Accept-Language %q, want %q", what, got, l.AcceptLanguage)
	}
}

// waitPolls waits until the fake answered n more polls of ticket.
func waitPolls(t *testing.T, srv *passporttest.Server, ticket string, n int) {
	t.Helper()
	timeout := time.After(patience)
	for n > 0 {
		select {
		case ev := <-srv.Events():
			if ev.Kind == passporttest.EventAnswered && ev.Path == passporttest.EndpointPoll && ev.Ticket == ticket {
				n--
			}
		case <-timeout:
			t.Fatalf("still waiting for %d polls", n)
		}
	}
}

// checkPollsSent checks every poll of ticket so far carried code.
func checkPollsSent(t *testing.T, srv *passporttest.Server, ticket, code string) {
	t.Helper()
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == passporttest.EndpointPoll && r.Ticket == ticket {
			checkLocaleSent(t, "poll", r, code)
			n++
		}
	}
	if n == 0 {
		t.Error("no poll of the ticket")
	}
}

// drainEvents drops what the fake reported so far, so waitPolls counts
// only what comes next.
func drainEvents(srv *passporttest.Server) {
	for {
		select {
		case <-srv.Events():
		default:
			return
		}
	}
}

// Each locale picked from the first-launch menu switches the language and
// is sent with every request; the menu, reopened, marks it, filters in
// either script, picks another, and Esc leaves it without a new ticket.
func TestMenuPicksEachLocale(t *testing.T) {
	skipShort(t, "a sweep of the six languages through the menu")
	t.Parallel()
	// what to type to find each locale: native script or Latin
	filters := map[string]string{
		"en_US": "engl",
		"th_TH": "ไทย",
		"vi_VN": "Việt",
		"id_ID": "indo",
		"ms_MY": "malay",
		"zh_ZH": "简体",
	}
	for i, l := range passport.Locales {
		code := l.Code
		next := passport.Locales[(i+1)%len(passport.Locales)]
		t.Run(code, func(t *testing.T) {
			a := startApp(t, appOpts{config: func(c *model.Config) {
				c.Locale = ""
				c.MenuLocale = "en_US"
			}})
			a.waitScreen("Choose your language", "› English")
			if n := a.srv.Count(passporttest.EndpointTicket); n != 0 {
				t.Fatalf("%d ticket requests before a pick", n)
			}
			for k := range i {
				if k%2 == 0 {
					a.key(keyRune('j'))
				} else {
					a.key(keyDown)
				}
			}
			a.waitScreen("› " + l.Native)
			a.key(keyEnter)
			a.waitUntil(func(s string) bool {
				return showsText(s, i18n.T(code, i18n.TextScan)) && strings.Contains(s, code)
			})
			tickets := a.srv.Tickets()
			if len(tickets) != 1 {
				t.Fatalf("%d tickets after the first pick, want 1", len(tickets))
			}
			checkLocaleSent(t, "ticket", lastTicketRequest(t, a.srv), code)
			waitPolls(t, a.srv, tickets[0], 1)
			checkPollsSent(t, a.srv, tickets[0], code)

			// l reopens the menu in the new language, the current one marked
			a.key(keyRune('l'))
			a.waitScreen(i18n.T(code, i18n.TextMenuTitle), code+"  ✓ "+i18n.T(code, i18n.TextMenuCurrent))

			// type a filter: only the match is left, under the cursor
			for _, r := range filters[next.Code] {
				a.key(keyRune(r))
			}
			screen := a.waitScreen(i18n.T(code, i18n.TextMenuFilter, filters[next.Code]), "› "+next.Native)
			for _, o := range passport.Locales {
				if o.Code != next.Code && strings.Contains(screen, o.Code) {
					t.Errorf("filter %q left %s on the menu:\n%s", filters[next.Code], o.Code, screen)
				}
			}
			a.key(keyEnter)
			a.waitUntil(func(s string) bool {
				return showsText(s, i18n.T(next.Code, i18n.TextScan)) && strings.Contains(s, next.Code)
			})
			tickets = a.srv.Tickets()
			if len(tickets) != 2 {
				t.Fatalf("%d tickets after the second pick, want 2", len(tickets))
			}
			checkLocaleSent(t, "second ticket", lastTicketRequest(t, a.srv), next.Code)
			waitPolls(t, a.srv, tickets[1], 1)
			checkPollsSent(t, a.srv, tickets[1], next.Code)

			// Esc goes back to the same QR: no new ticket, polling goes on
			a.key(keyRune('l'))
			a.waitScreen(i18n.T(next.Code, i18n.TextMenuTitle), next.Code+"  ✓ "+i18n.T(next.Code, i18n.TextMenuCurrent))
			a.key(keyEsc)
			a.waitUntil(func(s string) bool {
				return showsText(s, i18n.T(next.Code, i18n.TextScan)) && !strings.Contains(s, i18n.T(next.Code, i18n.TextMenuTitle))
			})
			drainEvents(a.srv)
			waitPolls(t, a.srv, tickets[1], 2)
			if n := len(a.srv.Tickets()); n != 2 {
				t.Errorf("%d tickets after Esc, want still 2", n)
			}
			if n := a.srv.Count(passporttest.EndpointTicket); n != 2 {
				t.Errorf("%d ticket requests after Esc, want still 2", n)
			}

			a.key(keyCtrlC)
			if res := a.finish(); res.Locale != next.Code || res.ExitCode() != 130 {
				t.Errorf("result: locale %q exit %d, want %q 130", res.Locale, res.ExitCode(), next.Code)
			}
		})
	}
}

// On first launch the menu highlights the environment's language.
func TestFirstLaunchHighlightsEnvLocale(t *testing.T) {
	t.Parallel()
	env := map[string]string{"LANG": "th_TH.UTF-8"}
	a := startApp(t, appOpts{config: func(c *model.Config) {
		c.Locale = ""
		c.MenuLocale = i18n.LocaleFromEnv(func(k string) string { return env[k] })
	}})
	screen := a.waitScreen(i18n.T("th_TH", i18n.TextMenuTitle), "› ไทย")
	if strings.Contains(screen, "› English") {
		t.Errorf("two cursors:\n%s", screen)
	}
	if strings.Contains(screen, "✓") {
		t.Errorf("first launch marks a current locale:\n%s", screen)
	}
	// Enter takes the highlighted one
	a.key(keyEnter)
	a.waitUntil(func(s string) bool { return showsText(s, i18n.T("th_TH", i18n.TextScan)) })
	checkLocaleSent(t, "ticket", lastTicketRequest(t, a.srv), "th_TH")
	a.key(keyCtrlC)
	a.finish()
}
