package ui

import (
	"fmt"
	"strings"

	"github.com/biliqr/biliqr/passport"
)

// Msg names one string the app shows. Every Msg has an English text in
// catalogEN; other locales fall back to English for a missing key (the
// catalog test makes sure none is missing).
type Msg string

// The catalog keys, grouped by where they appear.
const (
	MsgTitle            Msg = "title"
	MsgDemoBadge        Msg = "demo_badge"
	MsgFetching         Msg = "fetching"
	MsgScan             Msg = "scan"
	MsgScanHint         Msg = "scan_hint"
	MsgScanned          Msg = "scanned"
	MsgScannedHint      Msg = "scanned_hint"
	MsgExpiresIn        Msg = "expires_in"
	MsgExpiredRenewing  Msg = "expired_renewing"
	MsgLanguage         Msg = "language"
	MsgCompleting       Msg = "completing"
	MsgSaving           Msg = "saving"
	MsgChecking         Msg = "checking"
	MsgDone             Msg = "done"
	MsgSavedTo          Msg = "saved_to"
	MsgClosingSoon      Msg = "closing_soon"
	MsgFailed           Msg = "failed"
	MsgRetrying         Msg = "retrying"
	MsgTooSmall         Msg = "too_small"
	MsgOtherWays        Msg = "other_ways"
	MsgEastAsianHint    Msg = "east_asian_hint"
	MsgUnexpectedHost   Msg = "unexpected_host"
	MsgMenuTitle        Msg = "menu_title"
	MsgMenuFilter       Msg = "menu_filter"
	MsgMenuNoMatch      Msg = "menu_no_match"
	MsgMenuCurrent      Msg = "menu_current"
	MsgAccountNameMid   Msg = "account_name_mid"
	MsgAccountMid       Msg = "account_mid"
	MsgSummaryOK        Msg = "summary_ok"
	MsgSummaryStdout    Msg = "summary_stdout"
	MsgSummaryFailed    Msg = "summary_failed"
	MsgSummaryNotSaved  Msg = "summary_not_saved"
	MsgSummaryCancelled Msg = "summary_cancelled"
	MsgSummaryKept      Msg = "summary_kept"
	MsgAlreadyLoggedIn  Msg = "already_logged_in"
	MsgSessionInvalid   Msg = "session_invalid"
	MsgCheckFailed      Msg = "check_failed"
	MsgCopied           Msg = "copied"
	MsgOpened           Msg = "opened"
	MsgNoBrowser        Msg = "no_browser"

	// key help
	MsgKeyQuit    Msg = "key_quit"
	MsgKeyRefresh Msg = "key_refresh"
	MsgKeyRetry   Msg = "key_retry"
	MsgKeyLang    Msg = "key_lang"
	MsgKeyInvert  Msg = "key_invert"
	MsgKeyCopy    Msg = "key_copy"
	MsgKeyOpen    Msg = "key_open"
	MsgKeyPick    Msg = "key_pick"
	MsgKeyBack    Msg = "key_back"
	MsgKeyMove    Msg = "key_move"
	MsgKeyClose   Msg = "key_close"
	MsgKeyRelogin Msg = "key_relogin"

	// errors, in words
	MsgErrNotLoggedIn Msg = "err_not_logged_in"
	MsgErrInternal    Msg = "err_internal"
	MsgErrAPI         Msg = "err_api"
	MsgErrHTTP        Msg = "err_http"
	MsgErrNetwork     Msg = "err_network"
	MsgErrUnexpected  Msg = "err_unexpected"
	MsgErrSave        Msg = "err_save"
	MsgErrSaveHint    Msg = "err_save_hint"
	MsgErrOther       Msg = "err_other"
	MsgErrRetryHint   Msg = "err_retry_hint"

	// causes and reasons used inside the error texts
	MsgCauseTimeout     Msg = "cause_timeout"
	MsgCauseRefused     Msg = "cause_refused"
	MsgCauseDNS         Msg = "cause_dns"
	MsgCauseTLS         Msg = "cause_tls"
	MsgCauseReset       Msg = "cause_reset"
	MsgCauseOffline     Msg = "cause_offline"
	MsgCauseUnreachable Msg = "cause_unreachable"
	MsgHTTP403          Msg = "http_403"
	MsgHTTP412          Msg = "http_412"
	MsgHTTP429          Msg = "http_429"
	MsgHTTP5xx          Msg = "http_5xx"
	MsgHTTPOther        Msg = "http_other"
	MsgCodeCSRF         Msg = "code_csrf"
	MsgCodeArea         Msg = "code_area"
	MsgCodeGeo          Msg = "code_geo"
	MsgCodeNeedLogin    Msg = "code_need_login"
	MsgCodeUnknownErr   Msg = "code_unknown_error"

	// a login saved without verification (protocol.md §4)
	MsgUnverified        Msg = "unverified"
	MsgSummaryUnverified Msg = "summary_unverified"
	MsgWhyCode           Msg = "why_code"
	MsgCodeDeviceID      Msg = "code_device_id"
	MsgCodePremium       Msg = "code_premium"

	// titles
	MsgNotSavedTitle Msg = "not_saved_title" // the failure screen after a login that could not be saved

	// warnings
	MsgLooseMode        Msg = "loose_mode"        // the saved session file is open to other users
	MsgUnexpectedScheme Msg = "unexpected_scheme" // the QR link is not https
	MsgRetryNewCode     Msg = "retry_new_code"    // a wait that outlives the code
)

// catalogEN is the reference catalog; fmt verbs mark the arguments.
var catalogEN = map[Msg]string{
	MsgTitle:            "biliqr · bilibili.tv login",
	MsgDemoBadge:        "demo, offline",
	MsgFetching:         "Requesting a QR code…",
	MsgScan:             "Scan with the bilibili.tv app",
	MsgScanHint:         "Open the app on your phone and use its scanner.",
	MsgScanned:          "Scanned — confirm on your phone",
	MsgScannedHint:      "Tap confirm in the app to finish logging in.",
	MsgExpiresIn:        "Expires in %s",
	MsgExpiredRenewing:  "The code expired — getting a new one…",
	MsgLanguage:         "Language: %s",
	MsgCompleting:       "Finishing the login…",
	MsgSaving:           "Saving the session…",
	MsgChecking:         "Checking the saved session…",
	MsgDone:             "Logged in as %s",
	MsgSavedTo:          "Session saved to %s (%s)",
	MsgClosingSoon:      "Closing in a moment — press any key to close now.",
	MsgFailed:           "Login failed",
	MsgRetrying:         "Network trouble — retrying in %ds",
	MsgTooSmall:         "Window too small for the QR code: needs %d×%d, have %d×%d.",
	MsgOtherWays:        "Enlarge the window, or press c to copy the link, o to open it.",
	MsgEastAsianHint:    "Block characters are double width here; if your terminal draws them narrow, run with RUNEWIDTH_EASTASIAN=0.",
	MsgUnexpectedHost:   "Note: this QR code points at an unexpected host (%s).",
	MsgMenuTitle:        "Choose your language",
	MsgMenuFilter:       "Filter: %s",
	MsgMenuNoMatch:      "No language matches.",
	MsgMenuCurrent:      "current",
	MsgAccountNameMid:   "%s (mid %d)",
	MsgAccountMid:       "mid %d",
	MsgSummaryOK:        "Logged in to bilibili.tv as %s; session saved to %s (%s)",
	MsgSummaryStdout:    "Logged in to bilibili.tv as %s; session written to standard output (%s)",
	MsgSummaryFailed:    "biliqr: login failed: %s",
	MsgSummaryNotSaved:  "biliqr: logged in as %s, but the session was not saved: %s",
	MsgSummaryCancelled: "biliqr: cancelled; nothing was saved",
	MsgSummaryKept:      "Already logged in to bilibili.tv as %s; session kept in %s",
	MsgAlreadyLoggedIn:  "Already logged in as %s",
	MsgSessionInvalid:   "The saved session is no longer valid — log in again.",
	MsgCheckFailed:      "Could not check the saved session: %s",
	MsgCopied:           "Link copied to the clipboard.",
	MsgOpened:           "Opened the link in your browser.",
	MsgNoBrowser:        "No browser here (e.g. over SSH) — scan the code instead.",

	MsgKeyQuit:    "quit",
	MsgKeyRefresh: "new code",
	MsgKeyRetry:   "try again",
	MsgKeyLang:    "language",
	MsgKeyInvert:  "invert",
	MsgKeyCopy:    "copy link",
	MsgKeyOpen:    "open link",
	MsgKeyPick:    "choose",
	MsgKeyBack:    "back",
	MsgKeyMove:    "move",
	MsgKeyClose:   "close",
	MsgKeyRelogin: "log in again",

	MsgErrNotLoggedIn: "The server says the login did not complete. Nothing was saved.",
	MsgErrInternal:    "internal error (a bug in biliqr; the trace follows)",
	MsgErrAPI:         "The server refused (code %d): %s",
	MsgErrHTTP:        "The server answered HTTP %d: %s",
	MsgErrNetwork:     "Network trouble: %s",
	MsgErrUnexpected:  "The server sent an unexpected reply: %s",
	MsgErrSave:        "Could not save the session: %s",
	MsgErrSaveHint:    "Your login is kept until biliqr is closed: fix it and press r, or run again with -o - or another -o path.",
	MsgErrOther:       "Something went wrong: %s",
	MsgErrRetryHint:   "Press r to try again.",

	MsgCauseTimeout:     "the server did not answer in time",
	MsgCauseRefused:     "the connection was refused",
	MsgCauseDNS:         "the host name could not be resolved",
	MsgCauseTLS:         "the secure connection failed",
	MsgCauseReset:       "the connection was cut",
	MsgCauseOffline:     "the network is unreachable",
	MsgCauseUnreachable: "the server could not be reached",
	MsgHTTP403:          "access denied",
	MsgHTTP412:          "blocked by risk control",
	MsgHTTP429:          "too many requests",
	MsgHTTP5xx:          "the service is having trouble",
	MsgHTTPOther:        "unexpected status",
	MsgCodeCSRF:         "security check failed",
	MsgCodeArea:         "not available in your area",
	MsgCodeGeo:          "blocked in your region",
	MsgCodeNeedLogin:    "login required",
	MsgCodeUnknownErr:   "unknown error",

	MsgUnverified:        "Saved unverified — bilibili.tv could not confirm the login: %s. It very probably worked; check it later with biliqr -check.",
	MsgSummaryUnverified: "(unverified: %s)",
	MsgWhyCode:           "%s (code %d)",
	MsgCodeDeviceID:      "the service asked for a device id",
	MsgCodePremium:       "premium membership needed",

	MsgNotSavedTitle: "Logged in, but the session was not saved",

	MsgLooseMode:        "Warning: other users can read %s (mode %s), and it holds your login. Run chmod 600 on it; the next save writes it 0600.",
	MsgUnexpectedScheme: "Note: this QR code's link is %s://, not https:// — a login link must use https.",
	MsgRetryNewCode:     "The server asks to wait %ds, longer than this code lives — a new code follows then",

	// the plain-text view (-plain, -json)
	MsgStreamScan:        "Scan this QR code with the bilibili.tv app on your phone:",
	MsgStreamExpires:     "The code expires in %s, at %s.",
	MsgStreamWaiting:     "Still waiting for a scan; the code expires in %s.",
	MsgStreamScanned:     "Scanned. Confirm the login in the bilibili.tv app on your phone.",
	MsgStreamRetrying:    "%s — retrying in %ds.",
	MsgStreamKept:        "Already logged in to bilibili.tv as %s; the session in %s is kept. Run with -force to log in again.",
	MsgStreamCheckFailed: "Could not check the saved session (%s); logging in again.",
	MsgStreamDemo:        "Demo: offline, against a built-in fake of bilibili.tv; nothing real is logged in.",

	MsgStreamWaitingScanned: "Still waiting for the confirmation on your phone.",
}

// catalogs maps an s_locale code to its translations. Locales without an
// entry (or keys missing from one) fall back to English.
var catalogs = map[string]map[Msg]string{
	"en_US": catalogEN,
	"th_TH": catalogTH,
	"vi_VN": catalogVI,
	"id_ID": catalogID,
	"ms_MY": catalogMS,
	"zh_ZH": catalogZH,
}

// T returns the text of m in the language of locale, formatted with args.
func T(locale string, m Msg, args ...any) string {
	s, ok := catalogs[locale][m]
	if !ok || s == "" {
		s = catalogEN[m]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// AccountLabel is "NAME (mid N)", or "mid N" when the name is unknown.
func AccountLabel(locale string, a passport.Account) string {
	if strings.TrimSpace(a.Name) == "" {
		return T(locale, MsgAccountMid, a.Mid)
	}
	return T(locale, MsgAccountNameMid, a.Name, a.Mid)
}

// Countdown formats a remaining time as m:ss, never negative.
func Countdown(d int) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%d:%02d", d/60, d%60)
}

// The plain-text view (-plain, and the human text of -json): one full
// sentence per event, for logs and screen readers.
const (
	MsgStreamScan        Msg = "stream_scan"
	MsgStreamExpires     Msg = "stream_expires"
	MsgStreamWaiting     Msg = "stream_waiting"
	MsgStreamScanned     Msg = "stream_scanned"
	MsgStreamRetrying    Msg = "stream_retrying"
	MsgStreamKept        Msg = "stream_kept"
	MsgStreamCheckFailed Msg = "stream_check_failed"
	MsgStreamDemo        Msg = "stream_demo"

	MsgStreamWaitingScanned Msg = "stream_waiting_scanned"
)
