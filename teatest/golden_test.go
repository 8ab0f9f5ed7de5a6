package teatest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// fixedTickets makes the same QR on every run, so screens can be golden.
// They look like real tickets (32 hex digits, no long runs a QR encoder
// could pack tighter), so the QR has the size a real one has.
func fixedTickets(n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprint("ticket", n)))
	return hex.EncodeToString(sum[:16])
}

// cookieClock is the fake's clock on golden screens: its cookies expire
// 180 days on, at noon UTC, the same date in every time zone within ±11 h.
func cookieClock() time.Time { return time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC) }

// frozen stops the clock, so the time left stays at 3 min (timers for
// polling still run).
func frozen(c *model.Config) {
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	c.Now = func() time.Time { return at }
	c.TicketLifetime = 180 * time.Second
	c.AutoQuitAfter = time.Hour
}

// The emulated screen of each state, reviewed by eye and kept as golden
// files (go test ./teatest -run TestScreens -update rewrites them).
func TestScreens(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		w, h  int
		setup func(c *model.Config)
		fake  passporttest.Options
		drive func(a *app) string
	}{
		{"menu_80x24", 80, 24, func(c *model.Config) { c.Locale = ""; c.MenuLocale = "th_TH" }, passporttest.Options{},
			func(a *app) string { return a.waitScreen("เลือกภาษา", "› ไทย", "English") }}, // the suggested language speaks first
		{"qr_80x24", 80, 24, nil, passporttest.Options{},
			func(a *app) string { return a.waitScreen("Scan with the bilibili.tv app", "Expires in 3\u00a0min") }},
		{"qr_120x40", 120, 40, nil, passporttest.Options{},
			func(a *app) string { return a.waitScreen("Scan with the bilibili.tv app", "Expires in 3\u00a0min") }},
		{"scanned_80x24", 80, 24, nil, passporttest.Options{},
			func(a *app) string {
				a.waitScreen("Scan with")
				a.srv.Scan()
				return a.waitScreen("Scanned — confirm on your phone")
			}},
		{"done_80x24", 80, 24, nil, passporttest.Options{Name: "Mika", Mid: 42},
			func(a *app) string {
				a.waitScreen("Scan with")
				a.srv.Confirm()
				return a.waitScreen("Logged in as Mika", "Closing in a moment")
			}},
		{"failed_80x24", 80, 24, nil, passporttest.Options{},
			func(a *app) string {
				a.waitScreen("Scan with")
				a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: 10004001, Message: "\x1b[2Jgeo"})
				return a.waitScreen("Login failed", "try again")
			}},
		{"not_saved_80x24", 80, 24, func(c *model.Config) {
			c.Save = func(context.Context, passport.Session) (string, error) {
				return "", &session.FileError{Op: "write", Path: "/home/user/.config/biliqr/cookies.txt", Err: syscall.ENOSPC}
			}
		}, passporttest.Options{Name: "Mika", Mid: 42},
			func(a *app) string {
				a.waitScreen("Scan with")
				a.srv.Confirm()
				return a.waitScreen("Logged in, but the session was not saved", "no space left")
			}},
		{"retrying_80x24", 80, 24, nil, passporttest.Options{},
			func(a *app) string {
				a.waitScreen("Scan with")
				// Retry-After holds the note up: our own backoff (from 20 ms here)
				// hides it for every retry, and the screen would never settle on it.
				a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 412, Times: 100, RetryAfter: "1"})
				return a.waitScreen("The server is having trouble", "risk control")
			}},
		{"unverified_80x24", 80, 24, nil, passporttest.Options{Name: "Mika", Mid: 42, UserCode: passport.CodeDeviceIDNeeded},
			func(a *app) string {
				a.waitScreen("Scan with")
				a.srv.Confirm()
				return a.waitScreen("Logged in as Mika", "Saved unverified", "Closing in a moment")
			}},
		{"already_logged_in_80x24", 80, 24, func(c *model.Config) {
			c.SavedPath = "/home/user/.config/biliqr/cookies.txt"
			c.SavedPerm = 0o644
			c.CheckSaved = func(context.Context, string) (passport.Account, error) {
				return passport.Account{Mid: 42, Name: "Mika", Expires: time.Date(2027, 5, 30, 12, 0, 0, 0, time.UTC)}, nil
			}
		}, passporttest.Options{},
			func(a *app) string {
				return a.waitScreen("Already logged in as Mika", "log in again", "chmod 600", "The session ends on 2027-05-30")
			}},
		{"check_failed_80x24", 80, 24, func(c *model.Config) {
			c.SavedPath = "/home/user/.config/biliqr/cookies.txt"
			c.CheckSaved = func(context.Context, string) (passport.Account, error) {
				return passport.Account{}, &passport.APIError{Op: "web/v2/user", Code: passport.CodeDeviceIDNeeded}
			}
		}, passporttest.Options{},
			func(a *app) string {
				return a.waitScreen("Could not check the saved session", "device id", "log in again")
			}},
		{"too_small_40x15", 40, 15, nil, passporttest.Options{},
			func(a *app) string { return a.waitScreen("needs", "have 40×15") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := tc.fake
			fake.TicketIDs = fixedTickets
			fake.Now = cookieClock // the done screen shows when the cookies expire
			a := startApp(t, appOpts{w: tc.w, h: tc.h, fake: fake, config: func(c *model.Config) {
				frozen(c)
				c.Rand = func() float64 { return 0.5 }
				if tc.setup != nil {
					tc.setup(c)
				}
			}})
			screen := tc.drive(a)
			// let the frame settle: the same screen twice in a row
			screen = a.waitUntil(func(s string) bool {
				same := s == screen
				screen = s
				return same
			})
			golden.RequireEqual(t, []byte(strings.TrimRight(screen, "\n")+"\n"))
			a.key(keyCtrlC)
			a.finish()
		})
	}
}
