package ui

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"syscall"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
)

// Describe puts err into words a user can act on, in the given locale. It
// only ever shows typed, already-sanitized parts of the error: a raw error
// string could carry a URL with the ticket.
func Describe(locale string, err error) string {
	var api *passport.APIError
	var te *passport.TransportError
	var ue *passport.UnexpectedReplyError
	var pe *os.PathError
	var le *os.LinkError
	var fe *session.FileError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, passport.ErrNotLoggedIn):
		return T(locale, MsgErrNotLoggedIn)
	case errors.As(err, &api):
		msg := api.Message
		if known, ok := codeWords[api.Code]; ok {
			msg = T(locale, known)
		} else if msg == "" {
			msg = T(locale, MsgCodeUnknownErr)
		}
		return T(locale, MsgErrAPI, api.Code, msg)
	case errors.As(err, &te):
		if te.StatusCode != 0 {
			return T(locale, MsgErrHTTP, te.StatusCode, T(locale, httpWords(te.StatusCode)))
		}
		return T(locale, MsgErrNetwork, Cause(locale, te.Err))
	case errors.As(err, &ue):
		return T(locale, MsgErrUnexpected, SanitizeText(ue.Reason, 120))
	case errors.As(err, &fe), errors.Is(err, session.ErrNoSession):
		return SanitizeText(err.Error(), 300) // the file's path and why, no secrets
	case errors.As(err, &pe), errors.As(err, &le):
		return T(locale, MsgErrSave, SanitizeText(err.Error(), 200))
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return T(locale, MsgErrNetwork, Cause(locale, err))
	}
	return T(locale, MsgErrOther, SanitizeText(err.Error(), 120))
}

// Cause names what went wrong on the network, in words.
func Cause(locale string, err error) string {
	var dns *net.DNSError
	var tlsErr *tls.RecordHeaderError
	var certErr *tls.CertificateVerificationError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return T(locale, MsgCauseTimeout)
	case errors.As(err, &dns):
		return T(locale, MsgCauseDNS)
	case errors.Is(err, syscall.ECONNREFUSED):
		return T(locale, MsgCauseRefused)
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return T(locale, MsgCauseOffline)
	case errors.As(err, &tlsErr), errors.As(err, &certErr):
		return T(locale, MsgCauseTLS)
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, syscall.EPIPE):
		return T(locale, MsgCauseReset)
	}
	return T(locale, MsgCauseUnreachable)
}

var codeWords = map[int]Msg{
	passport.CodeNotLoggedIn:    MsgCodeNeedLogin,
	-111:                        MsgCodeCSRF,
	-404:                        MsgCodeUnknownErr,
	10003003:                    MsgCodeArea,
	10004001:                    MsgCodeGeo,
	passport.CodePremiumNeeded:  MsgCodePremium,
	passport.CodeLoginRequired:  MsgCodeNeedLogin,
	passport.CodeDeviceIDNeeded: MsgCodeDeviceID,
}

// UnverifiedReason says in words why a login could not be verified, with
// the server's code where it gave one: "the service asked for a device id
// (code 10023006)".
func UnverifiedReason(locale string, err error) string {
	code := passport.CodeOf(err)
	switch passport.KindOf(err) {
	case passport.KindDeviceIDNeeded:
		return T(locale, MsgWhyCode, T(locale, MsgCodeDeviceID), code)
	case passport.KindPremiumNeeded:
		return T(locale, MsgWhyCode, T(locale, MsgCodePremium), code)
	}
	return Describe(locale, err)
}

func httpWords(status int) Msg {
	switch {
	case status == 403:
		return MsgHTTP403
	case status == 412:
		return MsgHTTP412
	case status == 429:
		return MsgHTTP429
	case status >= 500:
		return MsgHTTP5xx
	}
	return MsgHTTPOther
}

// SanitizeText is passport.SanitizeText: server text may only reach the
// screen through it.
func SanitizeText(s string, max int) string { return passport.SanitizeText(s, max) }
