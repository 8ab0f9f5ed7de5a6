package passporttest

import (
	"net/http"
	"slices"

	"github.com/biliqr/biliqr/passport"
)

// eventBuffer is how many events wait for a reader before new ones are
// dropped: the fake must never block on a test that does not listen.
const eventBuffer = 1024

// record notes an incoming request and returns its index in s.requests.
func (s *Server) record(host string, r *http.Request) int {
	q := r.URL.Query()
	req := Request{
		Host:    host,
		Method:  r.Method,
		Path:    r.URL.Path,
		Query:   q,
		Header:  r.Header.Clone(),
		Cookies: r.Cookies(),
		Ticket:  q.Get("ticket"),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The client makes the buvid3, not the fake; it is still a cookie
	// value, which nothing may print.
	for _, c := range req.Cookies {
		if c.Name == passport.DeviceCookie && c.Value != "" && !slices.Contains(s.secrets, c.Value) {
			s.addSecret(c.Value)
		}
	}
	s.requests = append(s.requests, req)
	return len(s.requests) - 1
}

// answered fills in how request i was answered and tells Events.
func (s *Server) answered(i, status, code int, enveloped bool) {
	s.mu.Lock()
	req := &s.requests[i]
	req.Status, req.Code, req.Enveloped = status, code, enveloped
	ev := Event{Kind: EventAnswered, Host: req.Host, Path: req.Path, Status: status,
		Code: code, Enveloped: enveloped, Ticket: req.Ticket}
	s.mu.Unlock()
	s.emit(ev)
}

// emit sends ev if there is room; a full buffer drops it.
func (s *Server) emit(ev Event) {
	select {
	case s.events <- ev:
	default:
	}
}

// addSecret remembers a value the fake handed out. Callers hold s.mu.
func (s *Server) addSecret(v string) { s.secrets = append(s.secrets, v) }

// Requests returns a copy of every request seen so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Query = cloneValues(r.Query)
		r.Header = r.Header.Clone()
		r.Cookies = slices.Clone(r.Cookies)
		out[i] = r
	}
	return out
}

func cloneValues(v map[string][]string) map[string][]string {
	out := make(map[string][]string, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// Count is how many requests for path endpoint arrived, on any host.
func (s *Server) Count(endpoint string) int {
	return s.CountAt("", endpoint)
}

// CountAt is how many requests for path endpoint arrived at host ("" = any).
func (s *Server) CountAt(host, endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Path == endpoint && (host == "" || r.Host == host) {
			n++
		}
	}
	return n
}

// Conns is how many connections host (HostPassport, …) accepted.
func (s *Server) Conns(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns[host]
}

// Tickets returns every ticket issued, in order.
func (s *Server) Tickets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.tickets))
	for i, t := range s.tickets {
		out[i] = t.id
	}
	return out
}

// Secrets returns every secret value handed out: tickets, cookie values
// (SESSDATA, bili_jct, DedeUserID__ckMd5, CookieSecond, CookieTicket) and
// the nonces in go_url and SSO target URLs, the tokens of a cookie_info
// reply, and every buvid3 a client sent. Tests scan outputs for them.
// DedeUserID is not among them: it is the mid, which the UI may show.
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.secrets)
}

// Events delivers notifications of what the fake did. It is buffered and
// never closed; events nobody reads are dropped once the buffer is full.
func (s *Server) Events() <-chan Event { return s.events }
