package passport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
)

// Kind is what sort of failure an error is, so that callers decide and word
// things by kind and never need to know bilibili's codes or the error types.
type Kind int

// The kinds of failure.
const (
	KindNone           Kind = iota // no error
	KindNotLoggedIn                // the gateway says the cookies are no session
	KindPremiumNeeded              // 10004004: premium membership needed
	KindDeviceIDNeeded             // 10023006: the request lacks a buvid device id
	KindRiskControl                // HTTP 412: blocked by risk control
	KindRateLimited                // HTTP 429
	KindAccessDenied               // HTTP 403
	KindServer                     // HTTP 5xx
	KindHTTP                       // any other HTTP status
	KindNetwork                    // no answer: timeout, refused, DNS, reset
	KindUnexpected                 // a reply that breaks the protocol
	KindCSRF                       // -111: the csrf check failed
	KindAreaBlocked                // 10003003: area inaccessible
	KindGeoBlocked                 // 10004001: geo-restricted
	KindAPI                        // another code from the server
	KindCancelled                  // the context was cancelled
	KindFile                       // a file could not be read or written
	KindOther                      // anything else (bugs)
	KindTryLater                   // HTTP 408, 425: the server asks for the request again
	KindNoSession                  // the login was confirmed but no session cookie came with it
	KindTimeout                    // -timeout ran out before a code was scanned
	KindFormat                     // the session cannot be written in the -format asked for
)

var kindNames = [...]string{
	KindNone: "none", KindNotLoggedIn: "not_logged_in", KindPremiumNeeded: "premium_needed",
	KindDeviceIDNeeded: "device_id_needed", KindRiskControl: "risk_control", KindRateLimited: "rate_limited",
	KindAccessDenied: "access_denied", KindServer: "server", KindHTTP: "http", KindNetwork: "network",
	KindUnexpected: "unexpected_reply", KindCSRF: "csrf", KindAreaBlocked: "area_blocked", KindGeoBlocked: "geo_blocked", KindAPI: "api", KindCancelled: "cancelled", KindFile: "file", KindOther: "other",
	KindTryLater: "try_later", KindNoSession: "no_session", KindTimeout: "timeout",
	KindFormat: "format",
}

// String is the kind's stable name, as machine-readable output carries it.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Kinded is an error from outside the client that says its own kind:
// passport/session's file errors are KindFile by their own Kind method, so
// the client need not know what a file error looks like.
type Kinded interface{ Kind() Kind }

// KindOf classifies err.
func KindOf(err error) Kind {
	var api *APIError
	var te *TransportError
	var ue *UnexpectedReplyError
	var kinded Kinded
	var timeout *TimeoutError
	switch {
	case err == nil:
		return KindNone
	case errors.As(err, &kinded):
		return kinded.Kind()
	case errors.As(err, &timeout):
		return KindTimeout
	case errors.Is(err, ErrNoSessionSent):
		return KindNoSession
	case errors.Is(err, ErrNotLoggedIn):
		return KindNotLoggedIn
	case errors.Is(err, context.Canceled):
		return KindCancelled
	case errors.As(err, &api):
		switch api.Code {
		case CodeNotLoggedIn, CodeLoginRequired:
			return KindNotLoggedIn
		case CodePremiumNeeded:
			return KindPremiumNeeded
		case CodeDeviceIDNeeded:
			return KindDeviceIDNeeded
		case CodeCSRF:
			return KindCSRF
		case CodeAreaBlocked:
			return KindAreaBlocked
		case CodeGeoBlocked:
			return KindGeoBlocked
		}
		return KindAPI
	case errors.As(err, &te):
		return statusKind(te.StatusCode)
	case errors.As(err, &ue):
		return KindUnexpected
	case errors.Is(err, context.DeadlineExceeded):
		return KindNetwork
	}
	return KindOther
}

// statusKind is what an HTTP status (0: no answer) amounts to.
func statusKind(s int) Kind {
	switch {
	case s == 0:
		return KindNetwork
	case s == 412:
		return KindRiskControl
	case s == 429:
		return KindRateLimited
	case s == 403:
		return KindAccessDenied
	case s == 408, s == 425:
		return KindTryLater
	case s >= 500 && s <= 599:
		return KindServer
	}
	return KindHTTP
}

// Retryable says whether err is a transient fault worth retrying the same
// request for, by its kind: no answer at all (timeout, reset, refused,
// DNS), risk control (412), a rate limit (429), the server's own trouble
// (5xx), a request to ask again (408, 425), or a garbled reply. Any other
// kind (403, 404, a code from the server, a reply that breaks the
// protocol for good) would get the same answer again: it is a failure,
// shown at once.
func Retryable(err error) bool {
	switch KindOf(err) {
	case KindNetwork:
		// a bare deadline is the caller's own, not the network's
		var te *TransportError
		return errors.As(err, &te)
	case KindRiskControl, KindRateLimited, KindServer, KindTryLater:
		return true
	case KindUnexpected:
		var ue *UnexpectedReplyError
		return errors.As(err, &ue) && !ue.Permanent
	default:
		return false
	}
}

// StatusOf is the HTTP status carried by err (a *TransportError), or 0.
func StatusOf(err error) int {
	var te *TransportError
	if errors.As(err, &te) {
		return te.StatusCode
	}
	return 0
}

// MessageOf is the server's own text in err (an *APIError), sanitized.
func MessageOf(err error) string {
	var api *APIError
	if errors.As(err, &api) {
		return api.Message
	}
	return ""
}

// ReasonOf is why a reply was unexpected (an *UnexpectedReplyError), in
// plain words.
func ReasonOf(err error) string {
	var ue *UnexpectedReplyError
	if errors.As(err, &ue) {
		return ue.Reason
	}
	return ""
}

// Cause is why a request got no answer at all (KindNetwork).
type Cause int

// The causes.
const (
	CauseUnreachable Cause = iota // anything else
	CauseTimeout
	CauseDNS
	CauseRefused
	CauseOffline
	CauseTLS
	CauseReset
)

// CauseOf names what went wrong on the network for err.
func CauseOf(err error) Cause {
	var dns *net.DNSError
	var tlsErr *tls.RecordHeaderError
	var certErr *tls.CertificateVerificationError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return CauseTimeout
	case errors.As(err, &dns):
		return CauseDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return CauseRefused
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return CauseOffline
	case errors.As(err, &tlsErr), errors.As(err, &certErr):
		return CauseTLS
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, syscall.EPIPE):
		return CauseReset
	}
	return CauseUnreachable
}

// TimeoutOf is the -timeout that ran out, for a *TimeoutError, or 0.
func TimeoutOf(err error) time.Duration {
	var te *TimeoutError
	if errors.As(err, &te) {
		return te.After
	}
	return 0
}

// CodeOf is the server's code carried by err (an *APIError), or 0.
func CodeOf(err error) int {
	var api *APIError
	if errors.As(err, &api) {
		return api.Code
	}
	return 0
}
