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
}

func (e *TransportError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("%s: HTTP %d", e.Op, e.StatusCode)
	}
	return fmt.Sprintf("%s: %v", e.Op, e.Err)
}
func (e *TransportError) Unwrap() error { return e.Err }

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

// RetryAfter is the server's Retry-After for err, or 0.
func RetryAfter(err error) time.Duration {
	var te *TransportError
	if errors.As(err, &te) {
		return te.RetryAfter
	}
	return 0
}
