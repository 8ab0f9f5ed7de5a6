package passport

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"slices"
	"testing"
	"time"
)

// pollSets answers the poll with code 0 and the given Set-Cookie headers,
// the way the site's own flow (PROTOCOL.md §3, the site's bundle) hands
// out the session.
func pollSets(data string, cookies ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for _, c := range cookies {
			w.Header().Add("Set-Cookie", c)
		}
		reply(w, 0, data)
	}
}

// confirm polls once against f and returns the confirmation.
func confirm(t *testing.T, c *Client) Confirmation {
	t.Helper()
	r, err := c.PollQR(bg, Ticket{ID: "t1"}, "en_US")
	if err != nil || r.Status != Confirmed {
		t.Fatalf("poll: %v %v", r.Status, err)
	}
	return r.Confirmation
}

// A session verified straight after the code-0 poll is saved as it is:
// no sso/list, no SSO target and no go_url, even a trusted one.
func TestCompleteVerifiesFirstAndStops(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.handle(pPoll, pollSets(`{"mid":42,"go_url":"/go"}`,
		"SESSDATA=good; Path=/; HttpOnly", "DedeUserID=42; Path=/", "bstar-web-lang=en; Path=/"))
	f.handle("/go", setSess("bad"))
	loginServer(f)
	s, err := c.Complete(bg, confirm(t, c), "en_US")
	if err != nil || !s.Verified() {
		t.Fatalf("Complete: %+v, %v", s, err)
	}
	if got, want := f.paths(), []string{pPoll, pUser}; !slices.Equal(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
	if s.Name != "Ann" || s.Mid != 42 {
		t.Fatalf("account %+v", s.Account)
	}
	// Every cookie a reply set is kept, whatever its name; the only one
	// made here is the site's own device cookie.
	for _, n := range []string{"SESSDATA", "DedeUserID", "bstar-web-lang"} {
		if _, ok := cookieNamed(s.Cookies, n); !ok {
			t.Errorf("%s not kept", n)
		}
	}
	if ck, ok := cookieNamed(s.Cookies, "buvid3"); !ok || !WellFormedDevice(ck.Value) {
		t.Errorf("no buvid3 in the site's format: %v", ck)
	}
	if len(s.Cookies) != 4 {
		t.Errorf("cookies %v: one was invented besides buvid3", s.Cookies)
	}
}

// Verification has three outcomes (PROTOCOL.md §4). Only "logged out" runs
// the fallbacks and throws a login away; an inconclusive answer keeps a
// login whose poll set SESSDATA, marked unverified with its reason.
func TestCompleteThreeOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		user      http.HandlerFunc
		pollSESS  bool // the code-0 poll set SESSDATA
		wantErr   bool
		wantKind  Kind // of Session.Unverified (KindNone: verified)
		fallbacks bool // sso/list was asked
	}{
		{"verified", replyWith(0, `{"is_login":true,"mid":7}`), true, false, KindNone, false},
		{"is_login false", replyWith(0, `{"is_login":false}`), true, true, KindNone, true},
		{"-101", replyWith(-101, ""), true, true, KindNone, true},
		{"10004005", replyWith(10004005, ""), true, true, KindNone, true},
		{"10004004 premium", replyWith(10004004, ""), true, false, KindPremiumNeeded, false},
		{"10023006 device id", replyWith(10023006, ""), true, false, KindDeviceIDNeeded, false},
		{"unknown code", replyWith(777, ""), true, false, KindAPI, false},
		{"HTTP 503", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }, true, false, KindServer, false},
		{"code 0, no is_login", replyWith(0, `{}`), true, false, KindUnexpected, false},
		// Without SESSDATA an inconclusive answer proves nothing: the
		// fallbacks run, and then it is a failure.
		{"10023006 without SESSDATA", replyWith(10023006, ""), false, true, KindNone, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			c := newClient(t, f)
			cookies := []string{"DedeUserID=7; Path=/"}
			if tc.pollSESS {
				cookies = append(cookies, "SESSDATA=s1; Path=/; HttpOnly")
			}
			f.handle(pPoll, pollSets("", cookies...))
			f.handle(pSSO, replyWith(0, `{"sso":[]}`))
			f.handle(pUser, tc.user)
			s, err := c.Complete(bg, confirm(t, c), "en_US")
			if gotSSO := f.count(pSSO) > 0; gotSSO != tc.fallbacks {
				t.Errorf("sso/list asked: %v, want %v (requests %v)", gotSSO, tc.fallbacks, f.paths())
			}
			if tc.wantErr {
				if err == nil {
					t.Fatalf("Complete succeeded: %+v", s)
				}
				return
			}
			if err != nil {
				t.Fatalf("Complete: %v", err)
			}
			if got := KindOf(s.Unverified); got != tc.wantKind {
				t.Fatalf("unverified kind %v, want %v (%v)", got, tc.wantKind, s.Unverified)
			}
			if s.Mid != 7 {
				t.Errorf("mid %d, want 7 from verification or DedeUserID", s.Mid)
			}
			if _, ok := cookieNamed(s.Cookies, "SESSDATA"); !ok {
				t.Error("SESSDATA not kept")
			}
		})
	}
}

// BBDownT's flow stays a fallback: a poll that sets nothing, a gateway that says
// -101, sso/list and its target that set the session, verified after.
func TestCompleteFallbackWhenLoggedOut(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.handle(pPoll, pollSets(`{"mid":42}`))
	f.handle(pSSO, replyWith(0, `{"sso":["/sso/a"]}`))
	f.handle("/sso/a", setSess("good"))
	loginServer(f)
	s, err := c.Complete(bg, confirm(t, c), "en_US")
	if err != nil || !s.Verified() {
		t.Fatalf("Complete: %+v, %v", s, err)
	}
	if got, want := f.paths(), []string{pPoll, pUser, pSSO, "/sso/a", pUser}; !slices.Equal(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
}

// The status rule matches its comment: no answer, 408, 412, 425, 429 and
// 5xx are retried; any other status is a failure at once.
func TestRetryableStatuses(t *testing.T) {
	for status, want := range map[int]bool{
		0: true, 408: true, 412: true, 425: true, 429: true, 500: true, 502: true, 503: true, 599: true,
		400: false, 401: false, 403: false, 404: false, 410: false, 418: false, 302: false,
	} {
		if got := Retryable(&TransportError{Op: "x", StatusCode: status}); got != want {
			t.Errorf("HTTP %d: Retryable = %v, want %v", status, got, want)
		}
	}
	if Retryable(&APIError{Code: 10023006}) || Retryable(ErrNotLoggedIn) {
		t.Error("an API answer is not retryable")
	}
}

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Kind
	}{
		{nil, KindNone},
		{ErrNotLoggedIn, KindNotLoggedIn},
		{&APIError{Code: -101}, KindNotLoggedIn},
		{&APIError{Code: 10004005}, KindNotLoggedIn},
		{&APIError{Code: 10004004}, KindPremiumNeeded},
		{&APIError{Code: 10023006}, KindDeviceIDNeeded},
		{&APIError{Code: -404}, KindAPI},
		{&TransportError{StatusCode: 412}, KindRiskControl},
		{&TransportError{StatusCode: 429}, KindRateLimited},
		{&TransportError{StatusCode: 403}, KindAccessDenied},
		{&TransportError{StatusCode: 502}, KindServer},
		{&TransportError{StatusCode: 404}, KindHTTP},
		{&TransportError{Err: errors.New("reset")}, KindNetwork},
		{&UnexpectedReplyError{Reason: "x"}, KindUnexpected},
		{&APIError{Code: -111}, KindCSRF},
		{&APIError{Code: 10003003}, KindAreaBlocked},
		{&APIError{Code: 10004001}, KindGeoBlocked},
		// a file error is KindFile by its own Kind (passport/session); the
		// client knows nothing of files
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}, KindOther},
		{&TransportError{StatusCode: 408}, KindTryLater},
		{&TransportError{StatusCode: 425}, KindTryLater},
		{&TransportError{StatusCode: 600}, KindHTTP},
		{context.Canceled, KindCancelled},
		{errors.New("a bug"), KindOther},
	} {
		if got := KindOf(tc.err); got != tc.want {
			t.Errorf("KindOf(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// A verification that times out after the poll set SESSDATA keeps the
// login, unverified, with a network reason.
func TestCompleteVerifyTimeoutKeepsLogin(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, func(o *Options) {
		o.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond, Transport: loopbackOnly()}
	})
	f.handle(pPoll, pollSets("", "SESSDATA=s1; Path=/", "DedeUserID=9; Path=/"))
	f.handle(pUser, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	s, err := c.Complete(bg, confirm(t, c), "en_US")
	if err != nil || KindOf(s.Unverified) != KindNetwork || s.Mid != 9 {
		t.Fatalf("Complete: %+v (%v), %v", s.Account, s.Unverified, err)
	}
}
