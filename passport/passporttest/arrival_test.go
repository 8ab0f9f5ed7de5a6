package passporttest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
)

const goodDevice = "00010203-0405-4607-8809-0a0b0c0d0e0f4113infoc"

// withDevice puts a buvid3 into c's jar for every host of s.
func withDevice(t *testing.T, s *Server, c *http.Client, value string) {
	t.Helper()
	for _, base := range []string{s.PassportURL(), s.APIURL()} {
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		c.Jar.SetCookies(u, []*http.Cookie{{Name: passport.DeviceCookie, Value: value, Path: "/"}})
	}
}

// RequireDevice: both verifiers answer 10023006 unless a buvid3 in the
// site's format comes with the request.
func TestRequireDevice(t *testing.T) {
	for _, tc := range []struct {
		device string
		want   int
	}{{"", passport.CodeDeviceIDNeeded}, {"not-a-buvid", passport.CodeDeviceIDNeeded}, {goodDevice, 0}} {
		f := newFlow(t, Options{RequireDevice: true})
		if tc.device != "" {
			withDevice(t, f.s, f.c, tc.device)
		}
		f.login()
		if e := f.user(); e.Code != tc.want {
			t.Errorf("buvid3 %q: v2/user code %d, want %d", tc.device, e.Code, tc.want)
		}
		if _, e := getEnv(t, f.c, f.s.APIURL()+EndpointAccount); e.Code != tc.want {
			t.Errorf("buvid3 %q: member/web/account code %d, want %d", tc.device, e.Code, tc.want)
		}
	}
	if f := newFlow(t, Options{}); f.user().Code != passport.CodeNotLoggedIn {
		t.Error("without RequireDevice, a request without buvid3 is not simply logged out")
	}
}

// Account: as v2/user by default; AccountSettles answers for the session
// whatever v2/user says; AccountLoggedOut is -101.
func TestAccountShapes(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want int
	}{
		{Options{}, 0},
		{Options{UserCode: 10004004}, 10004004},
		{Options{User: UserNotLoggedIn}, passport.CodeNotLoggedIn},
		{Options{UserCode: 10004004, Account: AccountSettles}, 0},
		{Options{Account: AccountLoggedOut}, passport.CodeNotLoggedIn},
	} {
		tc.o.Name, tc.o.Mid = "Ann", 42
		f := newFlow(t, tc.o)
		if _, e := getEnv(t, f.c, f.s.APIURL()+EndpointAccount); e.Code != passport.CodeNotLoggedIn {
			t.Errorf("%+v: without a session, code %d", tc.o, e.Code)
		}
		f.login()
		_, e := getEnv(t, f.c, f.s.APIURL()+EndpointAccount)
		if e.Code != tc.want {
			t.Errorf("%+v: code %d, want %d", tc.o, e.Code, tc.want)
		}
		if tc.want == 0 && (e.Data["mid"] != float64(42) || e.Data["uname"] != "Ann") {
			t.Errorf("%+v: data %v", tc.o, e.Data)
		}
	}
}

// ConfirmDataCookieInfo: no Set-Cookie; the session, good for v2/user, is
// in data.cookie_info; the tokens are secrets.
func TestConfirmDataCookieInfo(t *testing.T) {
	f := newFlow(t, Options{ConfirmData: ConfirmDataCookieInfo, Mid: 42})
	resp, e := f.login()
	if len(resp.Cookies()) != 0 {
		t.Fatalf("Set-Cookie %v", resp.Cookies())
	}
	info, _ := e.Data["cookie_info"].(map[string]any)
	list, _ := info["cookies"].([]any)
	var header []string
	for _, c := range list {
		m := c.(map[string]any)
		header = append(header, m["name"].(string)+"="+m["value"].(string))
	}
	if !f.s.SessionValid(strings.Join(header, "; ")) {
		t.Fatalf("cookie_info %v is not the session", info)
	}
	domains, _ := info["domains"].([]any)
	if len(domains) != 2 || domains[0] != f.s.hostIP(HostPassport) {
		t.Errorf("domains %v", domains)
	}
	tok, _ := e.Data["token_info"].(map[string]any)
	if tok["mid"] != float64(42) {
		t.Errorf("token_info %v", tok)
	}
	for _, k := range []string{"access_token", "refresh_token"} {
		if v, _ := tok[k].(string); v == "" || !contains(f.s.Secrets(), v) {
			t.Errorf("%s missing or not a secret", k)
		}
	}
}

// GoURLCookiePairsDorothy: dorothy's order, raw values, a trailing gourl.
func TestGoURLCookiePairsDorothy(t *testing.T) {
	f := newFlow(t, Options{CookiesVia: ViaGoURL, GoURL: GoURLCookiePairsDorothy, Mid: 42})
	_, e := f.login()
	goURL, _ := e.Data["go_url"].(string)
	u, err := url.Parse(goURL)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var header []string
	for _, part := range strings.Split(u.RawQuery, "&") {
		name, value, _ := strings.Cut(part, "=")
		names = append(names, name)
		if name != "Expires" && name != "gourl" {
			header = append(header, name+"="+value)
		}
	}
	if got := strings.Join(names, ","); got != "DedeUserID,DedeUserID__ckMd5,Expires,SESSDATA,bili_jct,gourl" {
		t.Fatalf("go_url pairs %s", got)
	}
	if !f.s.SessionValid(strings.Join(header, "; ")) {
		t.Fatal("the raw pairs are not the session")
	}
	if u.Query().Get("gourl") != "https://www.bilibili.tv/" {
		t.Errorf("gourl %q", u.Query().Get("gourl"))
	}
}

// SiteCookies: joy_jct (bili_jct's value), mid (DedeUserID's), buvid4.
func TestSiteCookies(t *testing.T) {
	f := newFlow(t, Options{SiteCookies: true, Mid: 42})
	resp, _ := f.login()
	got := setCookies(resp)
	if got[CookieJoyJct] == nil || got[CookieBiliJct] == nil || got[CookieJoyJct].Value != got[CookieBiliJct].Value {
		t.Errorf("joy_jct %v, bili_jct %v", got[CookieJoyJct], got[CookieBiliJct])
	}
	if got[CookieMid] == nil || got[CookieMid].Value != "42" {
		t.Errorf("mid %v", got[CookieMid])
	}
	if got[CookieBuvid4] == nil || !contains(f.s.Secrets(), got[CookieBuvid4].Value) {
		t.Errorf("buvid4 %v missing or not a secret", got[CookieBuvid4])
	}
	if n := len(setCookies(resp)); n != 7 {
		t.Errorf("%d cookies set, want the 4 of a session and 3 more", n)
	}
}

// A buvid3 a client sends becomes a secret the tests scan for.
func TestDeviceIsASecret(t *testing.T) {
	f := newFlow(t, Options{})
	withDevice(t, f.s, f.c, goodDevice)
	f.ticket()
	if !contains(f.s.Secrets(), goodDevice) {
		t.Fatal("the buvid3 sent is not among the secrets")
	}
}
