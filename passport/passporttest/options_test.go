package passporttest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestEnvelopeShapes(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		data string // raw "data" on a non-zero code; "" = absent
	}{
		{"missing", Options{}, ""},
		{"null", Options{NonZeroData: DataNull}, "null"},
		{"empty", Options{NonZeroData: DataEmptyObject}, "{}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFlow(t, tc.o)
			_, e := f.poll("nope")
			if e.Code != 10018100 || string(e.Raw["data"]) != tc.data {
				t.Fatalf("code %d data %q", e.Code, e.Raw["data"])
			}
		})
	}

	f := newFlow(t, Options{OmitTTL: true, QRTypeNumber: true, ExtraFields: true})
	_, e := getEnv(t, f.c, f.s.PassportURL()+EndpointTicket)
	if _, ok := e.Raw["ttl"]; ok {
		t.Fatal("OmitTTL")
	}
	if e.Data["qr_type"] != float64(1) {
		t.Fatalf("QRTypeNumber: %v", e.Data["qr_type"])
	}
	if _, ok := e.Raw["x_unknown"]; !ok || e.Data["x_flag"] != true {
		t.Fatal("ExtraFields: envelope or data without unknown fields")
	}
	s2 := f.s
	s2.Confirm()
	_, e = f.poll(s2.Tickets()[0])
	if p, _ := e.Data["user_profile"].(map[string]any); p["x_flag"] != true {
		t.Fatal("ExtraFields: nested object without unknown fields")
	}
}

func TestQRURLOptions(t *testing.T) {
	f := newFlow(t, Options{QRURLNoTicket: true, QRURLHost: "qr.example"})
	qr, tk := f.ticket()
	if qr != "https://qr.example/h5/en/qrcode/login" || tk != "" {
		t.Fatalf("qr_url %q", qr)
	}
	if len(f.s.Tickets()) != 1 {
		t.Fatal("ticket still issued")
	}
}

func TestUserShapes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     Options
		check func(map[string]any) bool
	}{
		{"documented", Options{Name: "N", Mid: 7}, func(d map[string]any) bool {
			return d["is_login"] == true && d["mid"] == float64(7) && d["uname"] == "N"
		}},
		{"is_login only", Options{User: UserIsLoginOnly}, func(d map[string]any) bool {
			return d["is_login"] == true && len(d) == 1
		}},
		{"other keys", Options{User: UserNameOtherKeys, Name: "N"}, func(d map[string]any) bool {
			u, _ := d["user"].(map[string]any)
			return d["is_login"] == true && d["nickname"] == "N" && u["name"] == "N" && d["uname"] == nil
		}},
		{"not logged in", Options{User: UserNotLoggedIn}, func(d map[string]any) bool {
			return d["is_login"] == false
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFlow(t, tc.o)
			f.login()
			if e := f.user(); e.Code != 0 || !tc.check(e.Data) {
				t.Fatalf("%d %v", e.Code, e.Data)
			}
		})
	}

	f := newFlow(t, Options{})
	if e := f.user(); e.Code != -101 {
		t.Fatalf("anonymous: %d", e.Code)
	}
	f = newFlow(t, Options{AnonymousCode0: true})
	if e := f.user(); e.Code != 0 || e.Data["is_login"] != false {
		t.Fatalf("AnonymousCode0: %d %v", e.Code, e.Data)
	}
}

func TestRotateOnVerify(t *testing.T) {
	f := newFlow(t, Options{RotateOnVerify: true})
	resp, _ := f.login()
	old := setCookies(resp)[CookieSESSDATA]
	r, b := do(t, f.c, http.MethodGet, f.s.APIURL()+EndpointUser)
	if decode(t, b).Data["is_login"] != true {
		t.Fatal("first verify")
	}
	rot := setCookies(r)[CookieSESSDATA]
	if rot == nil || rot.Value == old.Value || !rot.HttpOnly {
		t.Fatal("no rotated SESSDATA")
	}
	if f.s.SessionValid(CookieSESSDATA+"="+old.Value) || !f.s.SessionValid(CookieSESSDATA+"="+rot.Value) {
		t.Fatal("rotation did not move validity")
	}
	if !contains(f.s.Secrets(), rot.Value) {
		t.Fatal("rotated value not a secret")
	}
	if e := f.user(); e.Data["is_login"] != true {
		t.Fatal("jar kept the rotated cookie, yet not logged in")
	}
}

func TestCookieAttributes(t *testing.T) {
	f := newFlow(t, Options{CookieDomain: true, CookieExpiry: ExpiryMaxAge, NoSecure: true, NoHTTPOnly: true, ForeignDomainCookie: true})
	resp, _ := f.login()
	ck := setCookies(resp)
	s := ck[CookieSESSDATA]
	if s.Domain != "127.0.0.1" || s.MaxAge != int(CookieLifetime.Seconds()) || s.Secure || s.HttpOnly {
		t.Fatalf("SESSDATA attributes %+v", s)
	}
	if ev := ck[CookieForeign]; ev == nil || ev.Domain != "evil.example" {
		t.Fatal("no foreign-domain cookie")
	}
	evil, _ := url.Parse("https://evil.example/")
	if len(f.c.Jar.Cookies(evil)) != 0 {
		t.Fatal("a jar accepted the foreign cookie")
	}
	if f.user().Data["is_login"] != true {
		t.Fatal("Domain=<ip> cookie did not reach the api host")
	}

	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f = newFlow(t, Options{Now: func() time.Time { return now }})
	resp, _ = f.login()
	if exp := setCookies(resp)[CookieSESSDATA].Expires; !exp.Equal(now.Add(CookieLifetime)) {
		t.Fatalf("Expires %v", exp)
	}
	f = newFlow(t, Options{CookieExpiry: ExpirySession})
	resp, _ = f.login()
	if c := setCookies(resp)[CookieSESSDATA]; !c.Expires.IsZero() || c.MaxAge != 0 {
		t.Fatal("session cookie has a lifetime")
	}
}

func TestTicketCookie(t *testing.T) {
	f := newFlow(t, Options{TicketCookie: true})
	_, tk := f.ticket()
	bare := &flow{t: t, s: f.s, c: newClient(t, f.s)}
	if c := bare.pollCode(tk); c != 10018100 {
		t.Fatalf("poll from another jar %d", c)
	}
	if c := f.pollCode(tk); c != 10018101 {
		t.Fatalf("poll with the ticket cookie %d", c)
	}
}

func TestCookiesViaGoURL(t *testing.T) {
	f := newFlow(t, Options{CookiesVia: ViaGoURL})
	resp, e := f.login()
	if len(resp.Cookies()) != 0 {
		t.Fatal("poll set cookies")
	}
	goURL, _ := e.Data["go_url"].(string)
	if !strings.HasPrefix(goURL, f.s.PassportURL()+EndpointGo+"?k=") {
		t.Fatalf("go_url %q", goURL)
	}
	if f.ssoList().Code != -101 || f.user().Code != -101 {
		t.Fatal("logged in before go_url")
	}
	resp, _ = do(t, f.c, http.MethodGet, goURL)
	if setCookies(resp)[CookieSESSDATA] == nil {
		t.Fatal("go_url set no session")
	}
	if f.ssoList().Code != 0 || f.user().Data["is_login"] != true {
		t.Fatal("not logged in after go_url")
	}
}

func TestGoURLKinds(t *testing.T) {
	f := newFlow(t, Options{GoURL: GoURLUntrusted})
	_, e := f.login()
	if g, _ := e.Data["go_url"].(string); !strings.HasPrefix(g, f.s.UntrustedURL()+EndpointGo) {
		t.Fatalf("untrusted go_url %q", g)
	}

	f = newFlow(t, Options{GoURL: GoURLCookiePairs})
	resp, e := f.login()
	g, _ := e.Data["go_url"].(string)
	u, err := url.Parse(g)
	if err != nil || u.Host != hostOf(t, f.s.PassportURL()) {
		t.Fatalf("go_url %q", g)
	}
	ck := setCookies(resp)
	for _, name := range []string{CookieSESSDATA, CookieBiliJct, CookieUserID, CookieUserIDMd5} {
		if u.Query().Get(name) != ck[name].Value {
			t.Fatalf("go_url pair %s differs from its cookie", name)
		}
	}
	if f.ssoList().Code != 0 {
		t.Fatal("sso/list with poll cookies")
	}
}

func TestSSOListNotLoggedInFirst(t *testing.T) {
	f := newFlow(t, Options{SSOListNotLoggedInFirst: true, GoURL: GoURLTrusted})
	_, e := f.login()
	if f.ssoList().Code != -101 {
		t.Fatal("sso/list before go_url")
	}
	if f.user().Data["is_login"] != true {
		t.Fatal("poll cookies do not verify")
	}
	do(t, f.c, http.MethodGet, e.Data["go_url"].(string))
	if f.ssoList().Code != 0 {
		t.Fatal("sso/list after go_url")
	}
}

func TestCookiesViaSSO(t *testing.T) {
	for _, rel := range []bool{false, true} {
		f := newFlow(t, Options{CookiesVia: ViaSSO, SSORelative: rel, SSOFailingTarget: true})
		if f.ssoList().Code != -101 {
			t.Fatal("sso/list before any login")
		}
		resp, _ := f.login()
		if len(resp.Cookies()) != 0 || f.user().Code != -101 {
			t.Fatal("logged in before SSO")
		}
		list := ssoTargets(t, f.ssoList())
		if len(list) != 4 || !strings.Contains(list[0], "fail=1") || !hasPrefixAny(list, f.s.UntrustedURL()) {
			t.Fatalf("sso list %v", list)
		}
		p := list[1]
		if rel != strings.HasPrefix(p, EndpointSSOTarget+"?k=") || !rel && !strings.HasPrefix(p, f.s.PassportURL()+EndpointSSOTarget) {
			t.Fatalf("passport target %q (relative=%v)", p, rel)
		}
		if r, _ := do(t, f.c, http.MethodGet, list[0]); r.StatusCode != 500 {
			t.Fatal("failing target did not fail")
		}
		base, _ := url.Parse(f.s.PassportURL())
		for _, target := range list[1:3] {
			ref, _ := url.Parse(target)
			do(t, f.c, http.MethodGet, base.ResolveReference(ref).String())
		}
		if f.user().Data["is_login"] != true {
			t.Fatal("not logged in after SSO")
		}
		if f.s.CountAt(HostUntrusted, EndpointSSOTarget) != 0 {
			t.Fatal("test contacted the untrusted host")
		}
	}
}

func TestCookiesViaRedirects(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		hops int
	}{
		{"go_url", Options{CookiesVia: ViaRedirects, GoURL: GoURLTrusted}, 3},
		{"go_url 8", Options{CookiesVia: ViaRedirects, GoURL: GoURLTrusted, RedirectHops: 8}, 8},
		{"sso", Options{CookiesVia: ViaRedirects, RedirectHops: 5}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFlow(t, tc.o)
			var statuses []int
			f.c.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
				statuses = append(statuses, req.Response.StatusCode)
				return nil
			}
			resp, e := f.login()
			if len(resp.Cookies()) != 0 {
				t.Fatal("poll set cookies")
			}
			start, _ := e.Data["go_url"].(string)
			if tc.o.GoURL == GoURLEmpty {
				list := ssoTargets(t, f.ssoList())
				start = list[0]
			}
			r, _ := do(t, f.c, http.MethodGet, start)
			if r.StatusCode != 200 || setCookies(r)[CookieSESSDATA] == nil {
				t.Fatalf("end of chain: %d", r.StatusCode)
			}
			if len(statuses) != tc.hops || f.s.Count(EndpointRedirect) != tc.hops {
				t.Fatalf("%d redirects (%v), %d hops, want %d", len(statuses), statuses, f.s.Count(EndpointRedirect), tc.hops)
			}
			if tc.hops >= 3 && (statuses[0] != 302 || statuses[1] != 301 || statuses[2] != 303) {
				t.Fatalf("redirect kinds %v", statuses)
			}
			if f.s.CountAt(HostSecond, EndpointRedirect) != tc.hops/2 {
				t.Fatalf("hops do not alternate hosts")
			}
			if f.user().Data["is_login"] != true {
				t.Fatal("not logged in after the chain")
			}
		})
	}

	f := newFlow(t, Options{CookiesVia: ViaRedirects, GoURL: GoURLTrusted, RedirectUntrusted: true})
	trusted := f.s.TrustedHosts()
	f.c.CheckRedirect = func(req *http.Request, _ []*http.Request) error {
		if !contains(trusted, req.URL.Host) {
			return http.ErrUseLastResponse
		}
		return nil
	}
	_, e := f.login()
	r, _ := do(t, f.c, http.MethodGet, e.Data["go_url"].(string))
	if r.StatusCode != 302 || hostOf(t, r.Header.Get("Location")) != hostOf(t, f.s.UntrustedURL()) {
		t.Fatalf("RedirectUntrusted: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	if f.s.Conns(HostUntrusted) != 0 {
		t.Fatal("untrusted host contacted")
	}
}
