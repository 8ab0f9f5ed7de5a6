package passporttest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDocumentedFlow(t *testing.T) {
	f := newFlow(t, Options{})
	s := f.s

	qr, tk := f.ticket()
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(tk) {
		t.Fatalf("ticket is not 32 hex digits")
	}
	if want := "https://www.bilibili.tv/h5/en/qrcode/login?ticket=" + tk; qr != want {
		t.Fatalf("qr_url = %q, want %q", qr, want)
	}
	if got := s.Tickets(); len(got) != 1 || got[0] != tk {
		t.Fatalf("Tickets() = %v", got)
	}
	if ev := waitEvent(t, s, func(e Event) bool { return e.Kind == EventTicket }); ev.Ticket != tk {
		t.Fatalf("EventTicket for another ticket")
	}

	if c := f.pollCode(tk); c != 10018101 {
		t.Fatalf("first poll %d", c)
	}
	s.Scan()
	resp, e := f.poll(tk)
	if e.Code != 10018102 {
		t.Fatalf("poll after Scan %d", e.Code)
	}
	if _, ok := e.Raw["data"]; ok {
		t.Fatalf("non-zero code carries data by default")
	}
	if len(resp.Cookies()) != 0 {
		t.Fatalf("cookies before login")
	}
	s.Confirm()
	resp, e = f.poll(tk)
	if e.Code != 0 || e.Message != "0" || string(e.Raw["ttl"]) != "1" {
		t.Fatalf("success envelope %v %q %s", e.Code, e.Message, e.Raw["ttl"])
	}
	if e.Data["mid"] != float64(DefaultMid) || e.Data["is_new"] != false || e.Data["go_url"] != "" {
		t.Fatalf("success data %v", e.Data)
	}
	if p, _ := e.Data["user_profile"].(map[string]any); p["name"] != DefaultName {
		t.Fatalf("user_profile %v", e.Data["user_profile"])
	}
	ck := setCookies(resp)
	for _, name := range []string{CookieSESSDATA, CookieBiliJct, CookieUserID, CookieUserIDMd5} {
		c := ck[name]
		if c == nil {
			t.Fatalf("no %s cookie", name)
		}
		if c.Path != "/" || !c.Secure || c.Domain != "" || c.Expires.IsZero() {
			t.Fatalf("%s attributes: path=%q secure=%v domain=%q expires=%v", name, c.Path, c.Secure, c.Domain, c.Expires)
		}
		if c.HttpOnly != (name == CookieSESSDATA) {
			t.Fatalf("%s HttpOnly=%v", name, c.HttpOnly)
		}
	}
	if ck[CookieUserID].Value != strconv.FormatInt(DefaultMid, 10) {
		t.Fatalf("DedeUserID is not the mid")
	}
	secrets := s.Secrets()
	for _, v := range []string{tk, ck[CookieSESSDATA].Value, ck[CookieBiliJct].Value, ck[CookieUserIDMd5].Value} {
		if !contains(secrets, v) {
			t.Fatalf("a handed-out value is missing from Secrets")
		}
	}
	if contains(secrets, ck[CookieUserID].Value) {
		t.Fatalf("the mid is not a secret")
	}
	if !strings.Contains(ck[CookieSESSDATA].Value, "%2C") {
		t.Fatalf("SESSDATA does not look like the real one")
	}

	// code 0 only once per ticket.
	if c := f.pollCode(tk); c != 10018100 {
		t.Fatalf("second poll after success %d", c)
	}

	// The site's own flow (its bundle) never needs sso/list: it lists nothing.
	if list := ssoTargets(t, f.ssoList()); len(list) != 0 {
		t.Fatalf("sso list %v, want none in the documented flow", list)
	}

	u := f.user()
	if u.Code != 0 || u.Data["is_login"] != true || u.Data["mid"] != float64(DefaultMid) || u.Data["uname"] != DefaultName {
		t.Fatalf("user %v %v", u.Code, u.Data)
	}

	// One kept-alive connection per host; the untrusted host never contacted.
	if s.Conns(HostPassport) != 1 || s.Conns(HostAPI) != 1 || s.Conns(HostSecond) != 0 || s.Conns(HostUntrusted) != 0 {
		t.Fatalf("conns passport=%d api=%d second=%d untrusted=%d", s.Conns(HostPassport), s.Conns(HostAPI),
			s.Conns(HostSecond), s.Conns(HostUntrusted))
	}
	if s.Count(EndpointPoll) != 4 || s.CountAt(HostAPI, EndpointUser) != 1 || s.CountAt(HostUntrusted, EndpointSSOTarget) != 0 {
		t.Fatalf("counts poll=%d user=%d", s.Count(EndpointPoll), s.Count(EndpointUser))
	}

	reqs := s.Requests()
	last := reqs[len(reqs)-1]
	if last.Host != HostAPI || last.Path != EndpointUser || last.Status != 200 || !last.Enveloped || last.Code != 0 ||
		last.Header.Get("Referer") != "https://www.bilibili.tv/" || last.Query.Get("s_locale") != "en_US" {
		t.Fatalf("recorded %+v", last)
	}
	var sawSESSDATA bool
	for _, c := range last.Cookies {
		sawSESSDATA = sawSESSDATA || c.Name == CookieSESSDATA
	}
	if !sawSESSDATA {
		t.Fatalf("recorded request lacks its cookies")
	}
	if reqs[1].Ticket != tk {
		t.Fatalf("recorded poll ticket")
	}
	reqs[0].Header.Set("Referer", "changed")
	if s.Requests()[0].Header.Get("Referer") == "changed" {
		t.Fatalf("Requests is not a copy")
	}
}

func TestTrustedHosts(t *testing.T) {
	s := newServer(t, Options{})
	th := s.TrustedHosts()
	if len(th) != 3 || th[0] != hostOf(t, s.PassportURL()) || th[1] != hostOf(t, s.APIURL()) || th[2] != hostOf(t, s.SecondURL()) {
		t.Fatalf("TrustedHosts %v", th)
	}
	if contains(th, hostOf(t, s.UntrustedURL())) {
		t.Fatal("untrusted host listed as trusted")
	}
	for _, u := range []string{s.PassportURL(), s.APIURL(), s.SecondURL(), s.UntrustedURL()} {
		if !strings.HasPrefix(u, "https://127.0.0.") {
			t.Fatalf("URL %q", u)
		}
	}
	t.Logf("second=%s untrusted=%s", s.SecondURL(), s.UntrustedURL())
}

func TestLocales(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s)
	for _, tc := range []struct{ query, site string }{
		{"", "en"}, {"s_locale=en_US", "en"}, {"s_locale=th_TH", "th"}, {"sLocale=vi_VN", "vi"},
		{"s_locale=id_ID", "id"}, {"s_locale=ms_MY", "ms"}, {"s_locale=zh_ZH", "en"}, {"s_locale=xx_XX", "en"},
	} {
		_, e := getEnv(t, c, s.PassportURL()+EndpointTicket+"?"+tc.query)
		qr, _ := e.Data["qr_url"].(string)
		if !strings.HasPrefix(qr, "https://www.bilibili.tv/h5/"+tc.site+"/qrcode/login?ticket=") {
			t.Errorf("%q: qr_url %q", tc.query, qr)
		}
		if e.Data["qr_type"] != "qrcode_login" {
			t.Errorf("qr_type %v", e.Data["qr_type"])
		}
	}
}

func TestPollScript(t *testing.T) {
	f := newFlow(t, Options{})
	if c := f.pollCode("unknown"); c != 10018100 {
		t.Fatalf("unknown ticket %d", c)
	}
	if c := f.pollCode(""); c != 10018100 {
		t.Fatalf("missing ticket %d", c)
	}
	_, t1 := f.ticket()
	f.s.Expire()
	if c := f.pollCode(t1); c != 10018100 {
		t.Fatalf("expired %d", c)
	}
	f.s.Confirm() // an expired ticket stays expired
	if c := f.pollCode(t1); c != 10018100 {
		t.Fatalf("confirmed after expiry %d", c)
	}
	_, t2 := f.ticket()
	f.s.Scan()
	if f.pollCode(t2) != 10018102 || f.pollCode(t1) != 10018100 {
		t.Fatal("script did not act on the latest ticket only")
	}
	f.s.Scan() // no step back
	f.s.Confirm()
	if f.pollCode(t2) != 0 {
		t.Fatal("confirm")
	}
}

func TestScriptBeforeTicket(t *testing.T) {
	f := newFlow(t, Options{})
	f.s.Confirm()
	_, tk := f.ticket()
	if c := f.pollCode(tk); c != 0 {
		t.Fatalf("Confirm before the ticket: %d", c)
	}
	_, tk2 := f.ticket()
	if c := f.pollCode(tk2); c != 10018101 {
		t.Fatalf("pending script leaked to the next ticket: %d", c)
	}
}

func TestAutoScanConfirm(t *testing.T) {
	f := newFlow(t, Options{AutoScanAfterPolls: 2, AutoConfirmAfterPolls: 1})
	_, tk := f.ticket()
	var got []int
	for range 5 {
		got = append(got, f.pollCode(tk))
	}
	want := []int{10018101, 10018101, 10018102, 0, 10018100}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("codes %v, want %v", got, want)
		}
	}
	if f.user().Data["is_login"] != true {
		t.Fatal("auto login did not log in")
	}
}

func TestTicketLifetime(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := newFlow(t, Options{TicketLifetime: 180 * time.Second, Now: func() time.Time { return now }})
	_, tk := f.ticket()
	now = now.Add(179 * time.Second)
	if c := f.pollCode(tk); c != 10018101 {
		t.Fatalf("before lifetime %d", c)
	}
	now = now.Add(time.Second)
	if c := f.pollCode(tk); c != 10018100 {
		t.Fatalf("at lifetime %d", c)
	}
}

func TestLogout(t *testing.T) {
	f := newFlow(t, Options{})
	s := f.s
	resp, _ := f.login()
	jct := setCookies(resp)[CookieBiliJct].Value
	sess := setCookies(resp)[CookieSESSDATA]
	header := sess.Name + "=" + sess.Value
	if !s.SessionValid(header) {
		t.Fatal("fresh session not valid")
	}
	base := s.PassportURL() + EndpointLogout + "?csrf="
	if r, _ := do(t, f.c, http.MethodGet, base+url.QueryEscape(jct)); r.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET logout %d", r.StatusCode)
	}
	if _, b := do(t, s.Client(), http.MethodPost, base+url.QueryEscape(jct)); decode(t, b).Code != -101 {
		t.Fatal("logout without cookies")
	}
	if _, b := do(t, f.c, http.MethodPost, base+"wrong"); decode(t, b).Code != -111 {
		t.Fatal("logout with a wrong csrf")
	}
	if !s.SessionValid(header) {
		t.Fatal("failed logout ended the session")
	}
	if _, b := do(t, f.c, http.MethodPost, base+url.QueryEscape(jct)); decode(t, b).Code != 0 {
		t.Fatal("logout")
	}
	if s.SessionValid(header) {
		t.Fatal("session valid after logout")
	}
	if u := f.user(); u.Code != -101 {
		t.Fatalf("user after logout %d", u.Code)
	}
}

func TestUnknownPaths(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s)
	for _, u := range []string{s.APIURL() + EndpointTicket, s.PassportURL() + EndpointUser, s.PassportURL() + "/nope"} {
		resp, e := getEnv(t, c, u)
		if resp.StatusCode != 404 || e.Code != -404 {
			t.Errorf("%s: %d %d", u, resp.StatusCode, e.Code)
		}
	}
	if resp, _ := do(t, c, http.MethodGet, s.UntrustedURL()+"/anything"); resp.StatusCode != 200 {
		t.Fatal("untrusted host")
	}
	if s.CountAt(HostUntrusted, "/anything") != 1 {
		t.Fatal("untrusted request not recorded")
	}
}

func TestConnsAndPlainHTTP(t *testing.T) {
	s := newServer(t, Options{PlainHTTP: true})
	if !strings.HasPrefix(s.PassportURL(), "http://") || s.CertPool() != nil {
		t.Fatal("PlainHTTP still TLS")
	}
	f := &flow{t: t, s: s, c: newClient(t, s)}
	resp, _ := f.login()
	if setCookies(resp)[CookieSESSDATA].Secure {
		t.Fatal("Secure cookie over plain HTTP")
	}
	if f.user().Data["is_login"] != true {
		t.Fatal("plain HTTP flow")
	}
	f.ticket()
	if s.Conns(HostPassport) != 1 {
		t.Fatalf("one client: %d passport conns", s.Conns(HostPassport))
	}
	f2 := &flow{t: t, s: s, c: newClient(t, s)}
	f2.ticket()
	if s.Conns(HostPassport) != 2 {
		t.Fatalf("two clients: %d passport conns", s.Conns(HostPassport))
	}
}

func TestCloseIsIdempotent(t *testing.T) {
	s := New(Options{})
	s.Close()
	s.Close()
}
