package passport

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// withoutDevice drops the buvid3 a client makes, for tests about the others.
func withoutDevice(cs []Cookie) []Cookie {
	var out []Cookie
	for _, ck := range cs {
		if ck.Name != DeviceCookie {
			out = append(out, ck)
		}
	}
	return out
}

// headerWithoutDevice drops the buvid3 pair from a Cookie header.
func headerWithoutDevice(h string) string {
	var parts []string
	for _, p := range strings.Split(h, "; ") {
		if !strings.HasPrefix(p, DeviceCookie+"=") {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// The site's format, from known bytes: the version and variant bits set,
// the next two bytes as a decimal integer, then "infoc".
func TestDeviceIDFormat(t *testing.T) {
	seq := make([]byte, 18)
	for i := range seq {
		seq[i] = byte(i)
	}
	got, err := newDeviceID(bytes.NewReader(seq))
	if want := "00010203-0405-4607-8809-0a0b0c0d0e0f4113infoc"; err != nil || got != want {
		t.Fatalf("newDeviceID = %q, %v; want %q", got, err, want)
	}
	all := bytes.Repeat([]byte{0xff}, 18)
	if got, _ := newDeviceID(bytes.NewReader(all)); got != "ffffffff-ffff-4fff-bfff-ffffffffffff65535infoc" {
		t.Fatalf("all ones: %q", got)
	}
	for i := 0; i < 200; i++ {
		v, err := newDeviceID(rand.Reader)
		if err != nil || !WellFormedDevice(v) {
			t.Fatalf("random buvid3 %q (%v) is not in the site's format", v, err)
		}
	}
	for _, bad := range []string{"", "infoc", "00010203-0405-4607-8809-0a0b0c0d0e0f65536infoc",
		"00010203-0405-1607-8809-0a0b0c0d0e0f1infoc", "00010203-0405-4607-8809-0A0B0C0D0E0F1infoc",
		"00010203-0405-4607-8809-0a0b0c0d0e0finfoc"} {
		if WellFormedDevice(bad) {
			t.Errorf("%q taken as well formed", bad)
		}
	}
	if _, err := newDeviceID(bytes.NewReader(seq[:10])); err == nil {
		t.Error("a short read made an id")
	}
}

// In production the buvid3 is set as the site sets it: on .bilibili.tv,
// Path=/, 365 days, not HttpOnly; and it goes with the first ticket request.
func TestDeviceSentFromTheFirstRequest(t *testing.T) {
	clock := newClock()
	f, c := newProdFake(t, clock.Now)
	c.rand = bytes.NewReader(bytes.Repeat([]byte{7}, 18))
	f.handle("passport.bilibili.tv"+pTicket, replyWith(0, `{"qr_url":"https://www.bilibili.tv/h5/en/qrcode/login?ticket=t1"}`))
	if _, err := c.RequestTicket(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	const want = "07070707-0707-4707-8707-070707070707" + "1799" + "infoc"
	if got := f.requests()[0].Header.Get("Cookie"); got != DeviceCookie+"="+want {
		t.Fatalf("first request's Cookie %q, want the buvid3 %q", got, want)
	}
	ck, ok := cookieNamed(c.Cookies(), DeviceCookie)
	wantCk := Cookie{Name: DeviceCookie, Value: want, Domain: "bilibili.tv", Path: "/",
		Expires: clock.Now().Add(365 * 24 * time.Hour).UTC()}
	if !ok || ck != wantCk {
		t.Fatalf("buvid3 cookie %#v, want %#v", ck, wantCk)
	}
}

// A buvid3 a saved session brings, or one a reply sets, is kept and sent;
// none is made beside it.
func TestDeviceKeptNeverReplaced(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	c.LoadCookies([]Cookie{{Name: DeviceCookie, Value: "saved", Path: "/"}})
	f.handle(pUser, replyWith(0, `{"is_login":false}`))
	_, _ = c.Verify(bg, "en_US")
	if got := f.requests()[0].Header.Get("Cookie"); got != "buvid3=saved" {
		t.Fatalf("sent %q, want the saved buvid3 only", got)
	}

	f2 := newFake(t)
	c2 := newClient(t, f2)
	f2.handle(pTicket, func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: DeviceCookie, Value: "server", Path: "/"})
		reply(w, 0, `{"qr_url":"https://www.bilibili.tv/h5/en/qrcode/login?ticket=t1"}`)
	})
	f2.handle(pUser, replyWith(0, `{"is_login":false}`))
	if _, err := c2.RequestTicket(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	_, _ = c2.Verify(bg, "en_US")
	if got := f2.requests()[1].Header.Get("Cookie"); got != "buvid3=server" {
		t.Fatalf("after the server set its own, sent %q", got)
	}
	if n := len(c2.Cookies()); n != 1 {
		t.Fatalf("cookies %v", c2.Cookies())
	}
}

// No randomness, no invented cookie: the request still goes.
func TestDeviceWithoutRandomness(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, func(o *Options) { o.Rand = bytes.NewReader(nil) })
	f.handle(pUser, replyWith(0, `{"is_login":true}`))
	if _, err := c.Verify(bg, "en_US"); err != nil {
		t.Fatal(err)
	}
	if got := f.requests()[0].Header.Get("Cookie"); got != "" {
		t.Fatalf("sent %q", got)
	}
}

// Logout sends csrf only when a bili_jct exists, as the site does, and
// always an empty form body.
func TestLogoutCSRFOnlyWithBiliJct(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cookies []Cookie
		csrf    []string
	}{
		{"with bili_jct", []Cookie{{Name: "SESSDATA", Value: "s"}, {Name: "bili_jct", Value: "j1"}}, []string{"j1"}},
		{"without", []Cookie{{Name: "SESSDATA", Value: "s"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			c := newClient(t, f)
			c.LoadCookies(tc.cookies)
			var body string
			f.handle(pExit, func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				body = string(b)
				reply(w, 0, "")
			})
			if err := c.Logout(bg, "en_US"); err != nil {
				t.Fatal(err)
			}
			q := f.requests()[0].Query
			if got := q["csrf"]; !slices.Equal(got, tc.csrf) {
				t.Fatalf("csrf %q, want %q (query %v)", got, tc.csrf, q)
			}
			if body != "" {
				t.Fatalf("form body %q", body)
			}
		})
	}
}
