package passport

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// What the jar keeps, biliqr can save and read back: a Max-Age or Expires
// past year 9999 is clamped (it used to overflow and drop SESSDATA), and a
// cookie over 4096 bytes of name and value is dropped and named.
func TestJarClampsAndDrops(t *testing.T) {
	clock := newClock()
	ts := newTrustSet()
	j := newJar(ts, clock.Now)
	u, _ := url.Parse("https://passport.bilibili.tv/x/intl/passport-login/web/qrcode/auth/fetch")
	resp := http.Response{Header: http.Header{"Set-Cookie": {
		"SESSDATA=s; Domain=.bilibili.tv; Path=/; Max-Age=9300000000",
		"bili_jct=j; Domain=.bilibili.tv; Path=/; Max-Age=9223372036854775807",
		"DedeUserID=1; Domain=.bilibili.tv; Path=/; Expires=Fri, 31 Dec 9999 23:59:59 GMT",
		"huge=" + strings.Repeat("x", MaxCookieBytes) + "; Domain=.bilibili.tv; Path=/",
		"fits=" + strings.Repeat("x", MaxCookieBytes-len("fits")) + "; Domain=.bilibili.tv; Path=/",
	}}}
	j.setCookies(u, resp.Cookies())
	want := map[string]int64{
		"SESSDATA":   clock.Now().Unix() + 9300000000, // past what a time.Duration holds
		"bili_jct":   MaxExpiry.Unix(),
		"DedeUserID": MaxExpiry.Unix(),
	}
	for name, at := range want {
		c, ok := cookieNamed(j.all(), name)
		if !ok || c.Expires.Unix() != at {
			t.Errorf("%s: expires %v (kept %v), want %v", name, c.Expires, ok, time.Unix(at, 0).UTC())
		}
	}
	if _, ok := cookieNamed(j.all(), "huge"); ok {
		t.Error("a cookie over 4096 bytes was kept")
	}
	if _, ok := cookieNamed(j.all(), "fits"); !ok {
		t.Error("a cookie of exactly 4096 bytes was dropped")
	}
	if len(j.dropped) != 1 || j.dropped[0] != "huge" {
		t.Errorf("dropped = %v", j.dropped)
	}
}
