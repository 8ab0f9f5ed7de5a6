package passport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A code-0 poll in the platform=tv shape: cookies in data.cookie_info go to
// every trusted domain listed (untrusted ones skipped); a Set-Cookie of the
// same name wins; token_info.mid is the mid; the tokens are kept nowhere.
func TestPollLoadsCookieInfo(t *testing.T) {
	clock := newClock()
	f, c := newProdFake(t, clock.Now)
	var trace strings.Builder
	c.trace = func(ev TraceEvent) { fmt.Fprintf(&trace, "%+v\n", ev) }
	exp := clock.Now().Add(180 * 24 * time.Hour).Unix()
	f.handle("passport.bilibili.tv"+pPoll, pollSets(fmt.Sprintf(`{"go_url":"",
		"token_info":{"mid":"77","access_token":"TOKEN-A","refresh_token":"TOKEN-R","expires_in":15552000},
		"cookie_info":{"cookies":[
			{"name":"SESSDATA","value":"s%%2C1","expires":%d,"http_only":1,"secure":0},
			{"name":"bili_jct","value":"body-jct","expires":%d,"http_only":false},
			{"name":"DedeUserID","value":"77"},
			{"name":"bad name","value":"x"}],
		"domains":[".bilibili.tv",".biliintl.com",".evil.example"]}}`, exp, exp),
		"bili_jct=header-jct; Domain=.bilibili.tv; Path=/"))
	r, err := c.PollQR(bg, Ticket{ID: "t1"}, "en_US")
	if err != nil || r.Status != Confirmed {
		t.Fatalf("poll: %v %v", r.Status, err)
	}
	if r.Confirmation.Mid != 77 {
		t.Errorf("mid %d, want token_info's 77", r.Confirmation.Mid)
	}
	got := map[string]Cookie{}
	for _, ck := range withoutDevice(c.Cookies()) {
		got[ck.Name+"@"+ck.Domain] = ck
	}
	want := map[string]Cookie{
		"SESSDATA@bilibili.tv":    {Name: "SESSDATA", Value: "s%2C1", Domain: "bilibili.tv", Path: "/", Expires: time.Unix(exp, 0).UTC(), HTTPOnly: true},
		"SESSDATA@biliintl.com":   {Name: "SESSDATA", Value: "s%2C1", Domain: "biliintl.com", Path: "/", Expires: time.Unix(exp, 0).UTC(), HTTPOnly: true},
		"DedeUserID@bilibili.tv":  {Name: "DedeUserID", Value: "77", Domain: "bilibili.tv", Path: "/"},
		"DedeUserID@biliintl.com": {Name: "DedeUserID", Value: "77", Domain: "biliintl.com", Path: "/"},
		"bili_jct@bilibili.tv":    {Name: "bili_jct", Value: "header-jct", Domain: "bilibili.tv", Path: "/"},
	}
	if len(got) != len(want) {
		t.Fatalf("cookies %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %#v, want %#v", k, got[k], w)
		}
	}
	for _, secret := range []string{"TOKEN-A", "TOKEN-R"} {
		if strings.Contains(trace.String(), secret) || strings.Contains(fmt.Sprintf("%#v %v", r, c.Cookies()), secret) {
			t.Errorf("%s kept or traced", secret)
		}
	}
}

// No domains listed: the passport's site domain. The session then verifies.
func TestPollCookieInfoWithoutDomains(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.handle(pPoll, replyWith(0, `{"cookie_info":{"cookies":[{"name":"SESSDATA","value":"good"}]}}`))
	loginServer(f)
	s, err := c.Complete(bg, confirm(t, c), "en_US")
	if err != nil || !s.Verified() || s.Name != "Ann" {
		t.Fatalf("Complete: %+v, %v", s, err)
	}
	if ck, _ := cookieNamed(s.Cookies, "SESSDATA"); ck.Domain != "127.0.0.1" || !ck.HostOnly {
		t.Fatalf("SESSDATA %#v", ck)
	}
}

// member/web/account settles what v2/user could not tell; it never
// overrides an explicit is_login false, and is not asked when v2/user gave
// no answer at all.
func TestVerifyAsksAccountWhenInconclusive(t *testing.T) {
	for _, tc := range []struct {
		name    string
		user    http.HandlerFunc
		account http.HandlerFunc
		asked   bool
		want    func(Account, error) bool
	}{
		{"10023006, account 0", replyWith(10023006, ""), replyWith(0, `{"mid":42,"uname":"Ann","face":""}`), true,
			func(a Account, err error) bool { return err == nil && a == Account{Mid: 42, Name: "Ann"} }},
		{"no is_login, account 0", replyWith(0, `{}`), replyWith(0, `{"mid":"42"}`), true,
			func(a Account, err error) bool { return err == nil && a.Mid == 42 }},
		{"garbled, account 0", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "<html>") },
			replyWith(0, `{"mid":42}`), true, func(a Account, err error) bool { return err == nil && a.Mid == 42 }},
		{"10004004, account -101", replyWith(10004004, ""), replyWith(-101, ""), true,
			func(_ Account, err error) bool { return errors.Is(err, ErrNotLoggedIn) }},
		{"unknown, account 10004005", replyWith(424242, ""), replyWith(10004005, ""), true,
			func(_ Account, err error) bool { return errors.Is(err, ErrNotLoggedIn) }},
		{"10023006, account 10023006", replyWith(10023006, ""), replyWith(10023006, ""), true,
			func(_ Account, err error) bool { return CodeOf(err) == 10023006 && KindOf(err) == KindDeviceIDNeeded }},
		{"10004004, account without mid", replyWith(10004004, ""), replyWith(0, `{}`), true,
			func(_ Account, err error) bool { return CodeOf(err) == 10004004 }},
		{"is_login false", replyWith(0, `{"is_login":false}`), replyWith(0, `{"mid":42}`), false,
			func(_ Account, err error) bool { return errors.Is(err, ErrNotLoggedIn) }},
		{"-101", replyWith(-101, ""), replyWith(0, `{"mid":42}`), false,
			func(_ Account, err error) bool { return errors.Is(err, ErrNotLoggedIn) }},
		{"HTTP 503", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }, replyWith(0, `{"mid":42}`), false,
			func(_ Account, err error) bool { return KindOf(err) == KindServer }},
		{"verified", replyWith(0, `{"is_login":true,"mid":7}`), replyWith(0, `{"mid":42}`), false,
			func(a Account, err error) bool { return err == nil && a.Mid == 7 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			c := newClient(t, f)
			f.handle(pUser, tc.user)
			f.handle(pAccount, tc.account)
			a, err := c.Verify(bg, "en_US")
			if !tc.want(a, err) {
				t.Fatalf("Verify = %+v, %v", a, err)
			}
			if asked := f.count(pAccount) == 1; asked != tc.asked {
				t.Fatalf("member/web/account asked: %v, want %v", asked, tc.asked)
			}
			if tc.asked {
				q := f.requests()[1].Query
				if q.Get("platform") != "web" || q.Get("s_locale") != "en_US" {
					t.Fatalf("account query %v", q)
				}
			}
		})
	}
}

const pAccount = "/x/intl/member/web/account"
