package passport

import (
	"net/http"
	"net/url"
	"testing"
)

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.0.0.2:4567": true, "127.255.255.254": true, "localhost": true, "LOCALHOST:80": true,
		"::1": true, "[::1]:9": true, "localhost.": true,
		"128.0.0.1": false, "10.0.0.1": false, "bilibili.tv": false, "localhost.evil.example": false,
		"": false, "::": false, "127.0.0.1.evil.example": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestTrustedURL(t *testing.T) {
	c, err := New(Options{
		PassportURL:  "http://127.0.0.1:4000",
		APIURL:       "https://staging.example:8443",
		TrustedHosts: []string{"127.0.0.2:4567", "127.0.0.3", "[::1]:9"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]bool{
		"https://passport.bilibili.tv/x":     true,
		"https://bilibili.tv/":               true,
		"https://a.b.biliintl.com/sso":       true,
		"https://WWW.BILIBILI.TV:443/":       true,
		"https://www.bilibili.tv:8443/":      false,
		"http://www.bilibili.tv/":            false,
		"https://user@www.bilibili.tv/":      false,
		"https://user:pw@www.bilibili.tv/":   false,
		"https://bilibili.tv.evil.example/":  false,
		"https://evilbilibili.tv/":           false,
		"https://bilibili.com/":              false,
		"ftp://www.bilibili.tv/":             false,
		"javascript:alert(1)":                false,
		"/relative":                          false,
		"http://127.0.0.1:4000/a":            true,
		"http://127.0.0.1:4001/a":            false,
		"https://staging.example:8443/x":     true,
		"https://staging.example/x":          false,
		"http://staging.example:8443/x":      false,
		"http://127.0.0.2:4567/":             true,
		"http://127.0.0.2:4568/":             false,
		"http://127.0.0.3:1/":                true,
		"https://127.0.0.3/":                 true,
		"http://[::1]:9/":                    true,
		"http://[::1]:10/":                   false,
		"http://user@127.0.0.1:4000/":        false,
		"https://sub.staging.example:8443/x": false,
	} {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.trust.trustedURL(u); got != want {
			t.Errorf("trustedURL(%q) = %v, want %v", s, got, want)
		}
	}
	for d, want := range map[string]bool{
		"bilibili.tv": true, "api.bilibili.tv": true, "biliintl.com": true, "tv": false, "com": false,
		"127.0.0.1": true, "127.0.0.2": true, "0.0.1": false, "staging.example": true, "a.staging.example": true,
		"example": false, "bilibili.com": false, "": false,
	} {
		if got := c.trust.trustedCookieDomain(d); got != want {
			t.Errorf("trustedCookieDomain(%q) = %v, want %v", d, got, want)
		}
	}
}

// The last line of defence: whatever a caller asks, send never contacts a
// host outside the trusted set (the callers filter too, so only this test
// reaches it with an untrusted URL).
func TestSendRefusesUntrustedHosts(t *testing.T) {
	f := newFake(t)
	evil := newFake(t)
	c := newClient(t, f)
	for _, raw := range []string{evil.srv.URL + "/x", "https://evil.example/x", "http://bilibili.tv.evil.example/x"} {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.send(bg, "test", http.MethodGet, u, "en_US"); err == nil {
			t.Errorf("%s: sent", raw)
		}
	}
	if n := len(evil.requests()); n != 0 {
		t.Fatalf("the untrusted host got %d requests", n)
	}
}
