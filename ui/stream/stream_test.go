package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

const testURL = "https://www.bilibili.tv/h5/en/qrcode/login?ticket=0123456789abcdef"

func testQR(t *testing.T) *ui.QR {
	t.Helper()
	q, err := ui.NewQR(testURL)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

var (
	mika     = passport.Account{Mid: 42, Name: "Mika"}
	err503   = &passport.TransportError{Op: "qrcode/auth/fetch", StatusCode: 503}
	errAPI   = &passport.APIError{Op: "qrcode/auth/fetch", Code: 12345, Message: "no way"}
	errNoDev = &passport.APIError{Op: "v2/user", Code: passport.CodeDeviceIDNeeded}
	errPNG   = &session.FileError{Op: "write", Path: "/q.png", Err: session.ErrIsDir}
)

// The -json schema, one line per event kind: the EVENTS.md documents exactly
// these.
func TestEncode(t *testing.T) {
	q := testQR(t)
	for _, tc := range []struct {
		ev   model.Event
		want string
	}{
		{model.Event{Kind: model.EventChecking}, `{"v":1,"event":"checking"}`},
		{model.Event{Kind: model.EventAlreadyLoggedIn, Account: mika, SavedTo: "/c.txt"},
			`{"v":1,"event":"already_logged_in","mid":42,"name":"Mika","saved_to":"/c.txt"}`},
		{model.Event{Kind: model.EventCheckFailed, Err: errNoDev},
			`{"v":1,"event":"check_failed","reason":"device_id_needed","code":10023006,"message":"the service asked for a device id (code 10023006)"}`},
		{model.Event{Kind: model.EventSessionExpired}, `{"v":1,"event":"session_expired"}`},
		{model.Event{Kind: model.EventFetching}, `{"v":1,"event":"fetching"}`},
		{model.Event{Kind: model.EventCode, Locale: "en_US", QR: q, Ticket: passport.Ticket{Host: "www.bilibili.tv", Trusted: true}, ExpiresIn: 180 * time.Second},
			`{"v":1,"event":"qr","url":"` + testURL + `","expires_in":180,"locale":"en_US","trusted":true}`},
		{model.Event{Kind: model.EventWaiting, ExpiresIn: 120 * time.Second}, `{"v":1,"event":"waiting","expires_in":120}`},
		{model.Event{Kind: model.EventScanned}, `{"v":1,"event":"scanned"}`},
		{model.Event{Kind: model.EventExpired}, `{"v":1,"event":"expired"}`},
		{model.Event{Kind: model.EventRetrying, RetryIn: 4 * time.Second, Err: err503},
			`{"v":1,"event":"retrying","in_ms":4000,"reason":"server","http_status":503,"message":"The server answered HTTP 503: the service is having trouble"}`},
		{model.Event{Kind: model.EventFinishing}, `{"v":1,"event":"finishing"}`},
		{model.Event{Kind: model.EventSaving}, `{"v":1,"event":"saving"}`},
		{model.Event{Kind: model.EventLoggedIn, Account: mika, SavedTo: "/c.txt", Format: "netscape"},
			`{"v":1,"event":"logged_in","mid":42,"name":"Mika","verified":true,"saved_to":"/c.txt","format":"netscape"}`},
		{model.Event{Kind: model.EventLoggedIn, Account: passport.Account{Mid: 7}, SavedTo: "/c.txt", Format: "json", Unverified: errNoDev},
			`{"v":1,"event":"logged_in","mid":7,"name":"","verified":false,"saved_to":"/c.txt","format":"json","unverified":{"reason":"device_id_needed","code":10023006,"message":"the service asked for a device id (code 10023006)"}}`},
		{model.Event{Kind: model.EventSaveFailed, Account: mika, Err: errors.New("open /c.txt: permission denied")},
			`{"v":1,"event":"save_failed","mid":42,"name":"Mika","reason":"other","message":"Something went wrong: open /c.txt: permission denied"}`},
		{model.Event{Kind: model.EventFailed, Err: errAPI},
			`{"v":1,"event":"failed","reason":"api","code":12345,"message":"The server refused (code 12345): no way"}`},
		{model.Event{Kind: model.EventPNGFailed, Err: errPNG},
			`{"v":1,"event":"png_failed","reason":"file","message":"cannot write /q.png: is a directory"}`},
	} {
		t.Run(tc.ev.Kind.String(), func(t *testing.T) {
			got := string(Encode(tc.ev))
			if got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			if !json.Valid([]byte(got)) || strings.Contains(got, "\n") {
				t.Fatal("not one line of JSON")
			}
			if tc.ev.Kind != model.EventCode && strings.Contains(got, "ticket") {
				t.Fatal("the link outside a qr event")
			}
		})
	}
}

// The ends no model event reports: a cancellation (with its signal) and a
// crash.
func TestEnd(t *testing.T) {
	var human, js bytes.Buffer
	v := New(Options{Human: &human, JSON: &js})
	v.End(model.Result{Outcome: model.Cancelled, Locale: "en_US"}, syscall.SIGTERM)
	v.End(model.Result{Outcome: model.Crashed, Crash: &model.Crash{Value: "boom"}}, nil)
	v.End(model.Result{Outcome: model.LoggedIn}, nil) // said by its event already
	want := `{"v":1,"event":"cancelled","signal":"SIGTERM"}` + "\n" + `{"v":1,"event":"failed","reason":"internal_error"}` + "\n"
	if js.String() != want {
		t.Errorf("json:\n%s\nwant:\n%s", js.String(), want)
	}
	if human.String() != "biliqr: cancelled; nothing was saved\n" {
		t.Errorf("human: %q", human.String())
	}
}

// Plain mode: one full sentence per event, in the UI's language.
func TestPlainSentences(t *testing.T) {
	var out bytes.Buffer
	now := time.Date(2026, 12, 1, 14, 0, 0, 0, time.Local)
	v := New(Options{Human: &out, DarkBG: true, Now: func() time.Time { return now }})
	for _, ev := range []model.Event{
		{Kind: model.EventChecking},
		{Kind: model.EventCheckFailed, Err: errNoDev},
		{Kind: model.EventFetching},
		{Kind: model.EventWaiting, ExpiresIn: 120 * time.Second},
		{Kind: model.EventScanned},
		{Kind: model.EventWaiting, ExpiresIn: 60 * time.Second},
		{Kind: model.EventExpired},
		{Kind: model.EventFetching}, // said by the expiry line
		{Kind: model.EventRetrying, RetryIn: 3500 * time.Millisecond, Err: err503},
		{Kind: model.EventFinishing},
		{Kind: model.EventSaving},
		{Kind: model.EventLoggedIn, Account: mika, SavedTo: "/c.txt", Format: "netscape", Unverified: errNoDev},
		{Kind: model.EventSaveFailed, Account: mika, Err: errors.New("disk full")},
		{Kind: model.EventFailed, Err: errAPI},
		{Kind: model.EventSessionExpired},
		{Kind: model.EventAlreadyLoggedIn, Account: mika, SavedTo: "/c.txt"},
		{Kind: model.EventPNGFailed, Err: errPNG},
	} {
		ev.Locale = "en_US"
		v.Event(ev)
	}
	want := `Checking the saved session…
Could not check the saved session (the service asked for a device id (code 10023006)); logging in again.
Requesting a QR code…
Still waiting for a scan; the code expires in 2:00.
Scanned. Confirm the login in the bilibili.tv app on your phone.
Still waiting for the confirmation on your phone.
The code expired — getting a new one…
The server answered HTTP 503: the service is having trouble — retrying in 4s.
Finishing the login…
Saving the session…
Logged in to bilibili.tv as Mika (mid 42); session saved to /c.txt (netscape)
Saved unverified — bilibili.tv could not confirm the login: the service asked for a device id (code 10023006). It very probably worked; check it later with biliqr -check.
biliqr: logged in as Mika (mid 42), but the session was not saved: Something went wrong: disk full
biliqr: login failed: The server refused (code 12345): no way
The saved session is no longer valid — log in again.
Already logged in to bilibili.tv as Mika (mid 42); the session in /c.txt is kept. Run with -force to log in again.
cannot write /q.png: is a directory
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}

	// and in the UI's language
	out.Reset()
	v.Event(model.Event{Kind: model.EventScanned, Locale: "zh_ZH"})
	if out.String() != i18n.T("zh_ZH", i18n.TextStreamScanned)+"\n" || !strings.Contains(out.String(), "已扫码") {
		t.Errorf("zh_ZH: %q", out.String())
	}
}

// The code is printed once, as half blocks without colours, fitting 80×24,
// with the link without its query, the language and when it expires.
func TestPlainCode(t *testing.T) {
	var out bytes.Buffer
	now := time.Date(2026, 12, 1, 14, 0, 0, 0, time.Local)
	v := New(Options{Human: &out, DarkBG: true, Now: func() time.Time { return now }})
	v.Event(model.Event{Kind: model.EventCode, Locale: "th_TH", QR: testQR(t),
		Ticket: passport.Ticket{Host: "qr.example.com"}, ExpiresIn: 180 * time.Second})
	lines := strings.Split(out.String(), "\n")
	if lines[0] != i18n.T("th_TH", i18n.TextStreamScan) || lines[1] != "" {
		t.Fatalf("heading %q", lines[:2])
	}
	var qr []string
	for _, l := range lines[2:] {
		if l == "" {
			break
		}
		qr = append(qr, l)
	}
	if len(qr) == 0 || len(qr) > 24 || len([]rune(qr[0])) > 80 {
		t.Fatalf("QR of %d lines, %d wide", len(qr), len([]rune(qr[0])))
	}
	for _, l := range qr {
		if strings.Trim(l, "█▀▄ ") != "" {
			t.Fatalf("not half blocks: %q", l)
		}
	}
	// a dark background: the quiet zone (light) is drawn in glyphs
	if qr[0] != strings.Repeat("█", len([]rune(qr[0]))) {
		t.Errorf("first row %q: the quiet zone is not glyphs on a dark background", qr[0])
	}
	rest := strings.Join(lines[2+len(qr):], "\n")
	want := "\nwww.bilibili.tv/h5/en/qrcode/login?…\n" +
		i18n.T("th_TH", i18n.TextUnexpectedHost, "qr.example.com") + "\n" +
		"ภาษา: ไทย · th_TH\n" +
		i18n.T("th_TH", i18n.TextStreamExpires, "3:00", "14:03:00") + "\n"
	if rest != want {
		t.Errorf("after the QR:\n%q\nwant\n%q", rest, want)
	}
	if strings.Contains(out.String(), "0123456789abcdef") || strings.ContainsRune(out.String(), '\x1b') {
		t.Error("the ticket or an escape sequence was printed")
	}

	// inverted (or a light background): the quiet zone is blank
	out.Reset()
	New(Options{Human: &out, DarkBG: true, Invert: true}).Event(model.Event{Kind: model.EventCode, QR: testQR(t), ExpiresIn: time.Minute})
	if l := strings.Split(out.String(), "\n")[2]; strings.TrimRight(l, " ") != "" {
		t.Errorf("inverted first row %q", l)
	}
}

// Where block glyphs are double width, the code is drawn with '#' at
// scale 2 (a module is two columns, one row), within 80 columns when a
// quiet zone of 2 or more allows.
func TestPlainCodeEastAsian(t *testing.T) {
	var out bytes.Buffer
	New(Options{Human: &out, DarkBG: true, EastAsian: true}).Event(model.Event{Kind: model.EventCode, QR: testQR(t), ExpiresIn: time.Minute})
	lines := strings.Split(out.String(), "\n")[2:]
	w := len(lines[0])
	if w > 80 {
		t.Errorf("%d columns", w)
	}
	quiet := 0
	for lines[quiet] == strings.Repeat("#", w) {
		quiet++
	}
	if quiet < 2 || !strings.HasPrefix(lines[quiet], strings.Repeat("#", 2*quiet)+strings.Repeat(" ", 14)+"#") {
		t.Fatalf("quiet zone %d, finder row %q", quiet, lines[quiet])
	}
	for _, l := range lines {
		if l == "" {
			break
		}
		if len(l) != w || strings.Trim(l, "# ") != "" {
			t.Fatalf("not a '#' code row of width %d: %q", w, l)
		}
	}
}

func TestStopSilences(t *testing.T) {
	var human, js bytes.Buffer
	v := New(Options{Human: &human, JSON: &js})
	v.Stop()
	v.Event(model.Event{Kind: model.EventFailed, Err: errAPI})
	if human.Len()+js.Len() != 0 {
		t.Fatal("an event was reported after Stop")
	}
}

func TestDarkBackground(t *testing.T) {
	for v, want := range map[string]bool{
		"": true, "15;0": true, "0;15": false, "0;default;15": false, "15;default;0": true,
		"0;7": false, "15;8": true, "x": true, "0;99": true,
	} {
		if got := DarkBackground(func(string) string { return v }); got != want {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", v, got, want)
		}
	}
}

// A login saved just as a signal came, before its event was reported:
// the end says it was saved, in both views, not that it was cancelled.
func TestEndSavedAsTheSignalCame(t *testing.T) {
	var human, js bytes.Buffer
	v := New(Options{Human: &human, JSON: &js})
	v.Stop()
	v.End(model.Result{Outcome: model.LoggedIn, SavedTo: "/c.txt", Format: "netscape", Locale: "en_US", Account: passport.Account{Mid: 7}}, syscall.SIGTERM)
	if !strings.Contains(js.String(), `"event":"logged_in"`) || !strings.Contains(js.String(), `"saved_to":"/c.txt"`) {
		t.Errorf("json: %s", js.String())
	}
	if !strings.Contains(human.String(), "saved to /c.txt") || strings.Contains(human.String(), "nothing was saved") {
		t.Errorf("human: %q", human.String())
	}
}
