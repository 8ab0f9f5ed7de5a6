package ui

import (
	"github.com/biliqr/biliqr/passport"
)

// Describe puts err into words a user can act on, in the given locale. It
// words passport's kinds of failure and shows only their typed, sanitized
// parts (code, status, server message, reason): a raw error string could
// carry a URL with the ticket. Files are the exception: a session file
// error is its own path and reason, which hold no secret.
func Describe(locale string, err error) string {
	code, status := passport.CodeOf(err), passport.StatusOf(err)
	switch k := passport.KindOf(err); k {
	case passport.KindNone:
		return ""
	case passport.KindNotLoggedIn:
		if code == 0 {
			return T(locale, MsgErrNotLoggedIn)
		}
		return T(locale, MsgErrAPI, code, T(locale, MsgCodeNeedLogin))
	case passport.KindPremiumNeeded, passport.KindDeviceIDNeeded, passport.KindCSRF, passport.KindAreaBlocked, passport.KindGeoBlocked:
		return T(locale, MsgErrAPI, code, T(locale, kindWords[k]))
	case passport.KindAPI:
		msg := passport.MessageOf(err)
		if msg == "" {
			msg = T(locale, MsgCodeUnknownErr)
		}
		return T(locale, MsgErrAPI, code, msg)
	case passport.KindRiskControl, passport.KindRateLimited, passport.KindAccessDenied, passport.KindServer, passport.KindHTTP:
		return T(locale, MsgErrHTTP, status, T(locale, kindWords[k]))
	case passport.KindNetwork, passport.KindCancelled:
		return T(locale, MsgErrNetwork, Cause(locale, err))
	case passport.KindUnexpected:
		return T(locale, MsgErrUnexpected, SanitizeText(passport.ReasonOf(err), 120))
	case passport.KindFile:
		return SanitizeText(err.Error(), 300)
	}
	return T(locale, MsgErrOther, SanitizeText(err.Error(), 120))
}

// kindWords words the kinds that have a short phrase of their own.
var kindWords = map[passport.Kind]Msg{
	passport.KindPremiumNeeded:  MsgCodePremium,
	passport.KindDeviceIDNeeded: MsgCodeDeviceID,
	passport.KindCSRF:           MsgCodeCSRF,
	passport.KindAreaBlocked:    MsgCodeArea,
	passport.KindGeoBlocked:     MsgCodeGeo,
	passport.KindRiskControl:    MsgHTTP412,
	passport.KindRateLimited:    MsgHTTP429,
	passport.KindAccessDenied:   MsgHTTP403,
	passport.KindServer:         MsgHTTP5xx,
	passport.KindHTTP:           MsgHTTPOther,
}

// Cause names what went wrong on the network, in words.
func Cause(locale string, err error) string {
	return T(locale, causeWords[passport.CauseOf(err)])
}

var causeWords = map[passport.Cause]Msg{
	passport.CauseTimeout:     MsgCauseTimeout,
	passport.CauseDNS:         MsgCauseDNS,
	passport.CauseRefused:     MsgCauseRefused,
	passport.CauseOffline:     MsgCauseOffline,
	passport.CauseTLS:         MsgCauseTLS,
	passport.CauseReset:       MsgCauseReset,
	passport.CauseUnreachable: MsgCauseUnreachable,
}

// UnverifiedReason says in words why a login could not be verified, with
// the server's code where it gave one: "the service asked for a device id
// (code 10023006)".
func UnverifiedReason(locale string, err error) string {
	switch k := passport.KindOf(err); k {
	case passport.KindDeviceIDNeeded, passport.KindPremiumNeeded:
		return T(locale, MsgWhyCode, T(locale, kindWords[k]), passport.CodeOf(err))
	}
	return Describe(locale, err)
}

// SanitizeText is passport.SanitizeText: server text may only reach the
// screen through it.
func SanitizeText(s string, max int) string { return passport.SanitizeText(s, max) }
