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
	Within                                           string // -check -within DURATION
	Demo, Version, Check, Logout, Man                bool
	Plain, JSON, Force, Invert                       bool
	OutputGiven                                      bool            // -o or -output was on the command line
	Given                                            map[string]bool // the flags on the command line (-output counts as -o)
	Timeout                                          time.Duration
}

// Defs is the one table of flags: Parse registers them from it, and
// -h, -man and -completion are written from it (ui/cli). A new flag is a
// field in Options and one entry here.
func Defs(o *Options) []cli.Flag {
	formats := make([]string, len(session.Formats))
	for i, f := range session.Formats {
		formats[i] = string(f)
	}
	return []cli.Flag{
		{Name: "locale", Arg: "CODE", Value: &o.Locale, Group: cli.Common, Choices: passport.LocaleCodes(),
			Usage: "the language of the app and of the server's messages; skips the first-launch menu",
			More:  "one of " + passport.LocaleNames()},
		{Name: "o", Alias: "output", Arg: "PATH", Value: &o.Output, Group: cli.Common, Files: true,
			Usage: "where to save the session (default <user config dir>/biliqr/cookies.txt)",
			More:  "- writes it to standard output; checked before the first QR code"},
		{Name: "format", Arg: "FORMAT", Value: &o.Format, Default: "netscape", Group: cli.Common, Choices: formats,
			Usage: "the session file's format",
			More:  "netscape (cookies.txt: yt-dlp --cookies, curl -b), header (name=value; ... for curl -H), json (every cookie attribute, plus mid and name)"},
		{Name: "force", Value: &o.Force, Group: cli.Common,
			Usage: "log in again even if the saved session is still valid"},
		{Name: "timeout", Arg: "DURATION", Value: &o.Timeout, Default: "30m", Group: cli.Common,
			Usage: "give up after this long without a scan (exit 1)",
			More:  "0 = never; a scanned code is never cut off; -json says reason timeout"},
		{Name: "check", Value: &o.Check, Group: cli.Common,
			Usage: "no app: check the saved session and print one line",
			More:  "exit 0 logged in, 1 not, 3 could not check; -format json prints it as JSON"},
		{Name: "within", Arg: "DURATION", Value: &o.Within, Group: cli.Common,
			Usage: "with -check: exit 1 (reason expiring) when the session ends sooner",
			More:  "a Go duration (36h) or a number of days (14d), for cron"},
		{Name: "logout", Value: &o.Logout, Group: cli.Common,
			Usage: "no app: end the saved session on the server, then remove it from the file",
			More:  "kept unless the server confirms; in a shared cookie file only the session's lines go"},
		{Name: "demo", Value: &o.Demo, Group: cli.Common,
			Usage: "try the whole login offline, against a built-in fake server"},
		{Name: "plain", Value: &o.Plain, Group: cli.Output,
			Usage: "print the QR code once as text, then one sentence per step",
			More:  "the default when there is no terminal"},
		{Name: "json", Value: &o.JSON, Group: cli.Output,
			Usage: "one JSON object per step on standard output, for programs",
			More:  "the text goes to standard error; man biliqr lists the events"},
		{Name: "png", Arg: "PATH", Value: &o.PNG, Group: cli.Output, Files: true,
			Usage: "also write the QR code as a PNG image (rewritten for every new code)"},
		{Name: "qr", Arg: "MODE", Value: &o.QR, Default: "auto", Group: cli.Common, Choices: ui.QRModeNames(),
			Usage: "how the QR code is drawn; remembered for the next runs",
			More: "auto (what the terminal can show), blocks (half blocks, the smallest), large (two cells a module in background colours, which line spacing cannot break), " +
				"ascii (# and spaces), image (a real image in kitty and Ghostty), none (no code: the whole link, for a screen reader or to paste); " +
				"the full-screen app's f key tries the next one"},
		{Name: "invert", Value: &o.Invert, Group: cli.Output,
			Usage: "-plain and -json: swap the printed code's glyphs, if it does not scan",
			More:  "the full-screen app has the i key"},
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
		cli.Help(stdout, "biliqr", defs)
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
	if o.Timeout < 0 {
		cli.PrintUsageError(stderr, "biliqr", fmt.Sprintf("-timeout %v is negative; give a duration such as 30m, or 0 for never", o.Timeout))
		return o, exit.Usage, false
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
	case opts.Within != "" && !opts.Check:
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
