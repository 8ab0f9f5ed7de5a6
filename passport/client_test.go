package passport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
)

func TestNewValidatesBaseURLs(t *testing.T) {
	good := []string{"", "https://passport.bilibili.tv", "https://staging.example:8443/base",
		"http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1", "http://[::1]:2"}
	for _, u := range good {
		if _, err := New(Options{PassportURL: u, APIURL: u}); err != nil {
			t.Errorf("New(%q): %v", u, err)
		}
	}
	bad := []string{"http://passport.bilibili.tv", "http://10.0.0.1", "ftp://127.0.0.1",
		"https://user:pw@passport.bilibili.tv", "passport.bilibili.tv", "/x", "https://", "::"}
	for _, u := range bad {
		if _, err := New(Options{PassportURL: u}); err == nil {
			t.Errorf("New(PassportURL %q) accepted", u)
		}
		if _, err := New(Options{APIURL: u}); err == nil {
			t.Errorf("New(APIURL %q) accepted", u)
		}
	}
}

func TestRequestTicket(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	for _, tc := range []struct {
		name, data, wantType, wantHost string
		trusted                        bool
	}{
		{"string type", `{"qr_url":"https://www.bilibili.tv/h5/en/qrcode/login?ticket=4478b3e6","qr_type":"qrcode_login"}`,
			"qrcode_login", "www.bilibili.tv", true},
		{"number type", `{"qr_url":"https://www.bilibili.tv/h5/th/qrcode/login?ticket=4478b3e6","qr_type":7,"extra":[1]}`,
			"7", "www.bilibili.tv", true},
		{"no type", `{"qr_url":"https://m.biliintl.com/login?ticket=4478b3e6"}`, "", "m.biliintl.com", true},
		{"untrusted host", `{"qr_url":"https://evil.example/login?ticket=4478b3e6","qr_type":null}`,
			"", "evil.example", false},
		{"http is untrusted", `{"qr_url":"http://www.bilibili.tv/login?ticket=4478b3e6"}`, "", "www.bilibili.tv", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.handle(pTicket, replyWith(0, tc.data))
			tk, err := c.RequestTicket(bg, "en_US")
			if err != nil {
				t.Fatal(err)
			}
			if tk.ID != "4478b3e6" || tk.QRType != tc.wantType || tk.Host != tc.wantHost || tk.Trusted != tc.trusted {
				t.Fatalf("got %+v (id %q type %q)", tk, tk.ID, tk.QRType)
			}
			if !strings.Contains(tk.QRURL, "ticket=4478b3e6") {
				t.Fatalf("QRURL changed: %q", tk.QRURL)
			}
			if strings.Contains(fmt.Sprint(tk), "4478b3e6") {
				t.Fatal("Ticket prints its secret")
			}
		})
	}

	for _, tc := range []struct {
		name, body string
		want       string // "api" or an UnexpectedReplyError reason fragment
	}{
		{"api error", `{"code":-404,"message":"nope"}`, "api"},
		{"no data", `{"code":0}`, "no data"},
		{"data not object", `{"code":0,"data":"x"}`, "no data"},
		{"no qr_url", `{"code":0,"data":{}}`, "no qr_url"},
		{"qr_url number", `{"code":0,"data":{"qr_url":5}}`, "no qr_url"},
		{"no ticket", `{"code":0,"data":{"qr_url":"https://www.bilibili.tv/h5/en/qrcode/login"}}`, "holds no ticket"},
		{"empty ticket", `{"code":0,"data":{"qr_url":"https://www.bilibili.tv/login?ticket="}}`, "holds no ticket"},
		{"not a URL", `{"code":0,"data":{"qr_url":"::not a url"}}`, "does not parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.handle(pTicket, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, tc.body) })
			_, err := c.RequestTicket(bg, "en_US")
			var ae *APIError
			var ue *UnexpectedReplyError
			switch {
			case tc.want == "api":
				if !errors.As(err, &ae) || ae.Code != -404 || ae.Message != "nope" || ae.Op != "qrcode/auth/url" {
					t.Fatalf("err = %v", err)
				}
			case !errors.As(err, &ue) || !strings.Contains(ue.Reason, tc.want):
				t.Fatalf("err = %v, want reason %q", err, tc.want)
			}
		})
	}
}

func TestParseTicket(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.bilibili.tv/h5/en/qrcode/login?ticket=abc":           "abc",
		"https://www.bilibili.tv/h5/en/qrcode/login?a=1&ticket=a%2Bb%26c": "a+b&c",
		"https://www.bilibili.tv/h5/#/login?ticket=frag":                  "frag",
	} {
		got, err := ParseTicket(in)
		if err != nil || got != want {
			t.Errorf("ParseTicket(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ticket=abc", "https://x/?ticket=", "https://x/?tick=1", "%zz://x?ticket=1"} {
		_, err := ParseTicket(in)
		var ue *UnexpectedReplyError
		if !errors.As(err, &ue) {
			t.Errorf("ParseTicket(%q) err = %v, want UnexpectedReplyError", in, err)
		}
	}
}

func TestPollCodes(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	tk := Ticket{ID: "tk"}
	for _, tc := range []struct {
		name string
		body string
		want PollStatus
	}{
		{"waiting", `{"code":10018101,"message":"not scanned","ttl":1}`, Waiting},
		{"waiting null data", `{"code":10018101,"data":null}`, Waiting},
		{"waiting empty data", `{"code":10018101,"data":{}}`, Waiting},
		{"scanned", `{"code":10018102,"message":"scanned"}`, Scanned},
		{"scanned null", `{"code":10018102,"data":null,"ttl":1}`, Scanned},
		{"scanned empty", `{"code":10018102,"data":{}}`, Scanned},
		{"expired", `{"code":10018100}`, Expired},
		{"expired null", `{"code":10018100,"data":null}`, Expired},
		{"expired empty", `{"code":10018100,"data":{},"more":true}`, Expired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.handle(pPoll, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, tc.body) })
			got, err := c.PollQR(bg, tk, "en_US")
			if err != nil || got.Status != tc.want {
				t.Fatalf("got %v, %v; want %v", got.Status, err, tc.want)
			}
		})
	}

	// Unknown codes are errors, never success, whatever data they carry.
	for _, body := range []string{
		`{"code":-400,"message":"bad \u001b[31mrequest\u0007"}`,
		`{"code":86038,"data":{"mid":1}}`,
		`{"code":1,"data":null}`,
		`{"code":"10018103"}`,
	} {
		f.handle(pPoll, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) })
		got, err := c.PollQR(bg, tk, "en_US")
		var ae *APIError
		if !errors.As(err, &ae) || got.Status == Confirmed {
			t.Fatalf("%s: got %v, %v; want APIError", body, got, err)
		}
		if strings.ContainsAny(ae.Message, "\x1b\x07") {
			t.Fatalf("message not sanitized: %q", ae.Message)
		}
		if Retryable(err) {
			t.Fatalf("%s: APIError must not be retryable", body)
		}
	}

	// A code-0 reply is a confirmed login whatever its data (the site's bundle): the
	// cookies decide, and the account comes from verification.
	for _, body := range []string{`{"code":0}`, `{"code":0,"data":null}`, `{"code":0,"data":[]}`,
		`{"code":0,"data":"x"}`, `{"code":0,"data":1}`} {
		f.handle(pPoll, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) })
		got, err := c.PollQR(bg, tk, "en_US")
		if err != nil || got.Status != Confirmed || got.Confirmation != (Confirmation{}) {
			t.Fatalf("%s: got %v, %v; want an empty confirmation", body, got, err)
		}
	}

	for _, tc := range []struct {
		data string
		want Confirmation
	}{
		{`{"mid":1709658507,"is_new":false,"go_url":"","user_profile":{"is_userBlankProfile":false,"name":"","face":""}}`,
			Confirmation{Mid: 1709658507}},
		{`{}`, Confirmation{}},
		{`{"mid":"42","is_new":true,"go_url":" https://www.bilibili.tv/x ","user_profile":{"name":"Ann\u202eevil"}}`,
			Confirmation{Mid: 42, IsNew: true, GoURL: "https://www.bilibili.tv/x", Name: "Annevil"}},
		{`{"mid":1.7e9,"name":"Bob\u0000\nSmith","user_profile":null,"is_new":"yes","go_url":5}`,
			Confirmation{Mid: 1700000000, Name: "Bob Smith"}},
		{`{"mid":"x","user_profile":{"name":"Zed"},"name":"ignored"}`, Confirmation{Name: "Zed"}},
	} {
		f.handle(pPoll, replyWith(0, tc.data))
		got, err := c.PollQR(bg, tk, "en_US")
		if err != nil || got.Status != Confirmed || got.Confirmation != tc.want {
			t.Fatalf("%s: got %+v, %v; want %+v", tc.data, got.Confirmation, err, tc.want)
		}
	}

	if _, err := c.PollQR(bg, Ticket{}, "en_US"); err == nil {
		t.Fatal("PollQR without a ticket succeeded")
	}
}

func TestTicketEscapedRoundTrip(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	const ticket = "a&b+c d=e%f/g?h#i"
	qr := "https://www.bilibili.tv/h5/en/qrcode/login?" + url.Values{"ticket": {ticket}}.Encode()
	f.handle(pTicket, replyWith(0, fmt.Sprintf(`{"qr_url":%q}`, qr)))
	var got []string
	var mu sync.Mutex
	f.handle(pPoll, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.URL.Query()["ticket"]
		mu.Unlock()
		reply(w, CodeNotScanned, "")
	})
	tk, err := c.RequestTicket(bg, "en_US")
	if err != nil || tk.ID != ticket {
		t.Fatalf("ticket = %q, %v", tk.ID, err)
	}
	if _, err := c.PollQR(bg, tk, "en_US"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0] != ticket {
		t.Fatalf("server got ticket %q, want %q", got, ticket)
	}
}

// Every call carries s_locale, platform and the browser-like headers.
func TestRequestShape(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f, func(o *Options) { o.UserAgent = "test-agent/1" })
	f.handle(pTicket, replyWith(0, `{"qr_url":"https://www.bilibili.tv/x?ticket=t1"}`))
	f.handle(pPoll, func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "SESSDATA", Value: "s1", Path: "/"}) // a session: else no_session
		http.SetCookie(w, &http.Cookie{Name: "bili_jct", Value: "csrf1", Path: "/"})
		reply(w, 0, `{"mid":1}`)
	})
	f.handle(pSSO, replyWith(0, `{"sso":[]}`))
	f.handle(pUser, replyWith(0, `{"is_login":true}`))
	f.handle(pExit, replyWith(0, ""))

	for _, tc := range []struct{ locale, sLocale, lang string }{
		{"th_TH", "th_TH", "th-TH"},
		{"", "en_US", "en-US"},
		{"xx_YY", "xx_YY", "en-US"},
		{"zh_ZH", "zh_ZH", "zh-CN"},
	} {
		before := len(f.requests())
		tk, err := c.RequestTicket(bg, tc.locale)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.PollQR(bg, tk, tc.locale)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Complete(bg, res.Confirmation, tc.locale); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Verify(bg, tc.locale); err != nil {
			t.Fatal(err)
		}
		if err := c.Logout(bg, tc.locale); err != nil {
			t.Fatal(err)
		}
		reqs := f.requests()[before:]
		want := []string{pTicket, pPoll, pUser, pUser, pExit} // verified at once: no sso/list
		if len(reqs) != len(want) {
			t.Fatalf("%s: requests %v", tc.locale, f.paths()[before:])
		}
		for i, r := range reqs {
			if r.Path != want[i] {
				t.Errorf("request %d = %s, want %s", i, r.Path, want[i])
			}
			wantMethod := http.MethodGet
			if r.Path == pExit {
				wantMethod = http.MethodPost
			}
			if r.Method != wantMethod {
				t.Errorf("%s: method %s", r.Path, r.Method)
			}
			if r.Query.Get("s_locale") != tc.sLocale || r.Query.Get("platform") != "web" {
				t.Errorf("%s: query %v", r.Path, r.Query)
			}
			h := r.Header
			if h.Get("Referer") != "https://www.bilibili.tv/" || h.Get("Origin") != "https://www.bilibili.tv" ||
				h.Get("User-Agent") != "test-agent/1" || h.Get("Accept") != "application/json" ||
				h.Get("Accept-Language") != tc.lang {
				t.Errorf("%s: headers %v", r.Path, h)
			}
		}
		if reqs[1].Query.Get("ticket") != "t1" {
			t.Errorf("poll query %v", reqs[1].Query)
		}
		// The cookie set by the poll travels with the later calls.
		for _, r := range reqs[2:] {
			if !strings.Contains(r.Header.Get("Cookie"), "bili_jct=csrf1") {
				t.Errorf("%s: cookie header %q", r.Path, r.Header.Get("Cookie"))
			}
		}
		if reqs[4].Query.Get("csrf") != "csrf1" {
			t.Errorf("logout csrf = %q", reqs[4].Query.Get("csrf"))
		}
	}
}

func TestDefaultUserAgentIsBrowserLike(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.handle(pPoll, replyWith(CodeNotScanned, ""))
	if _, err := c.PollQR(bg, Ticket{ID: "x"}, "en_US"); err != nil {
		t.Fatal(err)
	}
	if ua := f.requests()[0].Header.Get("User-Agent"); !strings.HasPrefix(ua, "Mozilla/5.0") {
		t.Fatalf("User-Agent = %q", ua)
	}
}

func TestBadBodies(t *testing.T) {
	f := newFake(t)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newClient(t, f, func(o *Options) { o.Now = func() time.Time { return now } })
	const ticket = "SECRET-TICKET-123"
	tk := Ticket{ID: ticket}
	huge := `{"code":0,"data":{"pad":"` + strings.Repeat("x", 1<<20) + `"}}`
	for _, tc := range []struct {
		name    string
		h       http.HandlerFunc
		reason  string // UnexpectedReplyError reason fragment
		status  int    // TransportError status
		retryIn time.Duration
	}{
		{name: "html", h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!DOCTYPE html><html>blocked</html>")
		}, reason: "HTML"},
		{name: "truncated json", h: func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprint(w, `{"code":0,"data":{"mid":`)
		}, reason: "not valid JSON"},
		{name: "empty", h: func(http.ResponseWriter, *http.Request) {}, reason: "empty"},
		{name: "array", h: func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `[1]`) }, reason: "not a JSON object"},
		{name: "no code", h: func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{"message":"x"}`) }, reason: "no integer code"},
		{name: "float code", h: func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{"code":0.5}`) }, reason: "no integer code"},
		{name: "huge", h: func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, huge) }, reason: "reply too large"},
		{name: "429 seconds", h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, "slow down")
		}, status: 429, retryIn: 7 * time.Second},
		{name: "503 date", h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		}, status: 503, retryIn: 90 * time.Second},
		{name: "412 no retry-after", h: func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusPreconditionFailed)
			fmt.Fprint(w, `{"code":-412}`)
		}, status: 412},
		{name: "cut connection", h: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "100")
			fmt.Fprint(w, `{"code":0`)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.handle(pPoll, tc.h)
			_, err := c.PollQR(bg, tk, "en_US")
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), ticket) {
				t.Fatalf("error leaks the ticket: %v", err)
			}
			if !Retryable(err) {
				t.Fatalf("%v should be retryable", err)
			}
			var ue *UnexpectedReplyError
			var te *TransportError
			switch {
			case tc.reason != "":
				if !errors.As(err, &ue) || !strings.Contains(ue.Reason, tc.reason) {
					t.Fatalf("err = %v, want reason %q", err, tc.reason)
				}
			case tc.status != 0:
				if !errors.As(err, &te) || te.StatusCode != tc.status || RetryAfter(err) != tc.retryIn {
					t.Fatalf("err = %#v, want status %d retry %v", err, tc.status, tc.retryIn)
				}
			default:
				if !errors.As(err, &te) {
					t.Fatalf("err = %v, want TransportError", err)
				}
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"": 0, "0": 0, "-3": 0, "120": 2 * time.Minute, "junk": 0, "99999999999": 24 * time.Hour,
		now.Add(-time.Hour).Format(http.TimeFormat):  0,
		now.Add(time.Minute).Format(http.TimeFormat): time.Minute,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// Errors never carry the request URL: it holds the ticket.
func TestTransportErrorsHideTicket(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.srv.Close() // connection refused from now on
	const ticket = "SECRET-TICKET-456"
	_, err := c.PollQR(bg, Ticket{ID: ticket}, "en_US")
	var te *TransportError
	if !errors.As(err, &te) || te.StatusCode != 0 {
		t.Fatalf("err = %v, want TransportError", err)
	}
	if strings.Contains(err.Error(), ticket) || strings.Contains(fmt.Sprintf("%+v %#v", err, te.Err), ticket) {
		t.Fatalf("error leaks the ticket: %v", err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		t.Fatal("url.Error kept in the chain")
	}
}

func TestCancelAbortsInFlightRequest(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	arrived := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	f.handle(pPoll, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	ctx, cancel := context.WithCancel(bg)
	done := make(chan error, 1)
	go func() {
		_, err := c.PollQR(ctx, Ticket{ID: "SECRET-T"}, "en_US")
		done <- err
	}()
	<-arrived
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || Retryable(err) || strings.Contains(err.Error(), "SECRET-T") {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second): // a safety net, not a sleep: normally returns at once
		t.Fatal("PollQR did not return after cancel")
	}

	// A context cancelled before the call never reaches the server.
	n := f.count(pUser)
	ctx2, cancel2 := context.WithCancel(bg)
	cancel2()
	if _, err := c.Verify(ctx2, "en_US"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Verify err = %v", err)
	}
	if f.count(pUser) != n {
		t.Fatal("cancelled Verify reached the server")
	}
}

// Bodies are drained and closed: a whole flow, error replies included,
// runs over one kept-alive connection.
func TestConnectionReuse(t *testing.T) {
	f := &fake{handlers: map[string]http.HandlerFunc{}}
	f.srv = httptest.NewUnstartedServer(f)
	var mu sync.Mutex
	conns := 0
	f.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			mu.Lock()
			conns++
			mu.Unlock()
		}
	}
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	c, err := New(Options{PassportURL: f.srv.URL, APIURL: f.srv.URL}) // the default HTTP client
	if err != nil {
		t.Fatal(err)
	}
	f.handle(pPoll, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(500)
		fmt.Fprint(w, strings.Repeat("error page ", 500))
	})
	f.handle(pTicket, replyWith(0, `{"qr_url":"https://www.bilibili.tv/x?ticket=t"}`))
	f.handle("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/landing", http.StatusFound)
	})
	f.handle("/landing", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, strings.Repeat("<p>", 1000)) })
	for i := 0; i < 3; i++ {
		if _, err := c.RequestTicket(bg, "en_US"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.PollQR(bg, Ticket{ID: "t"}, "en_US"); err == nil {
			t.Fatal("500 accepted")
		}
		u, _ := url.Parse(f.srv.URL + "/redirect")
		if err := c.follow(bg, "test", u, "en_US"); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if conns != 1 {
		t.Fatalf("%d connections for one sequential flow, want 1", conns)
	}
}

func TestLogout(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	// No cookies: nothing to end, nothing sent.
	if err := c.Logout(bg, "en_US"); err != nil || f.count(pExit) != 0 {
		t.Fatalf("Logout without cookies: %v, %d requests", err, f.count(pExit))
	}
	host := strings.Split(strings.TrimPrefix(f.srv.URL, "http://"), ":")[0]
	seed := []Cookie{
		{Name: "SESSDATA", Value: "s1", Domain: host, Path: "/", HostOnly: true},
		{Name: "bili_jct", Value: "jct1", Domain: host, Path: "/", HostOnly: true},
	}
	for _, tc := range []struct {
		code    int
		wantErr bool
	}{{0, false}, {-101, false}, {-111, true}} {
		c.LoadCookies(seed)
		var gotCSRF, gotCookie string
		f.handle(pExit, func(w http.ResponseWriter, r *http.Request) {
			gotCSRF, gotCookie = r.URL.Query().Get("csrf"), r.Header.Get("Cookie")
			if r.Method != http.MethodPost {
				w.WriteHeader(405)
				return
			}
			reply(w, tc.code, "")
		})
		err := c.Logout(bg, "en_US")
		var ae *APIError
		if tc.wantErr != (err != nil) || (tc.wantErr && (!errors.As(err, &ae) || ae.Code != tc.code)) {
			t.Fatalf("code %d: err = %v", tc.code, err)
		}
		if gotCSRF != "jct1" || !strings.Contains(gotCookie, "SESSDATA=s1") {
			t.Fatalf("code %d: csrf %q cookie %q", tc.code, gotCSRF, gotCookie)
		}
		if left := len(c.Cookies()); tc.wantErr == (left == 0) {
			t.Fatalf("code %d: %d cookies left", tc.code, left)
		}
	}
}

// The client is used from several goroutines at once.
func TestConcurrentUse(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	f.handle(pPoll, func(w http.ResponseWriter, _ *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "n", Value: "v", Path: "/"})
		reply(w, CodeScanned, "null")
	})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				if _, err := c.PollQR(bg, Ticket{ID: "t"}, "en_US"); err != nil {
					t.Error(err)
				}
				_ = c.Cookies()
			}
		}()
	}
	wg.Wait()
	if len(withoutDevice(c.Cookies())) != 1 {
		t.Fatalf("cookies = %v", c.Cookies())
	}
}

// A qr_url with a control, C1, bidi or other invisible character would put
// raw bytes (and, by breaking the OSC 8 link, the ticket) on the terminal:
// it is a garbled reply, refused and retried; the error never holds the
// ticket. The first two are a C1 string terminator and a bidi override
// with C1 OSC introducers.
func TestRequestTicketRefusesUnprintableQRURL(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	hostile := map[string]string{
		"C1 string terminator": "https://www.bilibili.tv/h5/en/qrcode/login\u009c?ticket=tSECRET123",
		"bidi and C1 OSC":      "https://www.bilibili.tv/h5/\u202eNIGOL\u009c\u009d2;PWNC1\u009c/login?ticket=tc1",
		"ESC":                  "https://www.bilibili.tv/h5/en/\x1b[2Jlogin?ticket=tSECRET123",
		"BEL":                  "https://www.bilibili.tv/h5/en/login\a?ticket=tSECRET123",
		"DEL":                  "https://www.bilibili.tv/h5/en/login\x7f?ticket=tSECRET123",
		"NUL":                  "https://www.bilibili.tv/h5/en/login\x00?ticket=tSECRET123",
		"tab":                  "https://www.bilibili.tv/h5/en/login\t?ticket=tSECRET123",
		"newline":              "https://www.bilibili.tv/h5/en/login\n?ticket=tSECRET123",
		"no-break space":       "https://www.bilibili.tv/h5/en/login\u00a0?ticket=tSECRET123",
		"zero width space":     "https://www.bilibili.tv/h5/en/login\u200b?ticket=tSECRET123",
		"soft hyphen":          "https://www.bilibili.tv/h5/en/login\u00ad?ticket=tSECRET123",
		"line separator":       "https://www.bilibili.tv/h5/en/login\u2028?ticket=tSECRET123",
		"BOM":                  "https://www.bilibili.tv/h5/en/login\ufeff?ticket=tSECRET123",
		"in the ticket":        "https://www.bilibili.tv/h5/en/login?ticket=tSECRET\u202e123",
		"in the host":          "https://www.bili\u200ebili.tv/h5/en/login?ticket=tSECRET123",
	}
	for _, r := range []rune{0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x061c, 0x80, 0x9f} {
		hostile[fmt.Sprintf("U+%04X", r)] = "https://www.bilibili.tv/h5/" + string(r) + "en/qrcode/login?ticket=tSECRET123"
	}
	for name, qr := range hostile {
		t.Run(name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"code": 0, "message": "0", "data": map[string]any{"qr_url": qr}})
			f.handle(pTicket, func(w http.ResponseWriter, _ *http.Request) { w.Write(body) }) //nolint:errcheck
			tk, err := c.RequestTicket(bg, "en_US")
			var ue *UnexpectedReplyError
			if !errors.As(err, &ue) {
				t.Fatalf("accepted: %v, %v", tk, err)
			}
			if !Retryable(err) || ue.Permanent {
				t.Fatalf("%v is not retried like a garbled reply", err)
			}
			if !strings.Contains(ue.Reason, "QR URL holds a control or invisible character") {
				t.Fatalf("reason %q does not say what is wrong", ue.Reason)
			}
			if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "tc1") || strings.ContainsFunc(err.Error(), func(r rune) bool { return !unicode.IsPrint(r) }) {
				t.Fatalf("the error holds the ticket or raw bytes: %q", err)
			}
		})
	}
	t.Run("invalid UTF-8", func(t *testing.T) {
		// encoding/json turns invalid UTF-8 into U+FFFD, a printable
		// character; ParseTicket itself refuses raw invalid bytes.
		_, err := ParseTicket("https://www.bilibili.tv/h5/\xc2/login?ticket=tSECRET123")
		var ue *UnexpectedReplyError
		if !errors.As(err, &ue) || !Retryable(err) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("printable non-ASCII is fine", func(t *testing.T) {
		f.handle(pTicket, replyWith(0, `{"qr_url":"https://www.bilibili.tv/h5/zh/登录 页?ticket=t1"}`))
		tk, err := c.RequestTicket(bg, "en_US")
		if err != nil || tk.ID != "t1" {
			t.Fatalf("%v %v", tk, err)
		}
	})
}

// An untrusted qr_url says which part is wrong: an http link to the real
// host is a bad scheme, not an unexpected host.
func TestRequestTicketSaysWhyUntrusted(t *testing.T) {
	f := newFake(t)
	c := newClient(t, f)
	for _, tc := range []struct {
		url, scheme string
		hostTrusted bool
	}{
		{"http://www.bilibili.tv/h5/en/qrcode/login?ticket=t1", "http", true},
		{"HTTP://www.bilibili.tv/h5/en/qrcode/login?ticket=t1", "http", true},
		{"http://evil.example/login?ticket=t1", "http", false},
		{"https://evil.example/login?ticket=t1", "", false},
		{"https://www.bilibili.tv/h5/en/qrcode/login?ticket=t1", "", true},
	} {
		f.handle(pTicket, replyWith(0, fmt.Sprintf(`{"qr_url":%q}`, tc.url)))
		tk, err := c.RequestTicket(bg, "en_US")
		if err != nil {
			t.Fatal(err)
		}
		if tk.InsecureScheme != tc.scheme || tk.HostTrusted != tc.hostTrusted {
			t.Errorf("%s: InsecureScheme %q HostTrusted %v, want %q %v", tc.url, tk.InsecureScheme, tk.HostTrusted, tc.scheme, tc.hostTrusted)
		}
	}
}

// New's errors name the Options field in a typed error, so main can name
// its flag instead.
func TestNewOptionError(t *testing.T) {
	_, err := New(Options{APIURL: "http://api.example.com"})
	var oe *OptionError
	if !errors.As(err, &oe) || oe.Field != "APIURL" || oe.Reason != "must be https (http only for loopback hosts)" {
		t.Fatalf("err = %#v", err)
	}
}
