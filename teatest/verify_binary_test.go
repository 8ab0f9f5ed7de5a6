package teatest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// The built binary, in a real terminal, against each answer the gateway
// may give after the code-0 poll (PROTOCOL.md §4): what it shows, what it
// writes and how it exits. Verified and inconclusive answers keep the login
// (exit 0; the JSON file says whether it was verified); only "logged out"
// writes nothing (exit 1).
func TestBinaryVerificationAnswers(t *testing.T) {
	slowBinaryRun(t)
	for _, tc := range []struct {
		name   string
		fake   passporttest.Options
		fault  *passporttest.Fault // queued on v2/user
		exit   string
		screen string // on the last screen, lines joined
		reason string // "unverified.reason" in the file ("" = verified)
		code   float64
	}{
		{name: "is_login true", exit: "0", screen: "Logged in as Mika (mid 42)"},
		{name: "is_login false", fake: passporttest.Options{User: passporttest.UserNotLoggedIn}, exit: "1", screen: "did not complete"},
		{name: "-101", fake: passporttest.Options{UserCode: -101}, exit: "1", screen: "did not complete"},
		{name: "10004005", fake: passporttest.Options{UserCode: 10004005}, exit: "1", screen: "did not complete"},
		{name: "10004004", fake: passporttest.Options{UserCode: 10004004}, exit: "0",
			screen: "premium membership needed (code 10004004)", reason: "premium_needed", code: 10004004},
		{name: "10023006", fake: passporttest.Options{UserCode: 10023006}, exit: "0",
			screen: "the service asked for a device id (code 10023006)", reason: "device_id_needed", code: 10023006},
		{name: "unknown code", fake: passporttest.Options{UserCode: 424242}, exit: "0",
			screen: "code 424242", reason: "api", code: 424242},
		{name: "HTTP 503", fault: &passporttest.Fault{Endpoint: passporttest.EndpointUser, Kind: passporttest.HTTPStatus, Status: 503},
			exit: "0", screen: "HTTP 503", reason: "server"},
		{name: "code-0 poll without data", fake: passporttest.Options{ConfirmData: passporttest.ConfirmDataMissing},
			exit: "0", screen: "Logged in as Mika (mid 42)"},
		{name: "code-0 poll data null", fake: passporttest.Options{ConfirmData: passporttest.ConfirmDataNull},
			exit: "0", screen: "Logged in as Mika (mid 42)"},
		{name: "code-0 poll data not an object", fake: passporttest.Options{ConfirmData: passporttest.ConfirmDataString},
			exit: "0", screen: "Logged in as Mika (mid 42)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := tc.fake
			o.PlainHTTP, o.Name, o.Mid = true, "Mika", 42
			srv := passporttest.New(o)
			t.Cleanup(srv.Close)
			if tc.fault != nil {
				srv.Fail(*tc.fault)
			}
			dir := t.TempDir()
			out := filepath.Join(dir, "session.json")
			s := startTmux(t, 120, 40, binaryShell(t, dir, srv, "-format json -o "+out))
			s.waitText("Scan with the bilibili.tv app")
			srv.Confirm()
			scr := s.waitFor(tc.screen, func(scr string) bool {
				return strings.Contains(strings.Join(strings.Fields(scr), " "), tc.screen)
			})
			if tc.exit == "1" {
				s.keys("q")
			}
			if code := waitFile(t, s, filepath.Join(dir, "exit")); code != tc.exit {
				t.Fatalf("exit status %s, want %s; last screen:\n%s", code, tc.exit, scr)
			}
			if n := srv.Count(passporttest.EndpointSSO); tc.exit == "0" && n != 0 {
				t.Errorf("sso/list asked %d times for a login whose poll set the session", n)
			}
			b, err := os.ReadFile(out)
			if tc.exit == "1" {
				if !os.IsNotExist(err) {
					t.Fatalf("a logged-out login wrote %s (%v)", out, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var f struct {
				Mid        int64 `json:"mid"`
				Verified   *bool `json:"verified"`
				Unverified *struct {
					Reason string  `json:"reason"`
					Code   float64 `json:"code"`
				} `json:"unverified"`
				Cookies []struct{ Name, Value string } `json:"cookies"`
			}
			if err := json.Unmarshal(b, &f); err != nil {
				t.Fatal(err)
			}
			if f.Mid != 42 || f.Verified == nil || *f.Verified != (tc.reason == "") {
				t.Fatalf("file: mid %d verified %v", f.Mid, f.Verified)
			}
			if tc.reason != "" && (f.Unverified == nil || f.Unverified.Reason != tc.reason || f.Unverified.Code != tc.code) {
				t.Fatalf("file: unverified %+v, want %s %v", f.Unverified, tc.reason, tc.code)
			}
			var header []string
			for _, c := range f.Cookies {
				header = append(header, c.Name+"="+c.Value)
			}
			if !srv.SessionValid(strings.Join(header, "; ")) {
				t.Fatal("the saved cookies are not the session the poll set")
			}
			// The summary in the scrollback says it too.
			want := "session saved to " + out + " (json)"
			if tc.reason != "" {
				want += " (unverified: "
			}
			s.waitFor("the summary", func(scr string) bool {
				return strings.Contains(strings.ReplaceAll(scr, "\n", ""), want)
			})
		})
	}
}
