package passport_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// TestLiveLogin logs in to the real bilibili.tv, with a person scanning the
// code, and logs out again. It prints every step the service answered —
// every poll code, the verification code and is_login, the names (never the
// values) of the cookies each reply set — so that its log, minus the QR, is
// what a bug report needs. Run it with
//
//	BILIQR_LIVE_LOGIN=1 go test ./passport -run TestLiveLogin -v -timeout 10m
//
// and with BILIQR_LIVE_PLATFORM=tv to log in as the TV app does.
func TestLiveLogin(t *testing.T) {
	if os.Getenv("BILIQR_LIVE_LOGIN") != "1" {
		t.Skip("live login against bilibili.tv, with a person scanning: run with BILIQR_LIVE_LOGIN=1 go test ./passport -run TestLiveLogin -v -timeout 10m")
	}
	png := filepath.Join(os.TempDir(), "biliqr-live-qr.png")
	// BILIQR_LIVE_PLATFORM=tv asks as the TV app does, to see whether its
	// code-0 reply carries token_info (reported by field name only)
	res, err := liveLogin(context.Background(), passport.Options{Platform: os.Getenv("BILIQR_LIVE_PLATFORM")}, liveLoginSteps{
		logf: t.Logf, png: png, locale: passport.DefaultLocale,
		pollEvery: 2 * time.Second, waitFor: 3 * time.Minute, sleep: time.Sleep,
	})
	t.Log(res)
	if err != nil {
		t.Fatal(err)
	}
}

// The live routine, run against the fake so that it is tested, not only
// compiled: its log holds every step and no secret.
func TestLiveLoginRoutineAgainstFake(t *testing.T) {
	srv := passporttest.New(passporttest.Options{AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1, UserCode: passport.CodeDeviceIDNeeded})
	t.Cleanup(srv.Close)
	var log strings.Builder
	logf := func(format string, args ...any) { fmt.Fprintf(&log, format+"\n", args...) }
	res, err := liveLogin(context.Background(), srv.ClientOptions(), liveLoginSteps{
		logf: logf, png: filepath.Join(t.TempDir(), "qr.png"), locale: "en_US",
		pollEvery: time.Millisecond, waitFor: time.Minute, sleep: func(time.Duration) {},
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	text := log.String()
	sessExp := time.Now().Add(passporttest.CookieLifetime).UTC().Format("2006-01-02")
	for _, want := range []string{
		"qrcode/auth/url: HTTP 200, code 0, buvid3 sent\n",
		"qrcode/auth/fetch: HTTP 200, code 10018101, buvid3 sent\n",
		"qrcode/auth/fetch: HTTP 200, code 10018102, buvid3 sent\n",
		"qrcode/auth/fetch: HTTP 200, code 0, set [SESSDATA bili_jct DedeUserID DedeUserID__ckMd5], buvid3 sent, SESSDATA expires " +
			sessExp + ", platform=web code-0 reply carries no token_info, data fields [go_url is_new mid user_profile user_profile.face user_profile.is_userBlankProfile user_profile.name]\n",
		"web/v2/user: HTTP 200, code 10023006, is_login \"\", buvid3 sent\n",
		"member/web/account: HTTP 200, code 10023006, buvid3 sent\n",
		"login/exit: HTTP 200, code 0, set [SESSDATA bili_jct DedeUserID DedeUserID__ckMd5], buvid3 sent\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("log lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(res, "unverified: device_id_needed (code 10023006)") || !strings.Contains(res, "; SESSDATA expires "+sessExp) {
		t.Errorf("result %q", res)
	}
	if !strings.Contains(text, "SESSDATA expires "+sessExp+", platform=web code-0 reply carries no token_info, data fields [") {
		t.Errorf("log does not say whether the code-0 reply carries token_info:\n%s", text)
	}
	if note := liveDeviceNote(passport.TraceEvent{SetDevice: true}); note != ", buvid3 not sent, server set its own buvid3" {
		t.Errorf("device note %q", note)
	}
	// The QR is printed for the person to scan: it holds the ticket by
	// design. Nothing else may hold a secret.
	steps := text[strings.Index(text, "scan this code"):]
	steps = steps[strings.Index(steps, "\n\n")+2:]
	for _, s := range srv.Secrets() {
		if strings.Contains(steps+res, s) {
			t.Fatalf("a secret is in the log:\n%s", steps)
		}
	}
}

// Asked as the TV app (BILIQR_LIVE_PLATFORM=tv), the log says whether the
// code-0 reply carries token_info, by name: never a token.
func TestLiveLoginRoutineTVPlatform(t *testing.T) {
	srv := passporttest.New(passporttest.Options{AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1, ConfirmData: passporttest.ConfirmDataCookieInfo})
	t.Cleanup(srv.Close)
	var log strings.Builder
	logf := func(format string, args ...any) { fmt.Fprintf(&log, format+"\n", args...) }
	opts := srv.ClientOptions()
	opts.Platform = "tv"
	if _, err := liveLogin(context.Background(), opts, liveLoginSteps{
		logf: logf, png: filepath.Join(t.TempDir(), "qr.png"), locale: "en_US",
		pollEvery: time.Millisecond, waitFor: time.Minute, sleep: func(time.Duration) {},
	}); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	text := log.String()
	if !strings.Contains(text, "platform=tv code-0 reply carries token_info, data fields [") {
		t.Errorf("log:\n%s", text)
	}
	for _, r := range srv.Requests() {
		if r.Path == passporttest.EndpointPoll && r.Query.Get("platform") != "tv" {
			t.Errorf("a poll asked with platform=%q", r.Query.Get("platform"))
		}
	}
	steps := text[strings.Index(text, "scan this code"):]
	steps = steps[strings.Index(steps, "\n\n")+2:]
	for _, s := range srv.Secrets() {
		if strings.Contains(steps, s) {
			t.Fatalf("a secret is in the log:\n%s", steps)
		}
	}
}

// liveDeviceNote says whether a buvid3 went with the request and whether
// the server set one of its own: what settles who makes the device cookie.
func liveDeviceNote(ev passport.TraceEvent) string {
	s := ", buvid3 not sent"
	if ev.SentDevice {
		s = ", buvid3 sent"
	}
	if ev.SetDevice {
		s += ", server set its own buvid3"
	}
	return s
}

// liveTokenInfoNote says, for a code-0 poll, whether its data carries
// token_info (the platform=tv shape), by the field's name only: the
// tokens are secrets.
func liveTokenInfoNote(ev passport.TraceEvent, platform string) string {
	if ev.Op != "qrcode/auth/fetch" || !ev.HasCode || ev.Code != passport.CodeOK {
		return ""
	}
	if platform == "" {
		platform = "web"
	}
	for _, f := range ev.DataFields {
		if f == "token_info" {
			return ", platform=" + platform + " code-0 reply carries token_info"
		}
	}
	return ", platform=" + platform + " code-0 reply carries no token_info"
}

type liveLoginSteps struct {
	logf      func(format string, args ...any)
	png       string
	locale    string
	pollEvery time.Duration
	waitFor   time.Duration
	sleep     func(time.Duration)
}

// liveLogin is one whole login with a trace of every answer, then a logout.
// It returns a one-line result safe to paste.
func liveLogin(ctx context.Context, opts passport.Options, st liveLoginSteps) (string, error) {
	opts.Trace = func(ev passport.TraceEvent) {
		line := fmt.Sprintf("%s: HTTP %d", ev.Op, ev.Status)
		if ev.HasCode {
			line += fmt.Sprintf(", code %d", ev.Code)
		}
		if ev.Op == "web/v2/user" && ev.HasCode {
			line += fmt.Sprintf(", is_login %q", ev.IsLogin)
		}
		if len(ev.Cookies) > 0 {
			line += fmt.Sprintf(", set %v", ev.Cookies)
		}
		line += liveDeviceNote(ev)
		if !ev.SessionExpires.IsZero() {
			line += ", SESSDATA expires " + ev.SessionExpires.Format("2006-01-02")
		}
		line += liveTokenInfoNote(ev, opts.Platform)
		if len(ev.DataFields) > 0 {
			line += fmt.Sprintf(", data fields %v", ev.DataFields)
		}
		if ev.Err != "" {
			line += ", " + passport.SanitizeText(ev.Err, 200)
		}
		st.logf("%s", line)
	}
	c, err := passport.New(opts)
	if err != nil {
		return "", err
	}
	tk, err := c.RequestTicket(ctx, st.locale)
	if err != nil {
		return "ticket: " + describeLive(err), err
	}
	qr, err := ui.NewQR(tk.QRURL)
	if err != nil {
		return "", err
	}
	block, _ := qr.Fit(200, 200, ui.QRStyle{Profile: colorprofile.NoTTY, DarkBG: true})
	if data, err := qr.PNG(); err == nil && os.WriteFile(st.png, data, 0o600) == nil {
		st.logf("the code is also in %s", st.png)
	}
	st.logf("scan this code with the bilibili.tv app within %v (do not paste it into a report):\n%s\n", st.waitFor, block.Text)
	deadline := time.Now().Add(st.waitFor)
	var conf passport.Confirmation
	for {
		if time.Now().After(deadline) {
			return "nobody confirmed in time", errors.New("no confirmation within " + st.waitFor.String())
		}
		st.sleep(st.pollEvery) // as the site: 2 s before every poll
		r, err := c.PollQR(ctx, tk, st.locale)
		if err != nil {
			return "poll: " + describeLive(err), err
		}
		if r.Status == passport.Expired {
			return "the code expired before it was confirmed", errors.New("expired")
		}
		if r.Status == passport.Confirmed {
			conf = r.Confirmation
			break
		}
	}
	s, err := c.Complete(ctx, conf, st.locale)
	if err != nil {
		return "complete: " + describeLive(err), err
	}
	res := fmt.Sprintf("logged in, mid %d, verified", s.Mid)
	if !s.Verified() {
		res = fmt.Sprintf("logged in, mid %d, unverified: %v", s.Mid, passport.KindOf(s.Unverified))
		if code := passport.CodeOf(s.Unverified); code != 0 {
			res += fmt.Sprintf(" (code %d)", code)
		}
	}
	names := make([]string, 0, len(s.Cookies))
	for _, ck := range s.Cookies {
		names = append(names, ck.Name+"@"+ck.Domain)
	}
	res += fmt.Sprintf("; cookies %v", names)
	for _, ck := range s.Cookies {
		if ck.Name == "SESSDATA" && !ck.Expires.IsZero() {
			res += "; SESSDATA expires " + ck.Expires.UTC().Format("2006-01-02")
			break
		}
	}
	if err := c.Logout(ctx, st.locale); err != nil {
		return res + "; logout: " + describeLive(err), err
	}
	return res + "; logged out", nil
}
