// Package args is biliqr's command line: the one table of flags (from
// which ui/cli writes -h, -man and -completion), parsed into Options, and
// the checks of what cannot go together, all found before any terminal is
// taken or any request sent.
package args

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/cli"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Options is what the command line asks for.
type Options struct {
	Locale, Output, Format, PassportURL, APIURL, PNG string
	QR                                               string // -qr MODE
	Completion                                       string
	Demo, Version, Check, Logout, Man                bool
	Plain, JSON, Force, Invert                       bool
	OutputGiven                                      bool            // -o or -output was on the command line
	Given                                            map[string]bool // the flags on the command line (-output counts as -o)
	Timeout                                          time.Duration
	Within                                           time.Duration // -check -within DURATION
	// Verbose: -verbose, a trace of every request on standard error.
	Verbose bool
	// HelpAll: -help-all, the full help.
	HelpAll bool
	// DemoScenario is what -demo plays: DemoLogin, or DemoNetwork
	// (network trouble first). Giving it implies -demo.
	DemoScenario string
}

// The demo's scenarios (-demo-scenario).
const (
	DemoLogin   = "login"   // the whole login, as a person sees it
	DemoNetwork = "network" // the same, after network trouble on the first requests
)

// Defs is the one table of flags: Parse registers them from it, and
// -h, -man and -completion are written from it (ui/cli). A new flag is a
// field in Options and one entry here.
func Defs(o *Options) []cli.Flag {
	formats := make([]string, len(session.Formats))
	for i, f := range session.Formats {
		formats[i] = string(f)
	}
	return append([]cli.Flag{
		{Name: "locale", Arg: "CODE", Value: &o.Locale, Group: cli.Common, Choices: passport.LocaleCodes(),
			Brief: "the language: en_US, th_TH, vi_VN, id_ID, ms_MY, zh_ZH",
			Usage: "the language of the app and of the server's messages; skips the first-launch menu",
			More:  "one of " + passport.LocaleNames()},
		{Name: "o", Alias: "output", Arg: "PATH", Value: &o.Output, Group: cli.Common, Files: true,
			Brief: "where the session goes (-check says where it is)",
			Usage: "where to save the session (default <user config dir>/biliqr/cookies.txt)",
			More:  "- writes it to standard output; checked before the first QR code"},
		{Name: "format", Arg: "FORMAT", Value: &o.Format, Default: "netscape", Group: cli.Common, Choices: formats,
			Brief: "netscape, header or json: a new file's format",
			Usage: "the format a login writes a new session file in; a file already there keeps its own, and a -format that differs from it is refused (give another -o for another format)",
			More:  "netscape (cookies.txt: yt-dlp --cookies, curl -b), header (name=value; ... for curl -H), json (every cookie attribute, plus mid and name); with -check it is the output's format instead: -check -format json is -check -json"},
		{Name: "force", Value: &o.Force, Group: cli.Common,
			Brief: "log in again even if the session is still valid",
			Usage: "log in again even if the saved session is still valid"},
		{Name: "timeout", Arg: "DURATION", Value: &o.Timeout, Default: "30m", Group: cli.Common,
			Usage: "give up after this long without a scan (exit 1)",
			More:  "a duration such as " + cli.DurationForms + " (as -within); 0 = never; a scanned code is never cut off; -json says reason timeout"},
		{Name: "check", Value: &o.Check, Group: cli.Common,
			Brief: "who is logged in, until when, Premium or not, where",
			Usage: "no app: check the saved session and print one line: whose it is, until when, whether the account has Premium, and the file's path",
			More:  "exit 0 logged in, 1 not, 3 could not check; -json (or -format json) prints it as JSON, with premium true or false when the service says"},
		{Name: "within", Arg: "DURATION", Value: &o.Within, Group: cli.Common, NoZero: true,
			Usage: "with -check: exit 1 (reason expiring) when the session ends sooner",
			More:  "a duration such as " + cli.DurationForms + " (as -timeout), for cron; 0 or empty is bad usage"},
		{Name: "logout", Value: &o.Logout, Group: cli.Common,
			Brief: "end the saved session and remove it from the file",
			Usage: "no app: end the saved session on the server, then remove it from the file",
			More:  "kept unless the server confirms; in a shared cookie file only the session's lines go"},
		{Name: "demo", Value: &o.Demo, Group: cli.Common,
			Brief: "try it all offline, against a built-in fake",
			Usage: "try the whole login offline, against a built-in fake server",
			More:  "-demo-scenario picks what it plays"},
		{Name: "demo-scenario", Arg: "NAME", Value: &o.DemoScenario, Group: cli.Common, Choices: []string{DemoLogin, DemoNetwork},
			Usage: "what -demo plays (and implies -demo): login, the whole login (the default), or network, the same after network trouble on the first requests, so that the retrying screen and its r (retry now) can be seen"},
	}, outputDefs(o)...)
}

// outputDefs are the flags of how a login is shown, set-up and the
// developer's: the second half of Defs.
func outputDefs(o *Options) []cli.Flag {
	return []cli.Flag{
		{Name: "plain", Value: &o.Plain, Group: cli.Output,
			Brief: "no full screen: the code once, then plain lines",
			Usage: "print the QR code once as text, then one sentence per step",
			More:  "the default when there is no terminal, and when TERM is dumb"},
		{Name: "json", Value: &o.JSON, Group: cli.Output,
			Brief: "one JSON object per step, for programs",
			Usage: "one JSON object per step on standard output, for programs",
			More:  "the text goes to standard error; man biliqr lists the events; with -check, the same as -format json"},
		{Name: "png", Arg: "PATH", Value: &o.PNG, Group: cli.Output, Files: true,
			Usage: "also write the QR code as a PNG image (rewritten for every new code)"},
		{Name: "qr", Arg: "MODE", Value: &o.QR, Default: "auto", Group: cli.Common, Choices: ui.QRModeNames(),
			Brief: "draw the code: auto, blocks, large, ascii, image, none",
			Usage: "how the QR code is drawn; remembered for the next runs",
			More: "auto (what the terminal can show), blocks (half blocks, the smallest), large (two cells a module in background colours, which line spacing cannot break), " +
				"ascii (# and spaces), image (a real image in kitty and Ghostty), none (no code: the whole link, for a screen reader or to paste); " +
				"the full-screen app's f key tries the next one"},
		{Name: "invert", Value: &o.Invert, Group: cli.Output,
			Usage: "-plain and -json: swap the printed code's glyphs, if it does not scan",
			More:  "the full-screen app has the i key"},
		{Name: "help-all", Value: &o.HelpAll, Group: cli.Setup,
			Usage: "print this full help and exit"},
		{Name: "verbose", Value: &o.Verbose, Group: cli.Setup,
			Brief: "trace every request on stderr, for a bug report",
			Usage: "write a trace of every request to standard error, for a bug report",
			More:  "each request's method, host, path, the names of its query parameters, status, service code and time, and the names of the cookies sent; never a value, ticket, token or cookie; BILIQR_DEBUG=1 does the same"},
		{Name: "version", Value: &o.Version, Group: cli.Setup,
			Usage: "print the version and exit"},
		{Name: "completion", Arg: "SHELL", Value: &o.Completion, Group: cli.Setup, Choices: cli.Shells,
			Usage: "print the completion script for bash, zsh or fish",
			More:  "the packages install all three; else, in ~/.bashrc: source <(biliqr -completion bash)"},
		{Name: "man", Value: &o.Man, Group: cli.Setup,
			Usage: "print the manual page biliqr(1) (roff)"},
		{Name: "passport-url", Arg: "URL", Value: &o.PassportURL, Default: passport.DefaultPassportURL, Group: cli.Developer,
			Usage: "the passport service's base URL",
			More:  "plain http only for loopback hosts; its host joins the trusted set"},
		{Name: "api-url", Arg: "URL", Value: &o.APIURL, Default: passport.DefaultAPIURL, Group: cli.Developer,
			Usage: "the gateway's base URL (as -passport-url)"},
	}
}

// Parse parses args; on -h it prints the help on stdout and on bad
// usage one line on stderr (ok false, with the exit status).
func Parse(args []string, stdout, stderr io.Writer) (Options, exit.Status, bool) {
	var o Options
	defs := Defs(&o)
	fs, err := cli.Parse("biliqr", defs, args)
	if errors.Is(err, cli.ErrHelp) {
		cli.ShortHelp(stdout, "biliqr", defs)
		return o, 0, false
	}
	if err != nil {
		cli.PrintUsageError(stderr, "biliqr", err.Error())
		return o, exit.Usage, false
	}
	o.Given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		name := f.Name
		if name == "output" {
			name = "o"
		}
		o.Given[name] = true
	})
	o.OutputGiven = o.Given["o"]
	if o.OutputGiven && o.Output == "" {
		cli.PrintUsageError(stderr, "biliqr", "-o needs a path (or - for standard output); leave it out for the default")
		return o, exit.Usage, false
	}
	if o.HelpAll {
		cli.Help(stdout, "biliqr", defs)
		return o, 0, false
	}
	if o.Given["demo-scenario"] && o.DemoScenario != DemoLogin && o.DemoScenario != DemoNetwork {
		cli.PrintUsageError(stderr, "biliqr", fmt.Sprintf("-demo-scenario %q: the scenarios are %s and %s", ui.SanitizeText(o.DemoScenario, 40), DemoLogin, DemoNetwork))
		return o, exit.Usage, false
	}
	if o.Given["demo-scenario"] {
		o.Demo = true // a scenario is a demo's
		o.Given["demo"] = true
	}
	return o, 0, true
}

// Conflict is what is wrong with the flags taken together, in words
// ("" when nothing is).
func (opts *Options) Conflict() string {
	if c := cli.Conflict(func(f string) bool { return opts.Given[f] }, func(f string) string {
		return map[string]string{"format": opts.Format}[f]
	}); c != "" {
		return c
	}
	if opts.Locale != "" { // what people type: zh_CN, th, EN_us, th_TH.UTF-8
		code, ok := i18n.MatchLocale(opts.Locale)
		if !ok {
			return fmt.Sprintf("unknown -locale %q; the languages are %s", ui.SanitizeText(opts.Locale, 40), localeNames())
		}
		opts.Locale = code
	}
	if _, ok := ui.ParseQRMode(opts.QR); !ok && opts.QR != "" {
		return fmt.Sprintf("unknown -qr %q; the modes are %s", ui.SanitizeText(opts.QR, 20), strings.Join(ui.QRModeNames(), ", "))
	}
	switch {
	case opts.JSON && opts.Output == "-":
		return "-json and -o - both want standard output; give -o a path"
	case (opts.Check || opts.Logout) && opts.Output == "-":
		return "-check and -logout read the saved file; give its path with -o, not -"
	case opts.Given["within"] && !opts.Check:
		return "-within goes with -check"
	}
	return ""
}

// OptionError names the flag behind a passport.Options field New refused:
// "-passport-url must be https …", not "PassportURL must be https …".
func OptionError(err error) string {
	var oe *passport.OptionError
	if !errors.As(err, &oe) {
		return err.Error()
	}
	flag := map[string]string{"PassportURL": "-passport-url", "APIURL": "-api-url"}[oe.Field]
	if flag == "" {
		return err.Error()
	}
	return flag + " " + oe.Reason
}

// localeNames lists the six languages by name and code, for an error:
// "English (en_US), ไทย (th_TH), …".
func localeNames() string {
	names := make([]string, len(passport.Locales))
	for i, l := range passport.Locales {
		names[i] = l.Native + " (" + l.Code + ")"
		if l.English != "" && l.English != l.Native {
			names[i] = l.English + " · " + l.Native + " (" + l.Code + ")"
		}
	}
	return strings.Join(names, ", ")
}
