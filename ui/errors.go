package ui

import (
	"strings"
	"time"

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
			return T(locale, TextErrNotLoggedIn)
		}
		return T(locale, TextErrAPI, code, T(locale, TextCodeNeedLogin))
	case passport.KindPremiumNeeded, passport.KindDeviceIDNeeded, passport.KindCSRF, passport.KindAreaBlocked, passport.KindGeoBlocked:
		return T(locale, TextErrAPI, code, T(locale, kindWords[k]))
	case passport.KindAPI:
		msg := passport.MessageOf(err)
		if msg == "" {
			msg = T(locale, TextCodeUnknownErr)
		}
		return T(locale, TextErrAPI, code, msg)
	case passport.KindRiskControl, passport.KindRateLimited, passport.KindAccessDenied, passport.KindServer, passport.KindHTTP, passport.KindTryLater:
		return T(locale, TextErrHTTP, status, T(locale, kindWords[k]))
	case passport.KindNoSession:
		return T(locale, TextErrNoSession)
	case passport.KindTimeout:
		return T(locale, TextErrTimeout, ShortDuration(passport.TimeoutOf(err)))
	case passport.KindNetwork, passport.KindCancelled:
		// where it was going, and through which proxy: "which host?" is
		// the first question of anyone behind a firewall or a proxy
		switch host, proxy := passport.HostOf(err); {
		case host != "" && proxy != "":
			return T(locale, TextErrNetworkVia, SanitizeText(host, 255), SanitizeText(proxy, 255), Cause(locale, err))
		case host != "":
			return T(locale, TextErrNetworkAt, SanitizeText(host, 255), Cause(locale, err))
		}
		return T(locale, TextErrNetwork, Cause(locale, err))
	case passport.KindUnexpected:
		return T(locale, TextErrUnexpected, SanitizeText(passport.ReasonOf(err), 120))
	case passport.KindFile:
		return FileReason(err)
	}
	return T(locale, TextErrOther, SanitizeText(err.Error(), 120))
}

// kindWords words the kinds that have a short phrase of their own.
var kindWords = map[passport.Kind]Text{
	passport.KindPremiumNeeded:  TextCodePremium,
	passport.KindDeviceIDNeeded: TextCodeDeviceID,
	passport.KindCSRF:           TextCodeCSRF,
	passport.KindAreaBlocked:    TextCodeArea,
	passport.KindGeoBlocked:     TextCodeGeo,
	passport.KindRiskControl:    TextHTTP412,
	passport.KindRateLimited:    TextHTTP429,
	passport.KindAccessDenied:   TextHTTP403,
	passport.KindServer:         TextHTTP5xx,
	passport.KindHTTP:           TextHTTPOther,
	passport.KindTryLater:       TextHTTPTryLater,
}

// RetryTitle is the title of a retry notice, by what happened: network
// trouble, a rate limit, or the server's own trouble (any other reply).
func RetryTitle(err error) Text {
	switch passport.KindOf(err) {
	case passport.KindNetwork, passport.KindNone:
		return TextRetrying
	case passport.KindRateLimited:
		return TextRetryingRateLimited
	}
	return TextRetryingServer
}

// ShortDuration spells d as the -timeout flag takes it, without zero
// units: 30m, 1h, 1h30m, 45s.
func ShortDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Cause names what went wrong on the network, in words.
func Cause(locale string, err error) string {
	return T(locale, causeWords[passport.CauseOf(err)])
}

var causeWords = map[passport.Cause]Text{
	passport.CauseTimeout:     TextCauseTimeout,
	passport.CauseDNS:         TextCauseDNS,
	passport.CauseRefused:     TextCauseRefused,
	passport.CauseOffline:     TextCauseOffline,
	passport.CauseTLS:         TextCauseTLS,
	passport.CauseReset:       TextCauseReset,
	passport.CauseUnreachable: TextCauseUnreachable,
}

// UnverifiedReason says in words why a login could not be verified, with
// the server's code where it gave one: "the service asked for a device id
// (code 10023006)".
func UnverifiedReason(locale string, err error) string {
	switch k := passport.KindOf(err); k {
	case passport.KindDeviceIDNeeded, passport.KindPremiumNeeded:
		return T(locale, TextWhyCode, T(locale, kindWords[k]), passport.CodeOf(err))
	}
	return Describe(locale, err)
}

// SanitizeText is passport.SanitizeText: server text may only reach the
// screen through it.
func SanitizeText(s string, max int) string { return passport.SanitizeText(s, max) }
