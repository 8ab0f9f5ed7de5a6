package cli

// The reference the man page holds beyond the flags: how a login goes, the
// keys, what each mode prints, what a save does with the file, terminals,
// reporting a problem and the licence. English only, as the flags are.
// The keys are held to model's key map, the events and reasons to what
// ui/stream can write, by tests in those packages.

// Login is how a login goes, step by step (man page: THE LOGIN).
var Login = []string{
	"On first launch (no -locale, no saved choice) the app opens on the language menu, with the " +
		"environment's language highlighted. The choice is remembered in <user config dir>/biliqr/config.json. " +
		"The app speaks English, Thai, Vietnamese, Indonesian, Malay and Simplified Chinese, and asks the " +
		"server in the same language (s_locale and Accept-Language).",
	"The output path is checked before the first QR code: if the session could certainly not be saved " +
		"there (a directory, a symbolic link, a FIFO or device, a parent that is not a directory, a " +
		"directory that cannot be written in) biliqr says why and exits 2. Nothing is created by the check. " +
		"What can still fail later (a full disk) keeps the login in memory: fix it and press r.",
	"If the output file already holds a session, the app first checks it. Still valid: \"Already logged in " +
		"as NAME\", with r to log in again or q or Enter to keep it (exit 0). Expired: it says so and shows a " +
		"new code. Unreachable: it says it could not check and offers both. Leaving while that session is " +
		"still in place keeps it (exit 0).",
	"Then: \"Requesting a QR code\"; the code, with the time left (whole minutes, then tens of seconds: " +
		"the screen changes 7 times in a code's 3 minutes, quiet for a screen reader), polled every 2 s (the first time " +
		"2 s after it is shown, as the site's own page does); \"Scanned, confirm on your phone\", still one " +
		"poll every 2 s. An expired code (server code 10018100, or the countdown ran out before a scan) is " +
		"replaced by a new one; a code the server calls expired less than 30 s after it was shown is " +
		"replaced with backoff (2, 4, 8, 16, then every 30 s). After -timeout without a scan the login stops " +
		"and r starts again.",
	"Logged in: the session is what the confirming poll's Set-Cookie gave; it is verified against the " +
		"gateway (/intl/gateway/web/v2/user) and saved. Only if the gateway says not logged in does biliqr try " +
		"the older completion steps other clients use (go_url, the SSO list), then verify again. When v2/user " +
		"answers but cannot tell, biliqr asks /x/intl/member/web/account: code 0 with a mid is logged in, " +
		"-101 or 10004005 logged out, anything else leaves the first answer standing. -check takes the same " +
		"two steps. Every request carries a buvid3 device cookie made as the site's page makes it (or the one " +
		"the file at -o holds); it is saved with the session.",
	"The app leaves the full screen after about 2 s (or at a key) and prints one line: \"Logged in to " +
		"bilibili.tv as NAME (mid N); session saved to PATH (netscape)\". Any failure is said in words, with " +
		"the server's code where it gave one. Network trouble (no answer, HTTP 408, 412, 425, 429, 5xx) is " +
		"retried with backoff, 2 s doubling to 30 s, honouring Retry-After; any other HTTP status is a " +
		"failure at once, with r to try again.",
}

// Verification is what each answer of the verification does.
var Verification = []Entry{
	{"logged in", "code 0 and is_login true, or an inconclusive v2/user and member/web/account code 0 with a mid: the session is saved, exit 0"},
	{"not logged in", "code 0 and is_login false, -101 or 10004005 (from either check): \"the login did not complete\", nothing is saved, exit 1"},
	{"no session", "the confirmation brought no session cookie: nothing is saved, r scans again (reason no_session), exit 1"},
	{"saved unverified", "10004004 (Premium needed), 10023006 (device id needed), any other code, HTTP 5xx or no answer, and the second check did not settle it: the session is saved, the summary line ends \"(unverified: ...)\", exit 0; kept only when the poll set SESSDATA; -check tells later"},
}

// KeysIntro comes before the keys.
const KeysIntro = "The help bar at the bottom shows only the keys that act in the current state, and always fits " +
	"the window: where there is no room the least important give way first (o, c, i, typing, l, moving), " +
	"never q nor the key the screen is about. A notice (\"Colours inverted.\") goes after 5 seconds or when " +
	"the screen moves on."

// Keys is every key of the full-screen app. Each Term lists the keys by
// the names a user presses; model's tests hold the list to its key map.
var Keys = []Entry{
	{"r", "while a request waits to be retried (network trouble, the server's trouble): retry now; showing the code or scanned: a new code now; failed: try again; save failed: save the kept login again; already logged in or could not check: log in again"},
	{"l", "showing the code, scanned, fetching, failed, already logged in, could not check: open the language menu; picking one starts over in it (on already logged in and could not check: the same screen, in it)"},
	{"i", "showing the code: invert the code's colours, if the terminal's theme fools the detection"},
	{"f", "showing the code: draw it another way: image (where the terminal shows one), large, blocks, ascii in turn; under the line that offers it, large first"},
	{"c", "showing the code: copy the link: inside tmux into tmux's buffer, elsewhere to the terminal's clipboard (OSC 52; it lands where the terminal allows it)"},
	{"o", "showing the code: open the link in a browser, where there is one"},
	{"q, Esc, Ctrl+C", "everywhere but the language menu: quit; on already logged in, Enter too, keeping the saved session"},
	{"Up, Down, k, j, Ctrl+P, Ctrl+N", "the language menu: move"},
	{"typing", "the language menu: filter the languages, in Latin or native script"},
	{"Enter", "the language menu: choose; already logged in: keep the saved session; done: close"},
	{"Esc", "the language menu: clear the filter, else go back (at first launch, with nothing behind the menu: quit)"},
	{"Ctrl+C", "the language menu: quit"},
	{"any key", "done: close now"},
	{"Ctrl+Z", "everywhere (not in the help bar): stop the app with the terminal restored; fg brings it back"},
}

// Plain is what -plain prints (man page: OUTPUT).
var Plain = []string{
	"Without a terminal to read keys from (standard input is not a terminal and /dev/tty cannot be opened: " +
		"a CI job, a container without -t, a service, ssh without -t) or when standard output is a file or " +
		"a pipe, biliqr runs the same login in plain mode; -plain asks for it anywhere (a screen reader). The " +
		"code is printed once (again only when a new one comes) in half blocks without colours, drawn for a " +
		"dark background unless COLORFGBG says light (-invert swaps it; # where block characters are double " +
		"width), then one sentence per step in the app's language, at most one line a minute while waiting. " +
		"There is no menu: the language is -locale, else the one chosen in the app, else the environment's. " +
		"A valid saved session is kept (exit 0); one that could not be checked is replaced by a new login.",
	"Text goes to standard output; with -o - the session goes there instead and the text to standard error. " +
		"A reader that stops reading (a full pipe, a paused pager, a frozen SSH session) never holds up the " +
		"login or a signal: up to 1 MiB of whole lines waits for it, then new lines are dropped; at the end " +
		"biliqr waits at most 5 s for it (0.8 s after a signal). A reader that leaves gets nothing more and " +
		"the login still finishes. Paths and other text given to biliqr are printed through the same " +
		"sanitizer as the server's text, shortened in the middle when long.",
}

// JSONIntro introduces the -json events; the fields of each are in
// ui/stream/EVENTS.md, which the packages install beside the README.
const JSONIntro = "-json prints one JSON object per line on standard output, the text above (code included) on " +
	"standard error. Every object has \"v\":1 (fields may be added; none changes meaning without a new " +
	"version) and \"event\", one of the following. Errors carry reason (a stable name), code (the " +
	"server's), http_status and message (the words the app shows): match on reason and code, never on " +
	"message. Each event's fields are listed in EVENTS.md (/usr/share/doc/biliqr/EVENTS.md where a " +
	"package installed it, ui/stream/EVENTS.md in the source)."

// Events is every -json event and when it comes; ui/stream's tests hold
// it to what the code can write.
var Events = []Entry{
	{"checking", "a saved session is being verified"},
	{"already_logged_in", "it is valid: kept, and the program ends (exit 0)"},
	{"check_failed", "it could not be checked; a new login follows"},
	{"session_expired", "it is no longer valid; a new login follows"},
	{"fetching", "a QR code is being requested"},
	{"qr", "a code to scan (again after each expiry): url is the full link, ticket included, and trusted says whether biliqr itself would request it"},
	{"waiting", "once a minute until the login is confirmed"},
	{"scanned", "scanned: confirm on the phone"},
	{"expired", "the code expired; fetching and a new qr follow"},
	{"retrying", "transient trouble; the request is repeated in in_ms"},
	{"finishing", "confirmed; the login is being verified"},
	{"saving", "the session is being written"},
	{"logged_in", "done (exit 0)"},
	{"save_failed", "logged in, but the file could not be written (exit 1)"},
	{"failed", "the login failed (exit 1), or -timeout ran out (reason timeout)"},
	{"png_failed", "-png could not be written; the login goes on"},
	{"cancelled", "stopped by a signal (exit 128+n)"},
}

// Reasons is every reason an error can carry, in -json and in -check's
// JSON; ui/stream's tests hold it to passport's kinds.
var Reasons = []Entry{
	{"network", "no answer at all: timeout, refused, DNS, reset, TLS"},
	{"unexpected_reply", "a reply that breaks the protocol: not JSON, too large, a malformed header, missing data"},
	{"server", "HTTP 5xx"},
	{"rate_limited", "HTTP 429"},
	{"risk_control", "HTTP 412"},
	{"try_later", "HTTP 408 or 425: the server asks for the request again"},
	{"access_denied", "HTTP 403"},
	{"http", "any other HTTP status"},
	{"not_logged_in", "-101, 10004005, or is_login false"},
	{"device_id_needed", "10023006"},
	{"premium_needed", "10004004"},
	{"csrf", "-111"},
	{"area_blocked", "10003003"},
	{"geo_blocked", "10004001"},
	{"api", "any other code of the server"},
	{"no_session", "the service confirmed the login but sent no session cookie; scan again"},
	{"timeout", "-timeout ran out with no scan"},
	{"cancelled", "stopped by the user or a signal"},
	{"file", "a file could not be read or written: the session, -png"},
	{"format", "-format header cannot hold a cookie of the session: log in again with another -format"},
	{"other", "anything else"},
	{"internal_error", "a bug"},
}

// Check is what -check prints.
var Check = []string{
	"-check prints one line: who is logged in and when the session ends (exit 0), why not " +
		"(exit 1) with what to do next, or why it could not check (exit 3). With -format json (or -json) " +
		"the line is a JSON object: logged_in (true, false, or null when it could not check), message, mid, " +
		"name, expires_at (RFC 3339, when known), saved_to (the absolute path), and reason and code when " +
		"not logged in. The reasons when logged_in is false: no_session (no file), expired (its cookies' " +
		"dates say it ended), not_logged_in (the server says so), file (unreadable, or not a cookie file), " +
		"demo_session (cookies for a loopback host, from -demo); -within adds expiring and expiry_unknown. " +
		"When it could not check, the reason is the error's, as in -json.",
	"-check and -logout speak the language of -locale, else the one chosen in the app, else the " +
		"environment's. They, and -json's saved_to, name the file by its absolute path.",
	"With -o - standard output holds exactly the session and nothing else (the app draws on the " +
		"terminal and prints its summary on standard error), so it pipes cleanly.",
}

// Saving is what a save does with what is at -o (man page: FILES).
var Saving = []Entry{
	{"nothing, or an empty file", "the session is written"},
	{"a Netscape cookie file", "the session is merged into it: only the cookie lines of bilibili.tv, biliintl.com, their subdomains and the -passport-url and -api-url hosts, and biliqr's own comment lines, are replaced; every other line (other sites' cookies, #HttpOnly_ lines, comments) stays byte for byte in its place"},
	{"a JSON or header file biliqr wrote", "replaced"},
	{"anything else", "a text file, an image, someone else's JSON, a file over 1 MiB, a Netscape file within 64 KiB of 1 MiB (the most biliqr reads back; a merge could pass it), or a Netscape file of other sites with -format header or json (which would drop them): refused before the first QR code, exit 2, nothing created or changed"},
	{"a directory, FIFO, device or symbolic link", "refused, exit 2; so is one at <file>.lock, and a name too long to add .lock to"},
}

// SavingNotes follow the list.
var SavingNotes = []string{
	"biliqr looks before the first QR code and again, under the lock, when it saves. Every save is " +
		"atomic (a temporary file in the same directory, then a rename), 0600, never through a symbolic " +
		"link; on any error the old file is left as it was. Two biliqr processes saving into one file are " +
		"serialized by an advisory lock on <file>.lock, a file of its own because the save renames a new " +
		"file over the old one. -check and -logout read the same kinds of file, and refuse what a save would.",
	"A program that rewrites the file in place (truncate, then write, as yt-dlp does) takes no lock: " +
		"biliqr reads the file once it has settled (unchanged while read; if empty or cut off mid-line, " +
		"untouched for a second), checks it again just before the rename, and reads and merges again if it " +
		"changed; a file still being rewritten after 5 s is left as it is (exit 1). -logout never removes a " +
		"file it finds empty or changed. A file with other names (hard links) is not written in place: the " +
		"rename gives -o a new file, and biliqr warns at start that the other names keep the old one.",
	"What biliqr writes, it reads back: a cookie over 4096 bytes of name and value is not kept (a note " +
		"on standard error names it), an expiry past the year 9999 is clamped to 9999-12-31, and -format " +
		"header refuses a value it could not give back exactly (reason format). The session ends at the earliest Expires of " +
		"SESSDATA and bili_jct (for a header file, the expiry SESSDATA's value embeds); a bilibili.tv " +
		"session lasts about 180 days and cannot be refreshed, only replaced by a new login.",
	"yt-dlp rewrites the cookie file it was given when it exits; biliqr reads such a file back. A yt-dlp " +
		"run that was going while you logged in again writes the old session back over the new one: log in " +
		"again only while no yt-dlp runs with that file, or give each yt-dlp run a copy.",
	"-logout removes the session only after the server confirmed it (or said it was already logged out): " +
		"the whole file, or in a shared cookie file only the session's lines. If no saved cookie would be " +
		"sent with the logout request, nothing is sent or removed (exit 1). Reading a saved session gives " +
		"up after 5 s, so a file whose read never ends cannot hang biliqr.",
}

// FileKinds is what each mode does with what is at -o (teatest's
// TestBinaryFileKinds runs each through the built binary).
var FileKinds = []Entry{
	{"nothing", "login: a new login, saved (0); -check: no saved session (1); -logout: nothing to log out (1)"},
	{"a session biliqr saved", "login: already logged in (0); -check: logged in (0); -logout: logged out, file removed (0)"},
	{"a shared cookie file, other sites only", "login: the new session merged in (0); -check: holds no bilibili.tv session (1); -logout: kept (1)"},
	{"a shared cookie file with the session", "(also after yt-dlp rewrote it) login: already logged in (0); -check: logged in (0); -logout: only the session's lines removed (0)"},
	{"an expired session", "login: says it expired on DATE, a new login replaces it (0); -check: expired (1); -logout: nothing to log out, kept (1)"},
	{"a header or JSON session biliqr saved", "login: already logged in (0); -check: logged in (0); -logout: logged out, file removed (0)"},
	{"someone else's JSON, a text file", "login: refused before the QR code (2); -check: not a cookie file or a session biliqr wrote (1); -logout: kept (1)"},
	{"a shared cookie file with -format json or header", "login: refused before the QR code (2); -check: holds no bilibili.tv session (1); -logout: kept (1)"},
	{"a directory, FIFO or symbolic link", "login: refused before the QR code (2); -check: refused (1); -logout: refused, nothing removed (1)"},
}

// Terminals is how the full-screen app draws.
var Terminals = []string{
	"The code fits a classic 80x24 terminal beside its text (45x23 cells for a real code, quiet zone 4); " +
		"larger windows draw it larger. Too small a window says how large it must be, shows the link, and " +
		"draws the code as soon as the window grows.",
	"Both colours of the code are painted in every colour profile, so it is dark on light on dark and " +
		"light themes alike. With NO_COLOR (or no colour support) the glyphs are chosen for the terminal's " +
		"background, assumed dark when the terminal does not say; i inverts by hand.",
	"How wide the block characters are drawn is asked of the terminal at start (biliqr writes one in the " +
		"top-left cell and asks for the cursor position). A terminal that answers two cells gets a code of " +
		"coloured spaces, which for a real code needs 82x43 cells, or 110x41 with the text beside it. " +
		"Where the terminal does not answer, and in -plain, the glyphs are taken as narrow. " +
		"RUNEWIDTH_EASTASIAN=1 says wide and 0 narrow without asking.",
	"The link under the code is an OSC 8 hyperlink; c copies it, inside tmux into tmux's buffer (tmux " +
		"load-buffer -w, which also sets the outer terminal's clipboard where tmux may), elsewhere by OSC 52, " +
		"and the notice says which; o opens a browser where there is one, -png writes the code as an image.",
	"-qr chooses how the code is drawn, and f switches it while it is shown; what auto picks, terminal " +
		"by terminal, and how each rendering scans:",
}

// Signals is how signals end biliqr, after the exit statuses.
var Signals = []string{
	"A signal ends biliqr as a quit does, in every mode, with the terminal restored, nothing " +
		"half-written and exit status 128+n (a login already saved still exits 0); a second signal stops " +
		"it at once. SIGPIPE is ignored: a reader that leaves only stops that output. Ctrl+Z or SIGTSTP " +
		"stops the full-screen app with the terminal restored; fg brings it back; where nothing could " +
		"resume it (no job control: setsid biliqr) it does not stop and says why. A crash (a bug) exits 1 " +
		"after the terminal is restored, with \"internal error\" and Go's panic trace on standard error; " +
		"a crash Go cannot recover from (out of memory) ends by SIGABRT, status 134, never 2, with no core file.",
	"These are the built binary's statuses: go run reports any non-zero status as its own exit status 1.",
}

// Reporting is how to report a problem (man page: REPORTING BUGS).
var Reporting = []string{
	"Run the command that failed again with -verbose (or BILIQR_DEBUG=1 in the environment): a trace of " +
		"each request (method, host, path, the names of the query and of the cookies sent, status, the " +
		"service's code, time) goes to standard error, never a cookie value, ticket or token. Send it, " +
		"with biliqr -version, to https://github.com/biliqr/biliqr/issues. Never send the QR code or its link: " +
		"they hold the login ticket.",
}

// Copyright is the licence (man page: COPYRIGHT).
const Copyright = "Copyright 2026 The biliqr authors. biliqr is free software under the MIT licence: see " +
	"/usr/share/doc/biliqr/copyright, or LICENSE in the archive and the source."
