package passport

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// Cookies from a real-looking confirmation keep every attribute; those for
// foreign or untrusted domains are dropped.
func TestJarKeepsAttributesAndDropsForeignDomains(t *testing.T) {
	clock := newClock()
	f, c := newProdFake(t, clock.Now)
	exp := clock.Now().Add(48 * time.Hour).Truncate(time.Second)
	f.handle("passport.bilibili.tv"+pPoll, func(w http.ResponseWriter, _ *http.Request) {
		for _, h := range []string{
			"SESSDATA=s%2C1%2Cx*11; Domain=.bilibili.tv; Path=/; Max-Age=3600; Expires=" + exp.Format(http.TimeFormat) + "; Secure; HttpOnly",
			"bili_jct=j1; Domain=bilibili.tv; Path=/; Expires=" + exp.Format(http.TimeFormat) + "; Secure",
			"DedeUserID=42; Domain=.BILIBILI.tv; Path=/",
			"hostonly=h; Path=/x/intl",
			"nopath=p",
			"foreign=1; Domain=.bilibili.com; Path=/",
			"suffix=1; Domain=.tv; Path=/",
			"sibling=1; Domain=api.bilibili.tv; Path=/",
			"gone=1; Domain=.bilibili.tv; Path=/; Expires=" + clock.Now().Add(-time.Hour).Format(http.TimeFormat),
			"zero=1; Domain=.bilibili.tv; Path=/; Max-Age=0",
			"bad name=1; Path=/",
		} {
			w.Header().Add("Set-Cookie", h)
		}
		reply(w, 0, `{"mid":42}`)
	})
	if _, err := c.PollQR(bg, Ticket{ID: "t"}, "en_US"); err != nil {
		t.Fatal(err)
	}
	got := withoutDevice(c.Cookies())
	var names []string
	for _, ck := range got {
		names = append(names, ck.Name)
	}
	// Ordered by domain, path, name.
	want := []string{"DedeUserID", "SESSDATA", "bili_jct", "hostonly", "nopath"}
	if !slices.Equal(names, want) {
		t.Fatalf("cookies %v, want %v", names, want)
	}
	sess, _ := cookieNamed(got, "SESSDATA")
	if sess != (Cookie{Name: "SESSDATA", Value: "s%2C1%2Cx*11", Domain: "bilibili.tv", Path: "/",
		Expires: clock.Now().Add(time.Hour), Secure: true, HTTPOnly: true}) {
		t.Fatalf("SESSDATA %#v / %v %v", sess, sess.Expires, sess.Value)
	}
	if jct, _ := cookieNamed(got, "bili_jct"); !jct.Expires.Equal(exp) || !jct.Secure || jct.HTTPOnly || jct.HostOnly {
		t.Fatalf("bili_jct %+v %v", jct, jct.Expires)
	}
	if d, _ := cookieNamed(got, "DedeUserID"); d.Domain != "bilibili.tv" || !d.Expires.IsZero() || d.Secure {
		t.Fatalf("DedeUserID %+v", d)
	}
	if h, _ := cookieNamed(got, "hostonly"); !h.HostOnly || h.Domain != "passport.bilibili.tv" || h.Path != "/x/intl" {
		t.Fatalf("hostonly %+v", h)
	}
	if p, _ := cookieNamed(got, "nopath"); p.Path != "/x/intl/passport-login/qrcode/auth" {
		t.Fatalf("default path %q", p.Path)
	}

	// The API host gets the domain cookies, not the passport's host-only ones.
	f.handle("api.bilibili.tv"+pUser, replyWith(0, `{"is_login":true}`))
	if _, err := c.Verify(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	sent := reqs[len(reqs)-1].Header.Get("Cookie")
	for _, s := range []string{"SESSDATA=s%2C1%2Cx*11", "bili_jct=j1", "DedeUserID=42"} {
		if !strings.Contains(sent, s) {
			t.Errorf("API request lacks %s: %q", s, sent)
		}
	}
	for _, s := range []string{"hostonly", "nopath", "foreign", "suffix", "sibling"} {
		if strings.Contains(sent, s) {
			t.Errorf("API request carries %s: %q", s, sent)
		}
	}

	// Expiry follows the injected clock.
	clock.Advance(2 * time.Hour)
	if _, ok := cookieNamed(c.Cookies(), "SESSDATA"); ok {
		t.Fatal("SESSDATA outlived its Max-Age")
	}
	if _, ok := cookieNamed(c.Cookies(), "bili_jct"); !ok {
		t.Fatal("bili_jct dropped before its Expires")
	}

	// Deletion by Max-Age<=0 or a past Expires.
	f.handle("api.bilibili.tv"+pUser, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Add("Set-Cookie", "bili_jct=; Domain=.bilibili.tv; Path=/; Max-Age=-1")
		w.Header().Add("Set-Cookie", "DedeUserID=; Domain=.bilibili.tv; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
		reply(w, 0, `{"is_login":true}`)
	})
	_, _ = c.Verify(bg, "en_US")
	for _, n := range []string{"bili_jct", "DedeUserID"} {
		if _, ok := cookieNamed(c.Cookies(), n); ok {
			t.Errorf("%s not deleted", n)
		}
	}
}

func TestJarUnit(t *testing.T) {
	clock := newClock()
	ts := newTrustSet()
	ts.addHost("127.0.0.1")
	j := newJar(ts, clock.Now)
	mustURL := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	set := func(u string, hs ...string) {
		resp := http.Response{Header: http.Header{"Set-Cookie": hs}}
		j.setCookies(mustURL(u), resp.Cookies())
	}

	// IP hosts: Domain must be the IP itself, and the cookie is host-only.
	set("http://127.0.0.1:9/a/b", "ip=1; Domain=127.0.0.1; Path=/", "ipother=1; Domain=127.0.0.2; Path=/",
		"ipsuffix=1; Domain=0.0.1; Path=/", "sec=1; Secure; Path=/")
	if ck, ok := cookieNamed(j.all(), "ip"); !ok || !ck.HostOnly || ck.Domain != "127.0.0.1" {
		t.Fatalf("ip cookie %+v", ck)
	}
	for _, n := range []string{"ipother", "ipsuffix"} {
		if _, ok := cookieNamed(j.all(), n); ok {
			t.Errorf("%s kept", n)
		}
	}
	// Loopback http counts as secure (tests); a Secure cookie travels there.
	if h := j.header(mustURL("http://127.0.0.1:9/")); !strings.Contains(h, "sec=1") {
		t.Fatalf("header %q", h)
	}

	// Untrusted responses are ignored, and nothing is sent to an untrusted URL.
	set("https://evil.example/", "e=1")
	set("http://www.bilibili.tv/", "plain=1")
	if len(j.all()) != 2 {
		t.Fatalf("cookies %v", j.all())
	}
	if j.header(mustURL("https://evil.example/")) != "" || j.header(mustURL("http://127.0.0.2:9/")) != "" {
		t.Fatal("cookies sent to an untrusted URL")
	}

	// Path matching and send order (longer paths first, then older).
	set("https://www.bilibili.tv/", "a=1; Domain=bilibili.tv; Path=/", "b=2; Domain=bilibili.tv; Path=/docs",
		"c=3; Domain=bilibili.tv; Path=/docs/", "d=4; Domain=bilibili.tv; Path=/do")
	for path, want := range map[string]string{
		"/":          "a=1",
		"/docs":      "b=2; a=1",
		"/docs/x":    "c=3; b=2; a=1",
		"/docsx":     "a=1",
		"/do/":       "d=4; a=1",
		"/docs/x?y=": "c=3; b=2; a=1",
	} {
		if got := j.header(mustURL("https://api.bilibili.tv" + path)); got != want {
			t.Errorf("header(%s) = %q, want %q", path, got, want)
		}
	}
	// Replacement keeps the original position; host-only stays on its host.
	set("https://www.bilibili.tv/", "a=9; Domain=bilibili.tv; Path=/", "w=1; Path=/")
	if got := j.header(mustURL("https://www.bilibili.tv/docs")); got != "b=2; a=9; w=1" {
		t.Errorf("after replace: %q", got)
	}
	if got := j.header(mustURL("https://m.www.bilibili.tv/")); got != "a=9" {
		t.Errorf("host-only leaked to a subdomain: %q", got)
	}
	// Secure cookies never go over http to a real host (and such a URL is
	// untrusted anyway), and are not accepted from there.
	set("https://www.bilibili.tv/", "s=1; Domain=bilibili.tv; Path=/; Secure")
	if !strings.Contains(j.header(mustURL("https://www.bilibili.tv/")), "s=1") {
		t.Fatal("secure cookie not sent over https")
	}
	if secureURL(mustURL("http://www.bilibili.tv/")) || !secureURL(mustURL("http://[::1]:3/")) {
		t.Fatal("secureURL wrong")
	}
}

func TestLoadCookies(t *testing.T) {
	clock := newClock()
	f, c := newProdFake(t, clock.Now)
	c.LoadCookies([]Cookie{
		{Name: "SESSDATA", Value: "s1", Domain: ".bilibili.tv", Path: "/", Secure: true, HTTPOnly: true},
		{Name: "old", Value: "o", Domain: "bilibili.tv", Path: "/", Expires: clock.Now().Add(-time.Second)},
		{Name: "evil", Value: "e", Domain: "evil.example", Path: "/"},
		{Name: "bad", Value: "a;b", Domain: "bilibili.tv", Path: "/"},
		{Name: "", Value: "x", Domain: "bilibili.tv"},
		{Name: "nopath", Value: "n", Domain: "api.bilibili.tv", HostOnly: true},
	})
	var names []string
	for _, ck := range c.Cookies() {
		names = append(names, ck.Name)
	}
	if !slices.Equal(names, []string{"nopath", "SESSDATA"}) {
		t.Fatalf("loaded %v", names)
	}
	f.handle(pUser, replyWith(0, `{"is_login":true}`))
	if _, err := c.Verify(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	if got := headerWithoutDevice(f.requests()[0].Header.Get("Cookie")); got != "SESSDATA=s1; nopath=n" && got != "nopath=n; SESSDATA=s1" {
		t.Fatalf("cookie header %q", got)
	}
}

func TestDomainAndPathMatch(t *testing.T) {
	for _, tc := range []struct {
		host, domain string
		want         bool
	}{
		{"bilibili.tv", "bilibili.tv", true}, {"www.bilibili.tv", "bilibili.tv", true},
		{"xbilibili.tv", "bilibili.tv", false}, {"bilibili.tv", "www.bilibili.tv", false},
		{"127.0.0.1", "0.0.1", false}, {"127.0.0.1", "127.0.0.1", true},
	} {
		if got := domainMatch(tc.host, tc.domain); got != tc.want {
			t.Errorf("domainMatch(%q, %q) = %v", tc.host, tc.domain, got)
		}
	}
	for _, tc := range []struct {
		req, cookie string
		want        bool
	}{
		{"/", "/", true}, {"/a/b", "/a", true}, {"/ab", "/a", false}, {"/a/", "/a/", true},
		{"/a", "/a/", false}, {"/a/b", "/a/", true},
	} {
		if got := pathMatch(tc.req, tc.cookie); got != tc.want {
			t.Errorf("pathMatch(%q, %q) = %v", tc.req, tc.cookie, got)
		}
	}
}
