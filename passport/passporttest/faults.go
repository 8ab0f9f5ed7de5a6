package passporttest

import (
	"net/http"
	"strings"
)

// HugeBodySize is the size of a HugeBody reply: over any sane client limit
// (1 MiB), still valid JSON so only a size check can reject it.
const HugeBodySize = 2<<20 + 100

// takeFault dequeues the first queued fault that applies to path.
func (s *Server) takeFault(path string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Endpoint != "" && f.Endpoint != path {
			continue
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return *f, true
	}
	return Fault{}, false
}

// fault answers the request the way f says.
func (c *call) fault(f Fault) {
	switch f.Kind {
	case HTTPStatus:
		status := f.Status
		if status == 0 {
			status = http.StatusServiceUnavailable
		}
		if f.RetryAfter != "" {
			c.w.Header().Set("Retry-After", f.RetryAfter)
		}
		c.page(status, http.StatusText(status))
	case HTMLPage:
		c.write(http.StatusOK, "text/html; charset=utf-8", []byte(riskPage), 0, false)
	case TruncatedJSON:
		c.write(http.StatusOK, "application/json; charset=utf-8",
			[]byte(`{"code":0,"message":"0","ttl":1,"data":{"qr_url":"https://www.bili`), 0, false)
	case WrongTypes:
		c.write(http.StatusOK, "application/json; charset=utf-8",
			[]byte(`{"code":"0","message":0,"ttl":"1","data":["qr_url",1,{"is_login":"true"}]}`), 0, false)
	case HugeBody:
		pad := strings.Repeat("a", HugeBodySize)
		c.write(http.StatusOK, "application/json; charset=utf-8",
			[]byte(`{"code":0,"message":"`+pad+`","ttl":1,"data":{}}`), 0, true)
	case Hang:
		c.s.emit(Event{Kind: EventHanging, Host: c.host, Path: c.r.URL.Path, Ticket: c.r.URL.Query().Get("ticket")})
		select {
		case <-c.r.Context().Done():
		case <-c.s.closing:
		}
		// Drop the connection without an answer; net/http recovers this
		// panic quietly, so nothing leaks and Close does not wait.
		panic(http.ErrAbortHandler)
	case CloseConn:
		if hj, ok := c.w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case APICode:
		c.envelope(f.Code, f.Message, nil)
	case BadHeader:
		c.rawReply("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Fake: a\x01b\r\nContent-Length: 2\r\n\r\n{}")
	case HugeHeaders:
		c.rawReply("HTTP/1.1 200 OK\r\nX-Fake: " + strings.Repeat("a", 10<<20+1024) + "\r\nContent-Length: 2\r\n\r\n{}")
	default:
		c.envelopeStatus(http.StatusInternalServerError, -500, "passporttest: unknown fault kind", nil)
	}
}

// rawReply writes reply as is on the connection (over TLS where the
// server is https) and closes it: net/http would never send a broken
// header itself.
func (c *call) rawReply(reply string) {
	hj, ok := c.w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	buf.WriteString(reply) //nolint:errcheck // the client may hang up first
	buf.Flush()            //nolint:errcheck
}

// riskPage is what a risk-control interstitial looks like: HTML, status 200.
const riskPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Security verification</title></head>
<body><h1>Access denied</h1><p>Your request looks unusual. Please verify you are human.</p>
<script>window.location.href="/captcha";</script></body></html>
`
