package passport_test

import (
	"context"
	"errors"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

func fakeClient(t *testing.T, o passporttest.Options) (*passporttest.Server, *passport.Client) {
	t.Helper()
	o.PlainHTTP = true
	srv := passporttest.New(o)
	t.Cleanup(srv.Close)
	c, err := passport.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// A reply whose header is broken arrived: it is an unexpected reply, asked
// again like any garbled one, not "the server could not be reached".
func TestMalformedHeadersAreUnexpectedReplies(t *testing.T) {
	for _, fault := range []passporttest.FaultKind{passporttest.BadHeader, passporttest.HugeHeaders} {
		srv, c := fakeClient(t, passporttest.Options{})
		srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointTicket, Kind: fault})
		_, err := c.RequestTicket(context.Background(), "en_US")
		if k := passport.KindOf(err); k != passport.KindUnexpected || !passport.Retryable(err) {
			t.Errorf("fault %d: %v: kind %v, retryable %v; want unexpected_reply, retried", fault, err, k, passport.Retryable(err))
		}
	}
}

// A confirmed login that brings no session cookie is said as such
// (no_session), never handed on as a session with nothing in it.
func TestConfirmedWithoutSession(t *testing.T) {
	for name, o := range map[string]passporttest.Options{
		"no cookie, gateway says is_login": {ConfirmWithoutCookies: true},
		"3,001 Set-Cookie headers":         {CookieFlood: 3001},
	} {
		srv, c := fakeClient(t, o)
		ctx := context.Background()
		tk, err := c.RequestTicket(ctx, "en_US")
		if err != nil {
			t.Fatal(err)
		}
		srv.Confirm()
		r, err := c.PollQR(ctx, tk, "en_US")
		if err != nil || r.Status != passport.Confirmed {
			t.Fatalf("%s: poll %v %v", name, r.Status, err)
		}
		s, err := c.Complete(ctx, r.Confirmation, "en_US")
		if !errors.Is(err, passport.ErrNoSessionSent) || passport.KindOf(err) != passport.KindNoSession || passport.Retryable(err) {
			t.Errorf("%s: Complete = %d cookies, %v (kind %v); want ErrNoSessionSent", name, len(s.Cookies), err, passport.KindOf(err))
		}
	}
}

// An insecure link on the service's own host says which part is wrong:
// the scheme, the user info; the host is not called unexpected.
func TestTicketSaysWhatIsUntrusted(t *testing.T) {
	for _, tc := range []struct {
		scheme, host string
		wantScheme   string
		wantUserInfo bool
		hostTrusted  bool
	}{
		{"http", "www.bilibili.tv", "http", false, true},
		{"data", "www.bilibili.tv", "data", false, true},
		{"https", "user:pw@www.bilibili.tv", "", true, true},
		{"http", "user@www.bilibili.tv", "http", true, true},
		{"https", "evil.example", "", false, false},
	} {
		_, c := fakeClient(t, passporttest.Options{QRURLScheme: tc.scheme, QRURLHost: tc.host})
		tk, err := c.RequestTicket(context.Background(), "en_US")
		if err != nil {
			t.Fatalf("%s://%s: %v", tc.scheme, tc.host, err)
		}
		if tk.Trusted || tk.InsecureScheme != tc.wantScheme || tk.UserInfo != tc.wantUserInfo || tk.HostTrusted != tc.hostTrusted {
			t.Errorf("%s://%s: trusted %v, scheme %q, user info %v, host trusted %v; want false, %q, %v, %v",
				tc.scheme, tc.host, tk.Trusted, tk.InsecureScheme, tk.UserInfo, tk.HostTrusted, tc.wantScheme, tc.wantUserInfo, tc.hostTrusted)
		}
	}
}
