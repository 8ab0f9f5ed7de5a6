package passport

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// floodCookieInfo is a cookie_info listing n cookies and n domains, as
// small as JSON allows: the session's SESSDATA first, then c1…; the
// site's domain first, then trusted subdomains and untrusted look-alikes.
// n = 3000 is the 87 KB reply that once built 9 million cookies.
func floodCookieInfo(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"cookies":[{"name":"SESSDATA","value":"s"}`)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, `,{"name":"c%d","value":"1"}`, i)
	}
	b.WriteString(`],"domains":[".bilibili.tv"`)
	for i := 1; i < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, `,"d%d.bilibili.tv"`, i)
		} else {
			fmt.Fprintf(&b, `,"d%d.x"`, i)
		}
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// A cookie_info of 3,000 cookies × 3,000 domains is read in memory bounded
// by the reply's size (a few times it), not by the product: the first 32
// distinct names go to the first 8 distinct trusted domains; the session's
// cookie is among them.
func TestCookieInfoFloodBoundedMemory(t *testing.T) {
	info := floodCookieInfo(3000)
	_, c := newProdFake(t, newClock().Now)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.loadBodyCookies(info)
	runtime.ReadMemStats(&after)
	got := after.TotalAlloc - before.TotalAlloc
	if limit := 16 * uint64(len(info)); got > limit {
		t.Errorf("reading a %d-byte cookie_info allocated %d bytes, over %d", len(info), got, limit)
	}
	kept := withoutDevice(c.Cookies())
	if len(kept) > maxBodyCookies*maxBodyDomains {
		t.Errorf("kept %d cookies, over %d", len(kept), maxBodyCookies*maxBodyDomains)
	}
	if ck, ok := cookieNamed(kept, "SESSDATA"); !ok || ck.Domain != "bilibili.tv" {
		t.Errorf("the session's cookie was not kept on bilibili.tv: %v", ck)
	}
	for _, ck := range kept {
		if strings.HasSuffix(ck.Domain, ".x") {
			t.Fatalf("a cookie for an untrusted domain: %v", ck.Domain)
		}
	}
	t.Logf("%d-byte reply: %d bytes allocated, %d cookies kept", len(info), got, len(kept))
}

// BenchmarkLoadBodyCookiesFlood: the hostile reply's cost, per read.
func BenchmarkLoadBodyCookiesFlood(b *testing.B) {
	info := floodCookieInfo(3000)
	b.SetBytes(int64(len(info)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c.loadBodyCookies(info)
	}
}
