package cli

import "github.com/biliqr/biliqr/model/exit"

// The words the help and the man page share: the one source of the
// environment, exit statuses, files and security points, which the
// README only summarizes. English only, as the flags themselves are.

// Entry is one item of a list: a term and what it means.
type Entry struct{ Term, Text string }

// Summary is the one line that says what biliqr is (man page NAME).
const Summary = "log in to bilibili.tv by QR code and save the session"

// Description is the help's and the man page's opening.
var Description = []string{
	"biliqr logs you in to bilibili.tv by QR code and saves the session where yt-dlp, curl and " +
		"your own scripts can read it. Run it, scan the code with the bilibili.tv app on your " +
		"phone, confirm on the phone, done.",
	"Without a terminal (a CI job, a container, ssh without -t, a pipe) it prints the code once " +
		"as text and then one sentence per step; -json gives programs the same login as JSON lines.",
}

// Examples are what a newcomer does first.
var Examples = []Entry{
	{"biliqr", "the first login: scan the code, confirm on the phone; the session is saved in <user config dir>/biliqr/cookies.txt"},
	{"biliqr -o ~/yt-cookies.txt && yt-dlp --cookies ~/yt-cookies.txt URL", "save the session for yt-dlp, then download with it"},
	{"biliqr -check", "where the session is, whose it is, until when, and whether the account has Premium (a free account gets yt-dlp's \"only available for registered users\" for Premium videos)"},
	{"biliqr -check -o ~/yt-cookies.txt || notify-me 'log in to bilibili.tv again'", "in a cron job: exit 0 while the session is valid, 1 when it is not, 3 when it could not be checked"},
	{"biliqr -json | jq -r 'select(.event == \"qr\") | .url'", "a program takes the login as JSON lines; here, only the QR code's link"},
	{"biliqr -demo-scenario network", "the offline demo, playing network trouble first: the retrying screen, where r retries at once"},
	{"biliqr -verbose 2> trace.txt", "a trace for a bug report: every request's method, host, path, query names, status, code, time and the names of the cookies sent; never a value, ticket or token"},
}

// Environment lists the variables that change what biliqr does.
var Environment = []Entry{
	{"LANG, LC_ALL, LC_MESSAGES", "the language highlighted in the first-launch menu, and the one -plain and -json speak when none was chosen (th_TH.UTF-8 gives th_TH, zh_CN gives zh_ZH, anything else English)"},
	{"NO_COLOR", "no colours; the code's glyphs are then chosen for the terminal's background"},
	{"COLORFGBG", "tells whether the terminal's background is light or dark, for the code printed by -plain and -json"},
	{"RUNEWIDTH_EASTASIAN", "1 if the terminal draws the code's block characters double width, 0 if narrow"},
	{"XDG_CONFIG_HOME", "the <user config dir> on Linux and BSD (default ~/.config)"},
	{"XDG_CACHE_HOME", "the <user cache dir> on Linux and BSD (default ~/.cache), where -demo keeps its files"},
	{"HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "the proxy for the requests to bilibili.tv, as for curl"},
	{"BILIQR_DEBUG", "1 writes the trace of -verbose to standard error"},
	{"TERM", "dumb (Emacs shell buffers and the like) means -plain: no full-screen app"},
	{"GOMAXPROCS", "unless it is set, biliqr runs Go code on one thread once the code is shown: waiting for a scan costs less so"},
}

// ExitStatuses is the contract scripts rely on, in words (model/exit has
// the numbers).
var ExitStatuses = []Entry{
	{exit.OK.String(), "logged in and saved, or a valid saved session kept; -check: logged in"},
	{exit.Failed.String(), "failed; -check: not logged in, or no usable file"},
	{exit.Usage.String(), "bad usage (a message says what is wrong)"},
	{exit.CannotCheck.String(), "-check only: could not check (the session may well be good)"},
	{exit.Cancelled.String(), "cancelled by the user (q, Esc, Ctrl+C)"},
	{"128+n", "stopped by signal n: 129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM"},
}

// Files are what biliqr reads and writes.
var Files = []Entry{
	{"<user config dir>/biliqr/cookies.txt", "the session (secret), or -o; mode 0600 in a 0700 directory; may be a cookie file shared with other sites"},
	{"<that file>.lock", "empty; the advisory lock that serializes saves into it (left in place); mode 0600"},
	{"<user config dir>/biliqr/config.json", "the chosen language; mode 0600"},
	{"-png PATH", "the QR code as an image, rewritten for every new code (never the -o path); mode 0600"},
	{"<user cache dir>/biliqr/demo/", "-demo only: its session (cookies.txt, unless -o) and the fake's accounts (accounts.json); delete at will"},
	{"<user config dir>", "$XDG_CONFIG_HOME or ~/.config on Linux and BSD, ~/Library/Application Support on macOS (with a space), %AppData% on Windows; biliqr -check names the file. If <user config dir>/biliqr is a symbolic link biliqr refuses it (exit 2); if other users may write in it, biliqr warns"},
	{"<user cache dir>", "$XDG_CACHE_HOME or ~/.cache on Linux and BSD, ~/Library/Caches on macOS, %LocalAppData% on Windows"},
	{"/usr/share/bash-completion/completions/biliqr", "where the packages put the completions (zsh: vendor-completions/_biliqr or site-functions/_biliqr; fish: vendor_completions.d/biliqr.fish); without a package: biliqr -completion bash > ~/.local/share/bash-completion/completions/biliqr, biliqr -completion zsh > a directory on $fpath as _biliqr, biliqr -completion fish > ~/.config/fish/completions/biliqr.fish"},
	{"/usr/share/man/man1/biliqr.1.gz", "this page, where a package installed it; without one: biliqr -man > ~/.local/share/man/man1/biliqr.1"},
	{"/usr/share/doc/biliqr/", "the README, EVENTS.md (the -json events, field by field), and in the .deb the licence (copyright) and changelog"},
}

// Security is the man page's security notes (the README has a five-line
// summary); Term names each.
var Security = []Entry{
	{"never appear", "Cookie values and login tickets never appear on screen, in an error, in the summary or in a log; only the QR code (and -json's qr events) hold the ticket. Anyone who scans it within three minutes logs in as you once you confirm."},
	{"atomically", "The session file is written 0600 in a 0700 directory, atomically (a temporary file, then a rename), and never through a symbolic link; a failed write leaves the old file untouched."},
	{"symbolic link is refused", "Only a regular file is read as a session: a symbolic link is refused, a FIFO or device is never opened."},
	{"warned about", "A session file that other users may read is warned about; chmod 600 it."},
	{"only ever sent to", "Cookies are only ever sent to, and accepted from, bilibili.tv, biliintl.com and their subdomains over https, plus the hosts named with -passport-url and -api-url."},
	{"escape sequences", "Text from the server is shown only after control characters and escape sequences are stripped."},
	{"without its query", "The link under the code is shown without its query (the ticket), on screen and in -plain alike; -json's qr events are the only place the full link is printed, because it is what the code holds."},
	{"refused as an unexpected reply", "A QR link holding a control, bidi or other invisible character is refused as an unexpected reply and asked for again; the link drawn, the OSC 8 hyperlink and what c copies and o opens are built only from the checked URL, percent-encoded to printable ASCII."},
	{"redirects", "A go_url, SSO target or redirect to another host is never requested; at most 8 redirects are followed, each checked before it is requested. If verification says not logged in, nothing is written."},
}

// TerminalRenderings says which terminal gets which rendering of the code
// under -qr auto (the man page's TERMINALS, after Terminals).
var TerminalRenderings = []Entry{
	{"kitty 0.28 and later, Ghostty", "image: a real bitmap, by kitty graphics with Unicode placeholders, found by asking the terminal at start (the graphics query, XTVERSION and the cell size, ended by DA1; the code is drawn in half blocks meanwhile, and a terminal silent for 1.5 s gets the line that offers f, then its image if it answers after all); also over SSH when TERM is xterm-kitty or xterm-ghostty, and inside tmux when its passthrough (allow-passthrough on) carries the answer back"},
	{"kitty before 0.28, Konsole, WezTerm", "blocks: they take kitty graphics but draw no Unicode placeholders (kitty 0.26 and Konsole print them as text)"},
	{"the Linux console (TERM=linux)", "the font's Unicode map and the keyboard mode are read (GIO_UNIMAP, KDGKBMODE): a font with ▀▄ gets blocks, one without them (Debian's Lat15-*, Uni2-*, Thai-*) or a keyboard not in Unicode mode gets large, in the console's own colours: black and light grey (SGR 40/47), the pair of its 8 background colours with the most contrast. A code that does not fit says the size it needs; a larger font or resolution, -png or -qr none are the ways out"},
	{"Apple Terminal, SSH, and terminals that do not answer", "blocks, with a line that offers f for a larger code (such terminals are not asked: Apple Terminal answers no graphics query, and over SSH the answers come late)"},
	{"-plain and -json", "never an image; auto follows the same glyph rules (the console's font); none prints the whole link instead of a code"},
	{"iTerm2 inline images, sixel", "not used: neither can be placed as cells that Bubble Tea lays out, so a resize or a redraw would leave a stale or broken image, and a sixel through tmux to a terminal without it prints \"SIXEL IMAGE\" instead of a code"},
	{"forcing one", "-qr blocks, large, ascii, image or none (remembered for the next runs; -qr auto forgets it), or f while the code is shown: image, large, blocks, ascii in turn"},
}
