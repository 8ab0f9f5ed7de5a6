package passport

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// loginServer answers the user endpoint with is_login true exactly when the
// request carries SESSDATA=good.
func loginServer(f *fake) {
	const want = "good"
	f.handle(pUser, func(w http.ResponseWriter, r *http.Request) {
		if ck, err := r.Cookie("SESSDATA"); err == nil && ck.Value == want {
			reply(w, 0, `{"is_login":true,"mid":42,"uname":"Ann"}`)
			return
		}
		reply(w, 0, `{"is_login":false}`)
	})
}

func setSess(v string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "SESSDATA", Value: v, Path: "/", HttpOnly: true})
		w.WriteHeader(http.StatusNoContent)
	}
}

func TestCompleteSSOTargets(t *testing.T) {
	f := newFake(t)
	evil := newFake(t) // a host outside the trusted set
	c := newClient(t, f)
	f.handle(pSSO, replyWith(0, fmt.Sprintf(`{"sso":["/sso/a", %q, %q, "https://evil.example/x", 7, "", "/sso/fail", %q]}`,
		f.srv.URL+"/sso/b", evil.srv.URL+"/steal", f.srv.URL+"/sso/redir")))
	f.handle("/sso/fail", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) })
	f.handle("/sso/a", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "a", Value: "1", Path: "/"})
	})
	f.handle("/sso/b", setSess("good"))
	f.handle("/sso/redir", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.srv.URL+"/redirected", http.StatusFound)
	})
	evil.handle("/steal", setSess("bad"))
	loginServer(f)

	s, err := c.Complete(bg, Confirmation{Mid: 42}, "en_US")
	if err != nil {
		t.Fatal(err)
	}
	if s.Mid != 42 || s.Name != "Ann" {
		t.Fatalf("account %+v", s.Account)
	}
	if n := len(evil.requests()); n != 0 {
		t.Fatalf("untrusted host got %d requests", n)
	}
	for _, p := range []string{"/sso/a", "/sso/b", "/sso/fail", "/sso/redir"} {
		if f.count(p) != 1 {
			t.Errorf("%s requested %d times; paths %v", p, f.count(p), f.paths())
		}
	}
	if _, ok := cookieNamed(s.Cookies, "a"); !ok {
		t.Fatalf("session cookies %v", s.Cookies)
	}
	if ck, _ := cookieNamed(s.Cookies, "SESSDATA"); ck.Value != "good" || !ck.HTTPOnly {
		t.Fatalf("SESSDATA %+v", ck)
	}
}

func TestCompleteFollowsGoURLAfterMinus101(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	var mu sync.Mutex
	followed := false
	f.handle(pSSO, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if !followed {
			reply(w, -101, "null")
			return
		}
		reply(w, 0, `{"sso":["/sso/a"]}`)
	})
	f.handle("/go", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/go2", http.StatusSeeOther)
	})
	f.handle("/go2", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		followed = true
		mu.Unlock()
		setSess("good")(w, r)
	})
	f.handle("/sso/a", func(http.ResponseWriter, *http.Request) {})
	loginServer(f)

	if _, err := c.Complete(bg, Confirmation{GoURL: f.srv.URL + "/go"}, "en_US"); err != nil {
		t.Fatal(err)
	}
	want := []string{pUser, pSSO, "/go", "/go2", pSSO, "/sso/a", pUser}
	if got := f.paths(); !slices.Equal(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
}

// When SSO did not log in, a trusted go_url is followed once and the
// session verified again; a relative go_url resolves on the passport host.
func TestCompleteGoURLFallbackAfterVerify(t *testing.T) {
	for _, goURL := range []string{"/go", "FULL"} {
		f := newFake(t)
		c := newClient(t, f)
		if goURL == "FULL" {
			goURL = f.srv.URL + "/go"
		}
		f.handle(pSSO, replyWith(0, `{"sso":[]}`))
		f.handle("/go", setSess("good"))
		loginServer(f)
		if _, err := c.Complete(bg, Confirmation{GoURL: goURL}, "en_US"); err != nil {
			t.Fatal(err)
		}
		want := []string{pUser, pSSO, pUser, "/go", pUser}
		if got := f.paths(); !slices.Equal(got, want) {
			t.Fatalf("requests %v, want %v", got, want)
		}
	}
}

func TestCompleteNotLoggedIn(t *testing.T) {
	f := newFake(t)
	evil := newFake(t)
	c := newClient(t, f)
	f.handle(pSSO, replyWith(-101, ""))
	evil.handle("/go", setSess("good"))
	loginServer(f)
	for _, goURL := range []string{"", evil.srv.URL + "/go", "https://evil.example/go", "javascript:alert(1)",
		"//evil.example/go", "https://user@www.bilibili.tv:8443/x"} {
		_, err := c.Complete(bg, Confirmation{GoURL: goURL}, "en_US")
		if !errors.Is(err, ErrNotLoggedIn) {
			t.Fatalf("go_url %q: err = %v", goURL, err)
		}
	}
	if n := len(evil.requests()); n != 0 {
		t.Fatalf("untrusted go_url requested %d times", n)
	}
	for _, r := range f.requests() {
		if r.Path != pSSO && r.Path != pUser {
			t.Fatalf("unexpected request %s", r.Path)
		}
	}

	// Other verify codes are errors of their own.
	f.handle(pUser, replyWith(-404, ""))
	var ae *APIError
	if _, err := c.Complete(bg, Confirmation{}, "en_US"); !errors.As(err, &ae) || ae.Code != -404 {
		t.Fatalf("err = %v", err)
	}
}

// go_url in dorothy's shape carries the cookies themselves: they are imported
// without requesting anything untrusted.
func TestCompleteImportsGoURLCookiePairs(t *testing.T) {
	for _, tc := range []struct{ name, goURL string }{
		{"url query", "https://evil.example/crossDomain?DedeUserID=42&DedeUserID__ckMd5=ab12&Expires=15551000&SESSDATA=abc%2C1700000000%2Cx1*11&bili_jct=jct&gourl=https%3A%2F%2Fwww.bilibili.tv"},
		{"cookie string", "SESSDATA=abc%2C1700000000%2Cx1*11; bili_jct=jct; DedeUserID=42"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			f, c := newProdFake(t, clock.Now)
			f.handle("passport.bilibili.tv"+pSSO, replyWith(-101, ""))
			f.handle("api.bilibili.tv"+pUser, func(w http.ResponseWriter, r *http.Request) {
				ck := r.Header.Get("Cookie")
				if strings.Contains(ck, "SESSDATA=abc%2C1700000000%2Cx1*11") && strings.Contains(ck, "bili_jct=jct") {
					reply(w, 0, `{"is_login":true,"mid":"42"}`)
					return
				}
				reply(w, -101, "")
			})
			s, err := c.Complete(bg, Confirmation{GoURL: tc.goURL}, "en_US")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range f.requests() {
				if r.Host != "passport.bilibili.tv" && r.Host != "api.bilibili.tv" {
					t.Fatalf("requested %s%s", r.Host, r.Path)
				}
			}
			if s.Mid != 42 {
				t.Fatalf("mid %d", s.Mid)
			}
			ck, ok := cookieNamed(s.Cookies, "SESSDATA")
			if !ok || ck.Domain != "bilibili.tv" || ck.HostOnly || ck.Path != "/" || !ck.Secure {
				t.Fatalf("SESSDATA %+v", ck)
			}
			if _, ok := cookieNamed(s.Cookies, "gourl"); ok {
				t.Fatal("non-cookie parameter imported")
			}
			if tc.name == "url query" && !ck.Expires.Equal(clock.Now().Add(15551000e9)) {
				t.Fatalf("expires %v", ck.Expires)
			}
		})
	}
}

// A Set-Cookie from the server wins over a pair in go_url.
func TestGoURLPairsDoNotOverrideSetCookie(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	host, _, _ := strings.Cut(strings.TrimPrefix(f.srv.URL, "http://"), ":")
	c.LoadCookies([]Cookie{{Name: "SESSDATA", Value: "fromserver", Domain: host, HostOnly: true, Path: "/"}})
	c.importGoURLCookies("SESSDATA=fromurl; bili_jct=j")
	got := map[string]string{}
	for _, ck := range c.Cookies() {
		got[ck.Name] = ck.Value
		if ck.Domain != host || !ck.HostOnly {
			t.Fatalf("cookie %+v", ck)
		}
	}
	if got["SESSDATA"] != "fromserver" || got["bili_jct"] != "j" {
		t.Fatalf("cookies %v", got)
	}
}

// A verify reply that rotates the cookies is verified once more.
func TestVerifyReverifiesRotatedCookies(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	calls := 0
	var mu sync.Mutex
	f.handle(pUser, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "SESSDATA", Value: "v" + strconv.Itoa(n), Path: "/"})
		reply(w, 0, `{"is_login":true}`)
	})
	if _, err := c.Verify(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 2 || headerWithoutDevice(reqs[1].Header.Get("Cookie")) != "SESSDATA=v1" {
		t.Fatalf("requests %d, second cookie %q", len(reqs), reqs[len(reqs)-1].Header.Get("Cookie"))
	}
}

func TestVerifyReplies(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	for _, tc := range []struct {
		body     string
		mid      int64
		name     string
		notLogin bool
		api      bool
		odd      bool // code 0 without a usable is_login: inconclusive
	}{
		{`{"code":0,"data":{"is_login":true,"name":"A","uname":"B"}}`, 0, "A", false, false, false},
		{`{"code":0,"data":{"is_login":true,"uname":"B"}}`, 0, "B", false, false, false},
		{`{"code":0,"data":{"is_login":true,"nickname":"C","mid":"77"}}`, 77, "C", false, false, false},
		{`{"code":0,"data":{"is_login":true,"user":{"name":"D","mid":78}}}`, 78, "D", false, false, false},
		{`{"code":0,"data":{"is_login":true,"profile":{"name":"E"}}}`, 0, "E", false, false, false},
		{`{"code":0,"data":{"is_login":true,"user_info":{"uname":"F"}}}`, 0, "F", false, false, false},
		{`{"code":0,"data":{"is_login":true,"name":"","uname":5,"nickname":"\u001b]0;pwn\u0007G\u202e"}}`, 0, "G", false, false, false},
		{`{"code":0,"data":{"is_login":true,"name":"` + strings.Repeat("ж", 100) + `"}}`, 0, strings.Repeat("ж", 63) + "…", false, false, false},
		{`{"code":0,"data":{"is_login":false,"name":"A"}}`, 0, "", true, false, false},
		{`{"code":0,"data":{"is_login":"true"}}`, 0, "", false, false, true},
		{`{"code":0,"data":{"is_login":1}}`, 0, "", false, false, true},
		{`{"code":0,"data":{}}`, 0, "", false, false, true},
		{`{"code":0,"data":null}`, 0, "", false, false, true},
		{`{"code":0}`, 0, "", false, false, true},
		{`{"code":-101,"message":"not logged in"}`, 0, "", true, false, false},
		{`{"code":-404,"data":{"is_login":true}}`, 0, "", false, true, false},
		{`{"code":10004005,"message":"login required"}`, 0, "", true, false, false},
		// The site's bundle: premium needed and "no buvid device id" say nothing of the
		// session: inconclusive, never ErrNotLoggedIn.
		{`{"code":10004004,"message":"premium"}`, 0, "", false, true, false},
		{`{"code":10023006,"message":"buvid"}`, 0, "", false, true, false},
		// The site's bundle reads nickname first.
		{`{"code":0,"data":{"is_login":true,"uname":"B","nickname":"N"}}`, 0, "N", false, false, false},
	} {
		f.handle(pUser, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, tc.body) })
		acct, err := c.Verify(bg, "en_US")
		var ae *APIError
		switch {
		case tc.notLogin:
			if !errors.Is(err, ErrNotLoggedIn) {
				t.Errorf("%s: err = %v, want ErrNotLoggedIn", tc.body, err)
			}
		case tc.api:
			if !errors.As(err, &ae) || errors.Is(err, ErrNotLoggedIn) {
				t.Errorf("%s: err = %v, want APIError", tc.body, err)
			}
		case tc.odd:
			var ue *UnexpectedReplyError
			if !errors.As(err, &ue) || errors.Is(err, ErrNotLoggedIn) {
				t.Errorf("%s: err = %v, want an inconclusive UnexpectedReplyError", tc.body, err)
			}
		case err != nil || acct.Mid != tc.mid || acct.Name != tc.name:
			t.Errorf("%s: got %+v, %v; want mid %d name %q", tc.body, acct, err, tc.mid, tc.name)
		}
	}
}

func TestRedirectLimits(t *testing.T) {
	f := newFake(t)
	evil := newFake(t)
	c := newClient(t, f)
	f.handle("/hop", func(w http.ResponseWriter, r *http.Request) {
		k, _ := strconv.Atoi(r.URL.Query().Get("k"))
		if k == 0 {
			http.Redirect(w, r, "/final", http.StatusTemporaryRedirect)
			return
		}
		codes := []int{301, 302, 303, 307, 308}
		http.Redirect(w, r, "/hop?k="+strconv.Itoa(k-1), codes[k%len(codes)])
	})
	f.handle("/final", func(http.ResponseWriter, *http.Request) {})
	f.handle("/to-evil", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.srv.URL+"/x", http.StatusFound)
	})
	f.handle("/to-userinfo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://user:pw@"+strings.TrimPrefix(f.srv.URL, "http://")+"/final")
		w.WriteHeader(http.StatusFound)
	})
	f.handle("/no-location", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusFound) })
	follow := func(path string) error {
		u, _ := url.Parse(f.srv.URL + path)
		return c.follow(bg, "test", u, "en_US")
	}

	// 8 redirects: the final page is reached.
	if err := follow("/hop?k=7"); err != nil || f.count("/final") != 1 || f.count("/hop") != 8 {
		t.Fatalf("8 hops: %v, final %d, hops %d", err, f.count("/final"), f.count("/hop"))
	}
	// 9 redirects: the ninth Location is never requested.
	var ue *UnexpectedReplyError
	if err := follow("/hop?k=8"); !errors.As(err, &ue) || f.count("/final") != 1 || f.count("/hop") != 8+9 {
		t.Fatalf("9 hops: %v, final %d, hops %d", err, f.count("/final"), f.count("/hop"))
	}
	for _, p := range []string{"/to-evil", "/to-userinfo", "/no-location"} {
		if err := follow(p); !errors.As(err, &ue) {
			t.Fatalf("%s: err = %v", p, err)
		}
	}
	if len(evil.requests()) != 0 || f.count("/final") != 1 {
		t.Fatal("untrusted redirect target was requested")
	}
	// A start URL outside the trusted set is refused before any request.
	u, _ := url.Parse(evil.srv.URL + "/x")
	if err := c.follow(bg, "test", u, "en_US"); !errors.As(err, &ue) || len(evil.requests()) != 0 {
		t.Fatalf("untrusted start: %v", err)
	}
}

// Extra trusted hosts (tests) are honoured, with or without a port.
func TestTrustedHostsOption(t *testing.T) {
	f := newFake(t)
	other := newFake(t)
	other.handle("/x", func(http.ResponseWriter, *http.Request) {})
	hostPort := strings.TrimPrefix(other.srv.URL, "http://")
	host, _, _ := strings.Cut(hostPort, ":")
	for _, entry := range []string{hostPort, host} {
		c := newClient(t, f, func(o *Options) { o.TrustedHosts = []string{entry} })
		u, _ := url.Parse(other.srv.URL + "/x")
		if err := c.follow(bg, "test", u, "en_US"); err != nil {
			t.Fatalf("entry %q: %v", entry, err)
		}
	}
	if other.count("/x") != 2 {
		t.Fatalf("trusted extra host requested %d times", other.count("/x"))
	}
}
