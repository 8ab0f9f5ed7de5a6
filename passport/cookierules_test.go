package passport

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The rules for what biliqr keeps hold for every cookie, wherever it came
// from: one over MaxCookieBytes is dropped with a note, one past its expiry
// is dropped, one past the year 9999 is clamped to MaxExpiry — for a
// Set-Cookie, a poll's cookie_info, and a saved device cookie alike.
func TestEveryCookieFollowsTheSameRules(t *testing.T) {
	clock := newClock()
	f, c := newProdFake(t, clock.Now)
	big := strings.Repeat("x", 6000)
	past := clock.Now().Add(-time.Hour).Unix()
	f.handle("passport.bilibili.tv"+pPoll, pollSets(fmt.Sprintf(`{"cookie_info":{"cookies":[
		{"name":"SESSDATA","value":"s","expires":9223372036854775807},
		{"name":"big","value":%q},
		{"name":"gone","value":"g","expires":%d}],
		"domains":[".bilibili.tv"]}}`, big, past)))
	if r, err := c.PollQR(bg, Ticket{ID: "t1"}, "en_US"); err != nil || r.Status != Confirmed {
		t.Fatalf("poll: %v %v", r.Status, err)
	}
	c.LoadCookies([]Cookie{{Name: "buvid3", Value: strings.Repeat("b", 5000), Domain: "bilibili.tv", Path: "/"}})
	got := map[string]Cookie{}
	for _, ck := range c.Cookies() {
		got[ck.Name] = ck
	}
	if ck, ok := got["SESSDATA"]; !ok || !ck.Expires.Equal(MaxExpiry) {
		t.Errorf("SESSDATA %v (kept %v), want it to expire at %v", ck.Expires, ok, MaxExpiry)
	}
	for _, name := range []string{"big", "gone"} {
		if _, ok := got[name]; ok {
			t.Errorf("cookie %q was kept", name)
		}
	}
	if ck, ok := got["buvid3"]; ok && len(ck.Value) == 5000 {
		t.Error("the 5000-byte buvid3 was adopted")
	}
	if d := strings.Join(c.DroppedCookies(), ","); !strings.Contains(d, "big") || !strings.Contains(d, "buvid3") {
		t.Errorf("DroppedCookies = %q, want big and buvid3 named", d)
	}
}
