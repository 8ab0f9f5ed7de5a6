package passport

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotLoggedIn means verification (§4) said the cookies are not a session.
var ErrNotLoggedIn = errors.New("not logged in")

// ErrNoSessionSent means the service confirmed the login, but no session cookie
// came with it, so there is nothing to save; scanning again is the way on.
var ErrNoSessionSent = errors.New("the service confirmed the login but sent no session")

// APIError is a JSON envelope with a code the caller did not expect.
type APIError struct {
	Op      string // endpoint, e.g. "qrcode/auth/fetch"
	Code    int
	Message string // server text with control characters stripped, cut short
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("%s: server answered code %d", e.Op, e.Code)
	}
	return fmt.Sprintf("%s: server answered code %d (%s)", e.Op, e.Code, e.Message)
}

// TransportError is a request that got no usable HTTP answer: no connection,
// a timeout, or a non-2xx status (StatusCode set).
type TransportError struct {
	Op         string
	StatusCode int           // 0 when no response arrived
	RetryAfter time.Duration // from a Retry-After header, 0 if none
	Err        error         // the cause; never holds a URL with a ticket
	// Host is the host:port asked (the port left out when it is the
	// scheme's), Proxy the proxy's host:port when the request went through
	// one: a user with a broken HTTPS_PROXY must learn it was the proxy.
	Host, Proxy string
}

func (e *TransportError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("%s: HTTP %d", e.Op, e.StatusCode)
	}
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}
func (e *TransportError) Unwrap() error           { return e.Err }
func (e *TransportError) where() (string, string) { return e.Host, e.Proxy }

// cancelledAt is a request ended by its context (a caller's deadline, a
// cancel), with where it was going: not a TransportError, so that a
// caller's own deadline is never retried as the network's trouble.
type cancelledAt struct {
	op, host, proxy string
	err             error
}

func (e *cancelledAt) Error() string           { return e.op + ": " + e.err.Error() }
func (e *cancelledAt) Unwrap() error           { return e.err }
func (e *cancelledAt) where() (string, string) { return e.host, e.proxy }

// HostOf is where a request that failed was going: the host (host:port
// when the port is not the scheme's) and the proxy it went through ("" for
// none); both "" when err says nothing of it.
func HostOf(err error) (host, proxy string) {
	var w interface{ where() (string, string) }
	if errors.As(err, &w) {
		return w.where()
	}
	return "", ""
}

// UnexpectedReplyError is an answer that is not what PROTOCOL.md describes:
// not JSON, wrong types, too large, missing data, an untrusted redirect.
type UnexpectedReplyError struct {
	Op     string
	Reason string // plain words, no secrets
	// Permanent: a well-formed reply that breaks the protocol (a qr_url
	// without a ticket, a success without data). Asking again would get
	// the same answer, so it is not retried; a garbled reply (an HTML risk
	// page, cut-off JSON) is.
	Permanent bool
}

func (e *UnexpectedReplyError) Error() string {
	return fmt.Sprintf("%s: unexpected reply: %s", e.Op, e.Reason)
}

// TimeoutError says the login ran out of time (-timeout) with no code
// scanned. It is the model's, not the client's, but is classified here
// with every other failure.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no code was scanned within %v", e.After)
}

// UnreachableError is a login that ran out of time (-timeout) before the
// service gave a single code (no network, a server that never answers
// well). It is the last request's failure, not the user's: its kind is
// Err's (network when there was none yet: a request still unanswered).
type UnreachableError struct {
	After time.Duration
	Err   error // the last request's error, or nil
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("the service could not be reached within %v: %v", e.After, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// Kind is the last error's kind (KindNetwork without one).
func (e *UnreachableError) Kind() Kind {
	if k := KindOf(e.Err); k != KindNone {
		return k
	}
	return KindNetwork
}

// RetryAfter is the server's Retry-After for err, or 0.
func RetryAfter(err error) time.Duration {
	var te *TransportError
	if errors.As(err, &te) {
		return te.RetryAfter
	}
	return 0
}
