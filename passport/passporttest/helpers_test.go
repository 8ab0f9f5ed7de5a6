package passporttest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// env is a decoded envelope; Raw keeps every top-level key as sent.
type env struct {
	Code    int
	Message string
	Data    map[string]any
	Raw     map[string]json.RawMessage
}

func newServer(t *testing.T, o Options) *Server {
	t.Helper()
	s := New(o)
	t.Cleanup(s.Close)
	return s
}

// newClient is a plain client with its own jar, as the brief's tests use.
func newClient(t *testing.T, s *Server) *http.Client {
	t.Helper()
	c := s.Client()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Jar = jar
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func do(t *testing.T, c *http.Client, method, u string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Referer", "https://www.bilibili.tv/")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func decode(t *testing.T, body []byte) env {
	t.Helper()
	var e env
	if err := json.Unmarshal(body, &e.Raw); err != nil {
		t.Fatalf("not a JSON object: %v: %.200q", err, body)
	}
	if err := json.Unmarshal(e.Raw["code"], &e.Code); err != nil {
		t.Fatalf("code: %v", err)
	}
	if err := json.Unmarshal(e.Raw["message"], &e.Message); err != nil {
		t.Fatalf("message: %v", err)
	}
	if d, ok := e.Raw["data"]; ok && string(d) != "null" {
		if err := json.Unmarshal(d, &e.Data); err != nil {
			t.Fatalf("data: %v", err)
		}
	}
	return e
}

func getEnv(t *testing.T, c *http.Client, u string) (*http.Response, env) {
	t.Helper()
	resp, body := do(t, c, http.MethodGet, u)
	return resp, decode(t, body)
}

// flow drives the API step by step.
type flow struct {
	t *testing.T
	s *Server
	c *http.Client
}

func newFlow(t *testing.T, o Options) *flow {
	s := newServer(t, o)
	return &flow{t: t, s: s, c: newClient(t, s)}
}

func (f *flow) ticket() (qrURL, ticket string) {
	f.t.Helper()
	_, e := getEnv(f.t, f.c, f.s.PassportURL()+EndpointTicket+"?s_locale=en_US&platform=web")
	if e.Code != 0 {
		f.t.Fatalf("ticket code %d", e.Code)
	}
	qrURL, _ = e.Data["qr_url"].(string)
	u, err := url.Parse(qrURL)
	if err != nil {
		f.t.Fatal(err)
	}
	return qrURL, u.Query().Get("ticket")
}

func (f *flow) poll(ticket string) (*http.Response, env) {
	f.t.Helper()
	return getEnv(f.t, f.c, f.s.PassportURL()+EndpointPoll+"?"+url.Values{"ticket": {ticket}, "s_locale": {"en_US"}}.Encode())
}

func (f *flow) pollCode(ticket string) int {
	f.t.Helper()
	_, e := f.poll(ticket)
	return e.Code
}

// login gets a ticket, confirms it and returns the code-0 poll.
func (f *flow) login() (*http.Response, env) {
	f.t.Helper()
	_, tk := f.ticket()
	f.s.Confirm()
	resp, e := f.poll(tk)
	if e.Code != 0 {
		f.t.Fatalf("poll after Confirm: code %d", e.Code)
	}
	return resp, e
}

func (f *flow) user() env {
	f.t.Helper()
	_, e := getEnv(f.t, f.c, f.s.APIURL()+EndpointUser+"?s_locale=en_US&platform=web")
	return e
}

func (f *flow) ssoList() env {
	f.t.Helper()
	_, e := getEnv(f.t, f.c, f.s.PassportURL()+EndpointSSO+"?s_locale=en_US&platform=web")
	return e
}

func ssoTargets(t *testing.T, e env) []string {
	t.Helper()
	raw, _ := e.Data["sso"].([]any)
	var out []string
	for _, v := range raw {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("sso entry %T", v)
		}
		out = append(out, s)
	}
	return out
}

func setCookies(resp *http.Response) map[string]*http.Cookie {
	m := map[string]*http.Cookie{}
	for _, c := range resp.Cookies() {
		m[c.Name] = c
	}
	return m
}

// waitEvent reads events until one matches; the deadline only guards
// against a hung test, it never paces one.
func waitEvent(t *testing.T, s *Server, match func(Event) bool) Event {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-s.Events():
			if match(ev) {
				return ev
			}
		case <-deadline:
			t.Fatal("event never came")
		}
	}
}

func hostOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func hasPrefixAny(list []string, prefix string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}
