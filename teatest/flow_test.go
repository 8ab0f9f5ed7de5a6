package teatest

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/keytest"
	"github.com/biliqr/biliqr/passport/passporttest"
)

var darkBG color.Color = color.RGBA{0x1e, 0x1e, 0x1e, 0xff}

// The whole happy path: first launch opens the menu, a pick fetches a QR,
// the phone scans and confirms, the app completes, verifies, saves, shows
// who is logged in and leaves by itself with the summary line.
func TestHappyPath(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{
		fake:   passporttest.Options{Name: "Mika", Mid: 42},
		config: func(c *model.Config) { c.Locale = ""; c.MenuLocale = "en_US" },
	})
	a.waitScreen("Choose your language", "› English", "ไทย")
	if n := len(a.srv.Requests()); n != 0 {
		t.Fatalf("%d requests before a locale was picked", n)
	}
	a.key(keyEnter)
	a.waitScreen("Scan with the bilibili.tv app", "Expires in", "English · en_US")
	a.srv.Scan()
	a.waitScreen("Scanned — confirm on your phone")
	a.srv.Confirm()
	a.waitScreen("Logged in as Mika (mid 42)", "Session saved to /home/user/.config/biliqr/cookies.txt")
	res := a.finish() // leaves by itself
	if res.Outcome != model.LoggedIn || res.ExitCode() != 0 {
		t.Fatalf("result %+v", res)
	}
	s := <-a.saved
	if s.Mid != 42 || len(s.Cookies) < 3 {
		t.Fatalf("saved %v", s)
	}
	got := res.Summary("netscape")
	want := "Logged in to bilibili.tv as Mika (mid 42); session saved to /home/user/.config/biliqr/cookies.txt (netscape)" +
		"; the session ends on " + s.Expires.Local().Format(time.DateOnly)
	if s.Expires.IsZero() {
		t.Fatal("the session has no expiry")
	}
	if got != want {
		t.Fatalf("summary\n got %q\nwant %q", got, want)
	}
	for _, r := range a.srv.Requests() {
		if r.Query.Get("s_locale") != "en_US" && r.Host != passporttest.HostSecond {
			t.Errorf("%s %s sent s_locale=%q", r.Host, r.Path, r.Query.Get("s_locale"))
		}
	}
}

// A code the server calls expired is replaced by a new ticket and a new QR.
func TestExpiryShowsNewQR(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{})
	before := a.waitScreen("Scan with the bilibili.tv app")
	a.srv.Expire()
	after := a.waitUntil(func(s string) bool {
		return len(a.srv.Tickets()) == 2 && strings.Contains(s, "Scan with") && qrPart(s) != qrPart(before)
	})
	if qrPart(after) == qrPart(before) {
		t.Fatal("the QR did not change after expiry")
	}
	a.key(keyCtrlC)
	if res := a.finish(); res.ExitCode() != 130 {
		t.Fatalf("exit %d", res.ExitCode())
	}
}

// Picking another locale from the menu asks for a new QR with it.
func TestLocaleChangeRequestsNewQR(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{})
	a.waitScreen("Scan with the bilibili.tv app")
	a.key(keyRune('l'))
	a.waitScreen("Choose your language", "✓ current")
	for _, r := range "ไทย" {
		a.key(keyRune(r))
	}
	a.key(keyEnter)
	a.waitUntil(func(string) bool { return len(a.srv.Tickets()) == 2 })
	reqs := a.srv.Requests()
	var last passporttest.Request
	for _, r := range reqs {
		if r.Path == passporttest.EndpointTicket {
			last = r
		}
	}
	if got := last.Query.Get("s_locale"); got != "th_TH" {
		t.Fatalf("new ticket asked with s_locale=%q", got)
	}
	if got := last.Header.Get("Accept-Language"); got != "th-TH" {
		t.Fatalf("Accept-Language %q", got)
	}
	a.waitScreen("th_TH")
	a.key(keyRune('q'))
	if res := a.finish(); res.ExitCode() != 130 || res.Locale != "th_TH" {
		t.Fatalf("result %+v", res)
	}
}

// An error shows in words with its code; r recovers.
func TestErrorThenRetry(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{})
	a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 10004001, Message: "geo"})
	a.waitScreen("Login failed", "code 10004001", "blocked in your region", "r try again")
	a.key(keyRune('r'))
	a.waitScreen("Scan with the bilibili.tv app")
	a.srv.Confirm()
	a.waitScreen("Logged in as")
	if res := a.finish(); res.ExitCode() != 0 {
		t.Fatalf("exit %d", res.ExitCode())
	}
}

// q, Esc and Ctrl+C quit from every state with the right exit status.
func TestQuitEveryState(t *testing.T) {
	t.Parallel()
	type step func(a *app)
	states := []struct {
		name string
		to   step
		keys []string
		exit int
	}{
		{"menu", func(a *app) {
			a.waitScreen("Choose your language")
		}, []string{"ctrl+c", "esc"}, 130},
		{"fetching", func(a *app) {
			a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: passporttest.Hang})
			a.key(keyEnter)
			a.waitScreen("Requesting a QR code")
		}, []string{"q", "esc", "ctrl+c"}, 130},
		{"showing QR", func(a *app) {
			a.key(keyEnter)
			a.waitScreen("Scan with")
		}, []string{"q", "esc", "ctrl+c"}, 130},
		{"waiting", func(a *app) {
			a.key(keyEnter)
			a.waitScreen("Scan with")
			a.srv.Scan()
			a.waitScreen("Scanned")
		}, []string{"q", "esc", "ctrl+c"}, 130},
		{"completing", func(a *app) {
			a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointUser, Kind: passporttest.Hang})
			a.key(keyEnter)
			a.waitScreen("Scan with")
			a.srv.Confirm()
			a.waitScreen("Finishing the login")
		}, []string{"q", "esc", "ctrl+c"}, 130},
		{"failed", func(a *app) {
			a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: passporttest.APICode, Code: -404})
			a.key(keyEnter)
			a.waitScreen("Login failed")
		}, []string{"q", "esc", "ctrl+c"}, 1},
		{"done", func(a *app) {
			a.key(keyEnter)
			a.waitScreen("Scan with")
			a.srv.Confirm()
			a.waitScreen("Logged in as")
		}, []string{"q", "enter"}, 0},
	}
	for _, st := range states {
		for _, k := range st.keys {
			t.Run(st.name+"/"+k, func(t *testing.T) {
				a := startApp(t, appOpts{config: func(c *model.Config) {
					c.Locale = ""
					if st.name == "done" {
						c.AutoQuitAfter = 1 << 40 // stay until the key
					}
				}})
				st.to(a)
				a.key(keytest.Press(k))
				if res := a.finish(); int(res.ExitCode()) != st.exit {
					t.Fatalf("exit %d, want %d (%+v)", res.ExitCode(), st.exit, res)
				}
			})
		}
	}
}
