package passport

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// seen is one request a fake server got.
type seen struct {
	Method string
	Host   string
	Path   string
	Query  url.Values
	Header http.Header
}

// fake is a small scripted HTTP server: handlers by "host+path" (for the
// TLS fake, which serves every host name) or by path, and a log of every
// request.
type fake struct {
	srv *httptest.Server

	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	reqs     []seen
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, seen{r.Method, r.Host, r.URL.Path, r.URL.Query(), r.Header.Clone()})
	h := f.handlers[r.Host+r.URL.Path]
	if h == nil {
		h = f.handlers[r.URL.Path]
	}
	f.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (f *fake) handle(pattern string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handlers[pattern] = h
}

func (f *fake) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// count is how many requests hit path (any host).
func (f *fake) count(path string) int {
	n := 0
	for _, r := range f.requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

func (f *fake) paths() []string {
	var out []string
	for _, r := range f.requests() {
		out = append(out, r.Path)
	}
	return out
}

// newFake is a plain-http server on 127.0.0.1.
func newFake(t *testing.T) *fake {
	t.Helper()
	f := &fake{handlers: map[string]http.HandlerFunc{}}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

// newClient talks to f for both the passport and the API host.
func newClient(t *testing.T, f *fake, mod ...func(*Options)) *Client {
	t.Helper()
	o := Options{PassportURL: f.srv.URL, APIURL: f.srv.URL, HTTPClient: &http.Client{Transport: loopbackOnly()}}
	for _, m := range mod {
		m(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// loopbackOnly is a transport that refuses to dial anything but loopback
// addresses, so a bug can never reach a real host.
func loopbackOnly() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if !IsLoopbackHost(addr) {
			return nil, fmt.Errorf("test refused to dial %s", addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	return tr
}

// newProdFake is a TLS server that answers for every host name: the client
// keeps the real base URLs and trust rules, and its dialer sends every
// connection to this one loopback server, so no real host is ever reached.
func newProdFake(t *testing.T, now func() time.Time) (*fake, *Client) {
	t.Helper()
	f := &fake{handlers: map[string]http.HandlerFunc{}}
	f.srv = httptest.NewTLSServer(f)
	t.Cleanup(f.srv.Close)
	tr := f.srv.Client().Transport.(*http.Transport).Clone()
	addr := f.srv.Listener.Addr().String()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	}
	tr.TLSClientConfig.InsecureSkipVerify = true // the test certificate names example.com only
	c, err := New(Options{HTTPClient: &http.Client{Transport: tr}, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

// reply writes an envelope; data "" leaves the field out.
func reply(w http.ResponseWriter, code int, data string) {
	w.Header().Set("Content-Type", "application/json")
	if data == "" {
		fmt.Fprintf(w, `{"code":%d,"message":"msg %d","ttl":1}`, code, code)
		return
	}
	fmt.Fprintf(w, `{"code":%d,"message":"0","ttl":1,"data":%s}`, code, data)
}

func replyWith(code int, data string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { reply(w, code, data) }
}

// fixedClock is an adjustable clock for cookie expiry.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *fixedClock {
	return &fixedClock{t: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func cookieNamed(cs []Cookie, name string) (Cookie, bool) {
	for _, c := range cs {
		if c.Name == name {
			return c, true
		}
	}
	return Cookie{}, false
}

const (
	pTicket = "/x/intl/passport-login/qrcode/auth/url"
	pPoll   = "/x/intl/passport-login/qrcode/auth/fetch"
	pSSO    = "/x/intl/passport-login/web/sso/list"
	pExit   = "/x/intl/passport-login/web/login/exit"
	pUser   = "/intl/gateway/web/v2/user"
)

var bg = context.Background()
