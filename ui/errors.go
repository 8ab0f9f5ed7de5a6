package ui

import (
	"errors"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Describe puts err into words a user can act on, in the given locale. It
// words passport's kinds of failure and shows only their typed, sanitized
// parts (code, status, server message, reason): a raw error string could
// carry a URL with the ticket. Files are the exception: a session file
// error is its own path and reason, which hold no secret.
func Describe(locale string, err error) string {
	var unreachable *passport.UnreachableError
	if errors.As(err, &unreachable) {
		last := i18n.T(locale, i18n.TextErrNoAnswer)
		if unreachable.Err != nil {
			last = MidSentence(Describe(locale, unreachable.Err))
		}
		return i18n.T(locale, i18n.TextErrUnreachable, i18n.ShortDuration(unreachable.After), last)
	}
	code, status := passport.CodeOf(err), passport.StatusOf(err)
	switch k := passport.KindOf(err); k {
	case passport.KindNone:
		return ""
	case passport.KindNotLoggedIn:
		if code == 0 {
			return i18n.T(locale, i18n.TextErrNotLoggedIn)
		}
		return i18n.T(locale, i18n.TextErrAPI, code, i18n.T(locale, i18n.TextCodeNeedLogin))
	case passport.KindPremiumNeeded, passport.KindDeviceIDNeeded, passport.KindCSRF, passport.KindAreaBlocked, passport.KindGeoBlocked:
		return i18n.T(locale, i18n.TextErrAPI, code, i18n.T(locale, kindWords[k]))
	case passport.KindAPI:
		msg := passport.MessageOf(err)
		if msg == "" {
			msg = i18n.T(locale, i18n.TextCodeUnknownErr)
		}
		return i18n.T(locale, i18n.TextErrAPI, code, msg)
	case passport.KindRiskControl, passport.KindRateLimited, passport.KindAccessDenied, passport.KindServer, passport.KindHTTP, passport.KindTryLater:
		return i18n.T(locale, i18n.TextErrHTTP, status, i18n.T(locale, kindWords[k]))
	case passport.KindNoSession:
		return i18n.T(locale, i18n.TextErrNoSession)
	case passport.KindTimeout:
		return i18n.T(locale, i18n.TextErrTimeout, i18n.ShortDuration(passport.TimeoutOf(err)))
	case passport.KindNetwork:
		// where it was going, and through which proxy: "which host?" is
		// the first question of anyone behind a firewall or a proxy
		switch host, proxy := passport.HostOf(err); {
		case host != "" && proxy != "":
			return i18n.T(locale, i18n.TextErrNetworkVia, SanitizeText(host, 255), SanitizeText(proxy, 255), Cause(locale, err))
		case host != "":
			return i18n.T(locale, i18n.TextErrNetworkAt, SanitizeText(host, 255), Cause(locale, err))
		}
		return i18n.T(locale, i18n.TextErrNetwork, Cause(locale, err))
	case passport.KindCancelled:
		return i18n.T(locale, i18n.TextErrCancelled)
	case passport.KindUnexpected:
		return i18n.T(locale, i18n.TextErrUnexpected, SanitizeText(passport.ReasonOf(err), 120))
	case passport.KindFile:
		return FileReason(err)
	case passport.KindFormat:
		var named interface{ CookieName() string }
		if errors.As(err, &named) {
			return i18n.T(locale, i18n.TextErrFormat, SanitizeText(named.CookieName(), 64))
		}
	case passport.KindOther:
		return i18n.T(locale, i18n.TextErrOther, SanitizeText(err.Error(), 120))
	}
	return i18n.T(locale, i18n.TextErrOther, SanitizeText(err.Error(), 120))
}

// kindWords words the kinds that have a short phrase of their own.
var kindWords = map[passport.Kind]i18n.Text{
	passport.KindPremiumNeeded:  i18n.TextCodePremium,
	passport.KindDeviceIDNeeded: i18n.TextCodeDeviceID,
	passport.KindCSRF:           i18n.TextCodeCSRF,
	passport.KindAreaBlocked:    i18n.TextCodeArea,
	passport.KindGeoBlocked:     i18n.TextCodeGeo,
	passport.KindRiskControl:    i18n.TextHTTP412,
	passport.KindRateLimited:    i18n.TextHTTP429,
	passport.KindAccessDenied:   i18n.TextHTTP403,
	passport.KindServer:         i18n.TextHTTP5xx,
	passport.KindHTTP:           i18n.TextHTTPOther,
	passport.KindTryLater:       i18n.TextHTTPTryLater,
}

// RetryTitle is the title of a retry notice, by what happened: network
// trouble, a rate limit, or the server's own trouble (any other reply).
func RetryTitle(err error) i18n.Text {
	switch passport.KindOf(err) {
	case passport.KindNetwork, passport.KindNone:
		return i18n.TextRetrying
	case passport.KindRateLimited:
		return i18n.TextRetryingRateLimited
	default: // any other reply: the server's own trouble
		return i18n.TextRetryingServer
	}
}

// Cause names what went wrong on the network, in words.
func Cause(locale string, err error) string {
	return i18n.T(locale, causeWords[passport.CauseOf(err)])
}

var causeWords = map[passport.Cause]i18n.Text{
	passport.CauseTimeout:     i18n.TextCauseTimeout,
	passport.CauseDNS:         i18n.TextCauseDNS,
	passport.CauseRefused:     i18n.TextCauseRefused,
	passport.CauseOffline:     i18n.TextCauseOffline,
	passport.CauseTLS:         i18n.TextCauseTLS,
	passport.CauseReset:       i18n.TextCauseReset,
	passport.CauseUnreachable: i18n.TextCauseUnreachable,
}

// UnverifiedReason says in words why a login could not be verified, with
// the server's code where it gave one: "the service asked for a device id
// (code 10023006)".
func UnverifiedReason(locale string, err error) string {
	switch k := passport.KindOf(err); k {
	case passport.KindDeviceIDNeeded, passport.KindPremiumNeeded:
		return i18n.T(locale, i18n.TextWhyCode, i18n.T(locale, kindWords[k]), passport.CodeOf(err))
	default:
		return Describe(locale, err)
	}
}

// SanitizeText is passport.SanitizeText: server text may only reach the
// screen through it.
func SanitizeText(s string, max int) string { return passport.SanitizeText(s, max) }
