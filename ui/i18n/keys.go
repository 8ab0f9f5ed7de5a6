package i18n

// Text names one string the app shows. Every Text has an English text in
// catalog/en.json; another language falls back to English for a missing
// key (TestCatalogComplete makes sure none is missing).
type Text string

// The full-screen app: the frame around every screen.
const (
	TextTitle         Text = "title"
	TextDemoBadge     Text = "demo_badge"
	TextLanguage      Text = "language"
	TextTooSmall      Text = "too_small"
	TextOtherWays     Text = "other_ways"
	TextEastAsianHint Text = "east_asian_hint"
)

// The full-screen app: the code screen, from the request to the scan, and
// the notices a key or a renewed code leaves on it.
const (
	TextFetching            Text = "fetching"
	TextScan                Text = "scan"
	TextScanHint            Text = "scan_hint"
	TextScanned             Text = "scanned"
	TextScannedHint         Text = "scanned_hint"
	TextExpiresIn           Text = "expires_in"
	TextMinutesLeft         Text = "minutes_left" // the time on a code while more than a minute is left
	TextSecondsLeft         Text = "seconds_left" // then, in tens of seconds
	TextExpiredRenewing     Text = "expired_renewing"
	TextRenewed             Text = "renewed"
	TextRetrying            Text = "retrying"
	TextRetryingRateLimited Text = "retrying_rate_limited" // the title of a 429 retry
	TextRetryingServer      Text = "retrying_server"       // the title of a 5xx, 408/425, 412 or garbled-reply retry
	TextRetryNewCode        Text = "retry_new_code"        // a wait that outlives the code
	TextUnexpectedHost      Text = "unexpected_host"
	TextUnexpectedScheme    Text = "unexpected_scheme"    // the QR link is not https
	TextUnexpectedUserInfo  Text = "unexpected_user_info" // the QR link carries user@
	TextCopied              Text = "copied"
	TextOpened              Text = "opened"
	TextNoBrowser           Text = "no_browser"
	TextInvertOn            Text = "invert_on"
	TextInvertOff           Text = "invert_off"
)

// The full-screen app: finishing, done, already logged in, and failed.
const (
	TextCompleting           Text = "completing"
	TextSaving               Text = "saving"
	TextChecking             Text = "checking"
	TextDone                 Text = "done"
	TextSavedTo              Text = "saved_to"
	TextSavedIn              Text = "saved_in"
	TextClosingSoon          Text = "closing_soon"
	TextAlreadyLoggedIn      Text = "already_logged_in"
	TextSessionInvalid       Text = "session_invalid"
	TextSessionExpiredNotice Text = "session_expired_notice" // the app's notice before a new code
	TextCheckFailed          Text = "check_failed"
	TextFailed               Text = "failed"
	TextNotSavedTitle        Text = "not_saved_title" // the failure screen after a login that could not be saved
	TextErrSave              Text = "err_save"
	TextErrSaveHint          Text = "err_save_hint"
	// a login saved without verification (PROTOCOL.md §4)
	TextUnverified Text = "unverified"
	// warnings about the saved file
	TextLooseMode       Text = "loose_mode"        // the saved session file is open to other users
	TextLooseModeShared Text = "loose_mode_shared" // TextLooseMode for a jar of other sites too
)

// The full-screen app: the language menu.
const (
	TextMenuTitle   Text = "menu_title"
	TextMenuFilter  Text = "menu_filter"
	TextMenuNoMatch Text = "menu_no_match"
	TextMenuCurrent Text = "menu_current"
)

// The full-screen app: the help bar, the words after each key.
const (
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
	TextKeyKeep    Text = "key_keep"
	TextKeyAnyKey  Text = "key_any_key" // the key name shown for "any key" on the done screen
	TextKeyClear   Text = "key_clear"   // esc in the menu with a filter typed
	TextKeyFilter  Text = "key_filter"  // typing in the menu
)

// The summary line on standard error after the full-screen app closes, and
// after -plain and -json.
const (
	TextSummaryOK         Text = "summary_ok"
	TextSummaryOKDemo     Text = "summary_ok_demo" // -demo: the fake's session is no bilibili.tv login
	TextSummaryStdout     Text = "summary_stdout"
	TextSummaryFailed     Text = "summary_failed"
	TextSummaryNotSaved   Text = "summary_not_saved"
	TextSummaryCancelled  Text = "summary_cancelled"
	TextSummaryKept       Text = "summary_kept"
	TextSummaryKeptDemo   Text = "summary_kept_demo"
	TextSummaryKeptPath   Text = "summary_kept_path"
	TextSummaryUnverified Text = "summary_unverified"
	TextCookieDropped     Text = "cookie_dropped" // a cookie over 4096 bytes was not saved
)

// The plain-text view (-plain, and the human text of -json): one full
// sentence per event, for logs and screen readers.
const (
	TextStreamScan           Text = "stream_scan"
	TextStreamLink           Text = "stream_link" // -qr none: the link instead of a code
	TextStreamExpires        Text = "stream_expires"
	TextStreamWaiting        Text = "stream_waiting"
	TextStreamWaitingScanned Text = "stream_waiting_scanned"
	TextStreamScanned        Text = "stream_scanned"
	TextStreamRetrying       Text = "stream_retrying"
	TextStreamKept           Text = "stream_kept"
	TextStreamKeptDemo       Text = "stream_kept_demo"
	TextStreamCheckFailed    Text = "stream_check_failed"
	TextStreamDemo           Text = "stream_demo"
)

// The -check and -logout lines. They are read mid-sentence in a log or a
// cron mail ("could not check: …"), so they start in lower case, and a line
// that says "not logged in" says what to do next, as gh auth status does.
const (
	TextCheckLoggedIn      Text = "check_logged_in"
	TextCheckNoSession     Text = "check_no_session"
	TextCheckExpired       Text = "check_expired"
	TextCheckFile          Text = "check_file"
	TextCheckFileKept      Text = "check_file_kept" // a file a login would refuse too: no "log in again"
	TextCheckDemo          Text = "check_demo"
	TextCheckCannot        Text = "check_cannot"
	TextCheckExpiryUnknown Text = "check_expiry_unknown"
	TextCheckExpiring      Text = "check_expiring"
	TextLogoutDone         Text = "logout_done"
	TextLogoutDemo         Text = "logout_demo"
	TextLogoutFailed       Text = "logout_failed"
	TextLogoutNoSession    Text = "logout_no_session"
	TextLogoutExpired      Text = "logout_expired"
	TextLogoutNothingSent  Text = "logout_nothing_sent"
	TextLogoutEndedBut     Text = "logout_ended_but"
	TextLogoutShared       Text = "logout_shared"
	TextLooseWarning       Text = "loose_warning"
	TextHoldsLogin         Text = "holds_login"
	TextHoldsLoginShared   Text = "holds_login_shared"
	TextHardLinks          Text = "hard_links" // -o has other names, which a save leaves holding the old file
)

// Phrases inside the texts of several screens.
const (
	TextAccountNameMid   Text = "account_name_mid"
	TextAccountMid       Text = "account_mid"
	TextSessionEnds      Text = "session_ends"       // inline: "the session ends on DATE"
	TextSessionEndsLine  Text = "session_ends_line"  // a line of its own on the done and already-logged-in screens
	TextSessionExpiredOn Text = "session_expired_on" // inline: the saved session ended by date
)

// Errors in words: one text per kind of failure, and the causes, statuses
// and server codes the texts name.
const (
	TextErrNotLoggedIn Text = "err_not_logged_in"
	TextErrNoSession   Text = "err_no_session" // a confirmed login without a session cookie
	TextErrTimeout     Text = "err_timeout"    // -timeout ran out before a scan
	TextErrInternal    Text = "err_internal"
	TextErrAPI         Text = "err_api"
	TextErrHTTP        Text = "err_http"
	TextErrNetwork     Text = "err_network"
	TextErrUnexpected  Text = "err_unexpected"
	TextErrFormat      Text = "err_format" // -format header cannot hold a cookie of the session
	TextErrOther       Text = "err_other"

	TextCauseTimeout     Text = "cause_timeout"
	TextCauseRefused     Text = "cause_refused"
	TextCauseDNS         Text = "cause_dns"
	TextCauseTLS         Text = "cause_tls"
	TextCauseReset       Text = "cause_reset"
	TextCauseOffline     Text = "cause_offline"
	TextCauseUnreachable Text = "cause_unreachable"

	TextHTTP403      Text = "http_403"
	TextHTTP412      Text = "http_412"
	TextHTTP429      Text = "http_429"
	TextHTTP5xx      Text = "http_5xx"
	TextHTTPTryLater Text = "http_try_later" // 408, 425
	TextHTTPOther    Text = "http_other"

	TextCodeCSRF       Text = "code_csrf"
	TextCodeArea       Text = "code_area"
	TextCodeGeo        Text = "code_geo"
	TextCodeNeedLogin  Text = "code_need_login"
	TextCodeDeviceID   Text = "code_device_id"
	TextCodePremium    Text = "code_premium"
	TextCodeUnknownErr Text = "code_unknown_error"
	TextWhyCode        Text = "why_code"
)

// What the app says when a stop or a signal did not go the usual way.
const (
	// TextNotSuspended: ctrl+z or SIGTSTP where nothing could resume a
	// stopped biliqr (no job control: an orphaned process group).
	TextNotSuspended Text = "not_suspended"
	// TextErrCancelled: a request stopped because biliqr was asked to end
	// (a signal during -check or -logout), not for want of a network.
	TextErrCancelled Text = "err_cancelled"
	// TextErrUnreachable: -timeout ran out before the service gave a
	// single code; then the last request's failure (or TextErrNoAnswer).
	TextErrUnreachable Text = "err_unreachable"
	TextErrNoAnswer    Text = "err_no_answer"
)

// Where a session is and what it can do, where a network error was going,
// and the punctuation that joins clauses.
const (
	TextErrNetworkAt  Text = "err_network_at"  // network trouble, naming the host
	TextErrNetworkVia Text = "err_network_via" // … and the proxy it went through
	TextClauseSep     Text = "clause_sep"      // between the clauses of one summary line
	TextPremium       Text = "premium"         // a clause: the account has Premium
	TextFree          Text = "free"            // a clause: a free account
	TextPremiumLine   Text = "premium_line"    // the done screen's line
	TextFreeLine      Text = "free_line"       // the done screen's line
	TextSessionAt     Text = "session_at"      // -check: where the session file is
	TextKeyRetryNow   Text = "key_retry_now"   // r on the network-trouble screen
)

// The code's renderings (-qr, the f key), the Linux console and copying
// inside tmux.
const (
	TextKeyRender    Text = "key_render"     // f: the next rendering
	TextRenderNow    Text = "render_now"     // the notice after f: "Code drawn as: %s"
	TextMayNotScan   Text = "may_not_scan"   // blocks on a terminal that could not be asked
	TextConsoleWays  Text = "console_ways"   // the Linux console: the code does not fit
	TextCopiedTmux   Text = "copied_tmux"    // c inside tmux, done
	TextCopyTmuxFail Text = "copy_tmux_fail" // c inside tmux failed; OSC 52 sent instead
	TextImageGone    Text = "image_gone"     // the terminal showed no image: back to text
	TextModeBlocks   Text = "mode_blocks"
	TextModeLarge    Text = "mode_large"
	TextModeASCII    Text = "mode_ascii"
	TextModeImage    Text = "mode_image"
)
