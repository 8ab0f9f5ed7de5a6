package ui

import (
	"fmt"
	"strings"

	"github.com/biliqr/biliqr/passport"
)

// Text names one string the app shows. Every Text has an English text in
// catalogEN; other locales fall back to English for a missing key (the
// catalog test makes sure none is missing).
type Text string

// The catalog keys, grouped by where they appear.
const (
	TextTitle            Text = "title"
	TextDemoBadge        Text = "demo_badge"
	TextFetching         Text = "fetching"
	TextScan             Text = "scan"
	TextScanHint         Text = "scan_hint"
	TextScanned          Text = "scanned"
	TextScannedHint      Text = "scanned_hint"
	TextExpiresIn        Text = "expires_in"
	TextExpiredRenewing  Text = "expired_renewing"
	TextLanguage         Text = "language"
	TextCompleting       Text = "completing"
	TextSaving           Text = "saving"
	TextChecking         Text = "checking"
	TextDone             Text = "done"
	TextSavedTo          Text = "saved_to"
	TextClosingSoon      Text = "closing_soon"
	TextFailed           Text = "failed"
	TextRetrying         Text = "retrying"
	TextTooSmall         Text = "too_small"
	TextOtherWays        Text = "other_ways"
	TextEastAsianHint    Text = "east_asian_hint"
	TextUnexpectedHost   Text = "unexpected_host"
	TextMenuTitle        Text = "menu_title"
	TextMenuFilter       Text = "menu_filter"
	TextMenuNoMatch      Text = "menu_no_match"
	TextMenuCurrent      Text = "menu_current"
	TextAccountNameMid   Text = "account_name_mid"
	TextAccountMid       Text = "account_mid"
	TextSummaryOK        Text = "summary_ok"
	TextSummaryStdout    Text = "summary_stdout"
	TextSummaryFailed    Text = "summary_failed"
	TextSummaryNotSaved  Text = "summary_not_saved"
	TextSummaryCancelled Text = "summary_cancelled"
	TextSummaryKept      Text = "summary_kept"
	TextAlreadyLoggedIn  Text = "already_logged_in"
	TextSessionInvalid   Text = "session_invalid"
	TextCheckFailed      Text = "check_failed"
	TextCopied           Text = "copied"
	TextOpened           Text = "opened"
	TextNoBrowser        Text = "no_browser"

	// key help
	TextKeyQuit    Text = "key_quit"
	TextKeyRefresh Text = "key_refresh"
	TextKeyRetry   Text = "key_retry"
	TextKeyLang    Text = "key_lang"
	TextKeyInvert  Text = "key_invert"
	TextKeyCopy    Text = "key_copy"
	TextKeyOpen    Text = "key_open"
	TextKeyPick    Text = "key_pick"
	TextKeyBack    Text = "key_back"
	TextKeyMove    Text = "key_move"
	TextKeyClose   Text = "key_close"
	TextKeyRelogin Text = "key_relogin"

	// errors, in words
	TextErrNotLoggedIn Text = "err_not_logged_in"
	TextErrInternal    Text = "err_internal"
	TextErrAPI         Text = "err_api"
	TextErrHTTP        Text = "err_http"
	TextErrNetwork     Text = "err_network"
	TextErrUnexpected  Text = "err_unexpected"
	TextErrSave        Text = "err_save"
	TextErrSaveHint    Text = "err_save_hint"
	TextErrOther       Text = "err_other"
	TextErrRetryHint   Text = "err_retry_hint"

	// causes and reasons used inside the error texts
	TextCauseTimeout     Text = "cause_timeout"
	TextCauseRefused     Text = "cause_refused"
	TextCauseDNS         Text = "cause_dns"
	TextCauseTLS         Text = "cause_tls"
	TextCauseReset       Text = "cause_reset"
	TextCauseOffline     Text = "cause_offline"
	TextCauseUnreachable Text = "cause_unreachable"
	TextHTTP403          Text = "http_403"
	TextHTTP412          Text = "http_412"
	TextHTTP429          Text = "http_429"
	TextHTTP5xx          Text = "http_5xx"
	TextHTTPOther        Text = "http_other"
	TextCodeCSRF         Text = "code_csrf"
	TextCodeArea         Text = "code_area"
	TextCodeGeo          Text = "code_geo"
	TextCodeNeedLogin    Text = "code_need_login"
	TextCodeUnknownErr   Text = "code_unknown_error"

	// a login saved without verification (PROTOCOL.md §4)
	TextUnverified        Text = "unverified"
	TextSummaryUnverified Text = "summary_unverified"
	TextWhyCode           Text = "why_code"
	TextCodeDeviceID      Text = "code_device_id"
	TextCodePremium       Text = "code_premium"

	// titles
	TextNotSavedTitle Text = "not_saved_title" // the failure screen after a login that could not be saved

	// warnings
	TextLooseMode        Text = "loose_mode"        // the saved session file is open to other users
	TextUnexpectedScheme Text = "unexpected_scheme" // the QR link is not https
	TextRetryNewCode     Text = "retry_new_code"    // a wait that outlives the code

	// when the session ends (issue 18; texts in i18n_expiry.go)
	TextSessionEnds          Text = "session_ends"           // inline: "the session ends on DATE"
	TextSessionEndsLine      Text = "session_ends_line"      // a line of its own on the done and already-logged-in screens
	TextSessionExpiredOn     Text = "session_expired_on"     // inline: the saved session ended by date
	TextSessionExpiredNotice Text = "session_expired_notice" // the app's notice before a new code
	TextLooseModeShared      Text = "loose_mode_shared"      // TextLooseMode for a jar of other sites too
	TextCookieDropped        Text = "cookie_dropped"         // a cookie over 4096 bytes was not saved
)

// catalogEN is the reference catalog; fmt verbs mark the arguments.
var catalogEN = map[Text]string{
	TextTitle:            "biliqr · bilibili.tv login",
	TextDemoBadge:        "demo, offline",
	TextFetching:         "Requesting a QR code…",
	TextScan:             "Scan with the bilibili.tv app",
	TextScanHint:         "Open the app on your phone and use its scanner.",
	TextScanned:          "Scanned — confirm on your phone",
	TextScannedHint:      "Tap confirm in the app to finish logging in.",
	TextExpiresIn:        "Expires in %s",
	TextExpiredRenewing:  "The code expired — getting a new one…",
	TextLanguage:         "Language: %s",
	TextCompleting:       "Finishing the login…",
	TextSaving:           "Saving the session…",
	TextChecking:         "Checking the saved session…",
	TextDone:             "Logged in as %s",
	TextSavedTo:          "Session saved to %s (%s)",
	TextClosingSoon:      "Closing in a moment — press any key to close now.",
	TextFailed:           "Login failed",
	TextRetrying:         "Network trouble — retrying in %ds",
	TextTooSmall:         "Window too small for the QR code: needs %d×%d, have %d×%d.",
	TextOtherWays:        "Enlarge the window, or press c to copy the link, o to open it.",
	TextEastAsianHint:    "Block characters are double width here; if your terminal draws them narrow, run with RUNEWIDTH_EASTASIAN=0.",
	TextUnexpectedHost:   "Note: this QR code points at an unexpected host (%s).",
	TextMenuTitle:        "Choose your language",
	TextMenuFilter:       "Filter: %s",
	TextMenuNoMatch:      "No language matches.",
	TextMenuCurrent:      "current",
	TextAccountNameMid:   "%s (mid %d)",
	TextAccountMid:       "mid %d",
	TextSummaryOK:        "Logged in to bilibili.tv as %s; session saved to %s (%s)",
	TextSummaryStdout:    "Logged in to bilibili.tv as %s; session written to standard output (%s)",
	TextSummaryFailed:    "biliqr: login failed: %s",
	TextSummaryNotSaved:  "biliqr: logged in as %s, but the session was not saved: %s",
	TextSummaryCancelled: "biliqr: cancelled; nothing was saved",
	TextSummaryKept:      "Already logged in to bilibili.tv as %s; session kept in %s",
	TextAlreadyLoggedIn:  "Already logged in as %s",
	TextSessionInvalid:   "The saved session is no longer valid — log in again.",
	TextCheckFailed:      "Could not check the saved session: %s",
	TextCopied:           "Link copied to the clipboard.",
	TextOpened:           "Opened the link in your browser.",
	TextNoBrowser:        "No browser here (e.g. over SSH) — scan the code instead.",

	TextKeyQuit:    "quit",
	TextKeyRefresh: "new code",
	TextKeyRetry:   "try again",
	TextKeyLang:    "language",
	TextKeyInvert:  "invert",
	TextKeyCopy:    "copy link",
	TextKeyOpen:    "open link",
	TextKeyPick:    "choose",
	TextKeyBack:    "back",
	TextKeyMove:    "move",
	TextKeyClose:   "close",
	TextKeyRelogin: "log in again",

	TextErrNotLoggedIn: "The server says the login did not complete. Nothing was saved.",
	TextErrInternal:    "internal error (a bug in biliqr; the trace follows)",
	TextErrAPI:         "The server refused (code %d): %s",
	TextErrHTTP:        "The server answered HTTP %d: %s",
	TextErrNetwork:     "Network trouble: %s",
	TextErrUnexpected:  "The server sent an unexpected reply: %s",
	TextErrSave:        "Could not save the session: %s",
	TextErrSaveHint:    "Your login is kept until biliqr is closed: fix it and press r, or run again with -o - or another -o path.",
	TextErrOther:       "Something went wrong: %s",
	TextErrRetryHint:   "Press r to try again.",

	TextCauseTimeout:     "the server did not answer in time",
	TextCauseRefused:     "the connection was refused",
	TextCauseDNS:         "the host name could not be resolved",
	TextCauseTLS:         "the secure connection failed",
	TextCauseReset:       "the connection was cut",
	TextCauseOffline:     "the network is unreachable",
	TextCauseUnreachable: "the server could not be reached",
	TextHTTP403:          "access denied",
	TextHTTP412:          "blocked by risk control",
	TextHTTP429:          "too many requests",
	TextHTTP5xx:          "the service is having trouble",
	TextHTTPOther:        "unexpected status",
	TextCodeCSRF:         "security check failed",
	TextCodeArea:         "not available in your area",
	TextCodeGeo:          "blocked in your region",
	TextCodeNeedLogin:    "login required",
	TextCodeUnknownErr:   "unknown error",

	TextUnverified:        "Saved unverified — bilibili.tv could not confirm the login: %s. It very probably worked; check it later with biliqr -check.",
	TextSummaryUnverified: "(unverified: %s)",
	TextWhyCode:           "%s (code %d)",
	TextCodeDeviceID:      "the service asked for a device id",
	TextCodePremium:       "premium membership needed",

	TextNotSavedTitle: "Logged in, but the session was not saved",

	TextLooseMode:        "Warning: other users can read %s (mode %s), and it holds your login. Run chmod 600 on it; the next save writes it 0600.",
	TextUnexpectedScheme: "Note: this QR code's link is %s://, not https:// — a login link must use https.",
	TextRetryNewCode:     "The server asks to wait %ds, longer than this code lives — a new code follows then",

	// the plain-text view (-plain, -json)
	TextStreamScan:        "Scan this QR code with the bilibili.tv app on your phone:",
	TextStreamExpires:     "The code expires in %s, at %s.",
	TextStreamWaiting:     "Still waiting for a scan; the code expires in %s.",
	TextStreamScanned:     "Scanned. Confirm the login in the bilibili.tv app on your phone.",
	TextStreamRetrying:    "%s — retrying in %ds.",
	TextStreamKept:        "Already logged in to bilibili.tv as %s; the session in %s is kept. Run with -force to log in again.",
	TextStreamCheckFailed: "Could not check the saved session (%s); logging in again.",
	TextStreamDemo:        "Demo: offline, against a built-in fake of bilibili.tv; nothing real is logged in.",

	TextStreamWaitingScanned: "Still waiting for the confirmation on your phone.",
}

// catalogs maps an s_locale code to its translations. Locales without an
// entry (or keys missing from one) fall back to English.
var catalogs = map[string]map[Text]string{
	"en_US": catalogEN,
	"th_TH": catalogTH,
	"vi_VN": catalogVI,
	"id_ID": catalogID,
	"ms_MY": catalogMS,
	"zh_ZH": catalogZH,
}

// T returns the text of m in the language of locale, formatted with args.
func T(locale string, m Text, args ...any) string {
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
		return T(locale, TextAccountMid, a.Mid)
	}
	return T(locale, TextAccountNameMid, a.Name, a.Mid)
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
	TextStreamScan        Text = "stream_scan"
	TextStreamExpires     Text = "stream_expires"
	TextStreamWaiting     Text = "stream_waiting"
	TextStreamScanned     Text = "stream_scanned"
	TextStreamRetrying    Text = "stream_retrying"
	TextStreamKept        Text = "stream_kept"
	TextStreamCheckFailed Text = "stream_check_failed"
	TextStreamDemo        Text = "stream_demo"

	TextStreamWaitingScanned Text = "stream_waiting_scanned"
)
