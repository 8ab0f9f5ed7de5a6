package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// fakeLogin logs in against a fake and returns a fresh client for it (as
// -logout has) and the session.
func fakeLogin(t *testing.T) (*passporttest.Server, func() *passport.Client, passport.Session) {
	t.Helper()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	client := func() *passport.Client {
		c, err := passport.New(srv.ClientOptions())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	s, err := passporttest.LoginOnce(srv)
	if err != nil {
		t.Fatal(err)
	}
	return srv, client, s
}

func logouts(srv *passporttest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == passporttest.EndpointLogout {
			n++
		}
	}
	return n
}

// When no saved cookie applies to the logout request, nothing is sent,
// nothing removed, and Logout says so: cookies whose path is not the
// request's, and host-only cookies of another host (the API host only, as
// a browser export for one host gives).
func TestLogoutNothingWouldBeSent(t *testing.T) {
	srv, client, s := fakeLogin(t)
	host := strings.Split(strings.TrimPrefix(srv.PassportURL(), "http://"), ":")[0]
	for _, tc := range []struct {
		name   string
		change func(c *passport.Cookie)
	}{
		{"Path=/intl", func(c *passport.Cookie) { c.Path = "/intl" }},
		{"host-only on the API host", func(c *passport.Cookie) { c.Domain, c.HostOnly = "api.bilibili.tv", true }},
		{"Path=/intl on bilibili.tv", func(c *passport.Cookie) { c.Domain, c.Path = "bilibili.tv", "/intl" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			moved := s
			moved.Cookies = nil
			for _, c := range s.Cookies {
				tc.change(&c)
				moved.Cookies = append(moved.Cookies, c)
			}
			p := filepath.Join(t.TempDir(), "cookies.txt")
			if err := WriteFile(p, moved, Netscape); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(p)
			removed, err := Logout(context.Background(), client(), p, "en_US")
			if !errors.Is(err, ErrNothingSent) || removed {
				t.Fatalf("Logout: %v (removed %v), want ErrNothingSent", err, removed)
			}
			checkContent(t, p, string(before))
			if n := logouts(srv); n != 0 {
				t.Fatalf("%d logout requests sent", n)
			}
		})
	}
	// The same cookies on the passport host's own path are sent.
	t.Run("Path=/x/intl applies", func(t *testing.T) {
		moved := s
		moved.Cookies = nil
		for _, c := range s.Cookies {
			c.Path, c.Domain, c.HostOnly = "/x/intl", host, true
			moved.Cookies = append(moved.Cookies, c)
		}
		p := filepath.Join(t.TempDir(), "cookies.txt")
		must(t, WriteFile(p, moved, Netscape))
		if removed, err := Logout(context.Background(), client(), p, "en_US"); err != nil || !removed {
			t.Fatalf("Logout: %v, removed %v", err, removed)
		}
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			t.Fatal("the file is still there")
		}
	})
}

// In a shared jar, a logout takes out only the session's lines.
func TestLogoutSharedJar(t *testing.T) {
	srv, client, s := fakeLogin(t)
	p := filepath.Join(t.TempDir(), "cookies.txt")
	must(t, os.WriteFile(p, []byte(sharedJar), 0o600))
	c := client()
	if err := Save(p, s, Netscape, c.TrustsCookieDomain); err != nil {
		t.Fatal(err)
	}
	removed, err := Logout(context.Background(), c, p, "en_US")
	if err != nil || removed || logouts(srv) != 1 {
		t.Fatalf("Logout: %v, removed %v, %d requests", err, removed, logouts(srv))
	}
	data, _ := os.ReadFile(p)
	for _, l := range otherLines(sharedJar) {
		if !strings.Contains(string(data), l) {
			t.Errorf("lost %q", l)
		}
	}
	if strings.Contains(string(data), "SESSDATA") || strings.Contains(string(data), writtenByPrefix) {
		t.Errorf("the session is still there:\n%s", data)
	}
}

// The server did not confirm: the file stays. It confirmed but the file
// cannot be taken out: that is said (EndedError), the file stays.
func TestLogoutKeepsFile(t *testing.T) {
	srv, client, s := fakeLogin(t)
	p := filepath.Join(t.TempDir(), "cookies.txt")
	must(t, WriteFile(p, s, Netscape))
	before, _ := os.ReadFile(p)
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointLogout, Kind: passporttest.HTTPStatus, Status: 403})
	if _, err := Logout(context.Background(), client(), p, "en_US"); err == nil {
		t.Fatal("Logout succeeded on HTTP 403")
	}
	checkContent(t, p, string(before))

	must(t, os.Mkdir(p+".lock", 0o700)) // the lock cannot be taken: the removal fails
	_, err := Logout(context.Background(), client(), p, "en_US")
	var ended *EndedError
	if !errors.As(err, &ended) || !strings.Contains(err.Error(), "ended on the server") {
		t.Fatalf("Logout: %v, want an EndedError", err)
	}
	checkContent(t, p, string(before))
}

// A session whose cookies all expired by date is expired, never corrupt.
func TestExpiredSessionIsExpired(t *testing.T) {
	_, client, s := fakeLogin(t)
	old := s
	old.Cookies = nil
	for _, c := range s.Cookies {
		c.Expires = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
		old.Cookies = append(old.Cookies, c)
	}
	for _, f := range Formats {
		p := filepath.Join(t.TempDir(), "cookies")
		must(t, WriteFile(p, old, f))
		_, err := Check(context.Background(), client(), p, "en_US")
		var exp *ExpiredError
		if f == Header { // a header knows no dates; the server decides
			continue
		}
		if !errors.As(err, &exp) || !errors.Is(err, passport.ErrNotLoggedIn) || errors.Is(err, ErrCorrupt) {
			t.Fatalf("%s: %v, want expired", f, err)
		}
		if !exp.At.Equal(time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: expired at %v", f, exp.At)
		}
	}
}

// Check says when the session ends.
func TestCheckSaysExpiry(t *testing.T) {
	_, client, s := fakeLogin(t)
	p := filepath.Join(t.TempDir(), "cookies.txt")
	must(t, WriteFile(p, s, Netscape))
	a, err := Check(context.Background(), client(), p, "en_US")
	want := passport.SessionExpires(s.Cookies).Truncate(time.Second)
	if err != nil || a.Expires.IsZero() || !a.Expires.Equal(want) {
		t.Fatalf("Check: %+v %v, want expiry %v", a, err, want)
	}
	if !Expiring(a.Expires, 200*24*time.Hour) || Expiring(a.Expires, 14*24*time.Hour) {
		t.Errorf("Expiring is wrong for %v", a.Expires)
	}
}
