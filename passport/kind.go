package passport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"
)

// Kind is what sort of failure an error is, so that callers decide and word
// things by kind and never need to know bilibili's codes or the error types.
type Kind int

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
)

var kindNames = [...]string{
	KindNone: "none", KindNotLoggedIn: "not_logged_in", KindPremiumNeeded: "premium_needed",
	KindDeviceIDNeeded: "device_id_needed", KindRiskControl: "risk_control", KindRateLimited: "rate_limited",
	KindAccessDenied: "access_denied", KindServer: "server", KindHTTP: "http", KindNetwork: "network",
	KindUnexpected: "unexpected_reply", KindCSRF: "csrf", KindAreaBlocked: "area_blocked", KindGeoBlocked: "geo_blocked", KindAPI: "api", KindCancelled: "cancelled", KindFile: "file", KindOther: "other",
}

// String is the kind's stable name, as machine-readable output carries it.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Kinded is an error that knows its kind (session's file errors).
type Kinded interface{ Kind() Kind }

// KindOf classifies err.
func KindOf(err error) Kind {
	var api *APIError
	var te *TransportError
	var ue *UnexpectedReplyError
	var kinded Kinded
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case err == nil:
		return KindNone
	case errors.As(err, &kinded):
		return kinded.Kind()
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
		switch s := te.StatusCode; {
		case s == 0:
			return KindNetwork
		case s == 412:
			return KindRiskControl
		case s == 429:
			return KindRateLimited
		case s == 403:
			return KindAccessDenied
		case s >= 500:
			return KindServer
		}
		return KindHTTP
	case errors.As(err, &ue):
		return KindUnexpected
	case errors.Is(err, context.DeadlineExceeded):
		return KindNetwork
	case errors.As(err, &pe), errors.As(err, &le):
		return KindFile
	}
	return KindOther
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

// CodeOf is the server's code carried by err (an *APIError), or 0.
func CodeOf(err error) int {
	var api *APIError
	if errors.As(err, &api) {
		return api.Code
	}
	return 0
}
