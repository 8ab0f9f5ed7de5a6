// Command biliqr logs in to bilibili.tv by QR code in a full-screen
// terminal app and saves the session for yt-dlp, curl and friends.
// This file is flags and wiring only; see passport, model and ui.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/prefs"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/cli"
	"github.com/biliqr/biliqr/ui/iostreams"
	"github.com/biliqr/biliqr/ui/output"
	"github.com/biliqr/biliqr/ui/signals"
	"github.com/biliqr/biliqr/ui/stream"
)

// Set with -ldflags "-X main.version=… -X main.commit=… -X main.date=…"
// by release builds (.goreleaser.yaml); else read from the build info.
var version, commit, date string

// Exit statuses (a contract: scripts rely on them).
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	// 3 (could not check) comes from stream.Check; 130 (cancelled) from
	// model.Result.ExitCode; a signal n that ends biliqr gives 128+n
	// (signals.ExitStatus: 129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM)
)

type options struct {
	locale, output, format, passportURL, apiURL, png string
	completion                                       string
	within                                           string // -check -within DURATION
	demo, version, check, logout, man                bool
	plain, jsonEvents, force, invert                 bool
	outputGiven                                      bool            // -o or -output was on the command line
	given                                            map[string]bool // the flags on the command line (-output counts as -o)
	timeout                                          time.Duration
}

func main() {
	oneThread(os.Getenv)
	os.Exit(run(os.Args[1:], iostreams.System()))
}

// oneThread runs Go code on one thread unless the user set GOMAXPROCS:
// biliqr mostly waits, and with one P the runtime wakes less while it
// does (BenchmarkWaitingCost; the README's performance table), with no
// cost to the first frame. It says whether it set it.
func oneThread(getenv func(string) string) bool {
	if getenv("GOMAXPROCS") != "" {
		return false
	}
	runtime.GOMAXPROCS(1)
	return true
}

// run is the whole program: flags → a setup → -check, -logout or a login.
// It reads and writes only the streams and environment it is given.
func run(args []string, ios *iostreams.IOStreams) int {
	opts, code, ok := parseFlags(args, ios.Out, ios.ErrOut)
	if !ok {
		return code
	}
	asked := cli.Asked{Version: opts.version, Man: opts.man, Completion: opts.completion}
	if code, done := cli.Info(ios.Out, ios.ErrOut, "biliqr", build(), flagDefs(new(options)), asked); done {
		return code
	}
	s, code := newSetup(opts, ios)
	if s == nil {
		return code
	}
	defer s.close()
	switch {
	case opts.check:
		if perm, loose := session.LooseMode(s.outPath); loose {
			holds := "your login"
			if t, err := session.Inspect(s.outPath, s.client.TrustsCookieDomain); err == nil && t.Shared() {
				holds = "your login and cookies of other sites too"
			}
			fmt.Fprintf(ios.ErrOut, "biliqr: warning: other users can read %s (mode %04o), and it holds %s; run chmod 600 on it (biliqr writes it 0600 when it next saves)\n",
				ui.ShowPath(s.outPath, ui.MaxPathShown), perm, holds)
		}
		return signals.Run(s.cancel, func() int {
			a, err := session.Check(s.ctx, s.client, s.outPath, s.checkLocale())
			return stream.Check(ios.Out, s.checkLocale(), s.outPath, a, err, s.format == session.JSON, s.within)
		})
	case opts.logout:
		return signals.Run(s.cancel, func() int {
			removed, err := session.Logout(s.ctx, s.client, s.outPath, s.checkLocale())
			return stream.Logout(ios.Out, ios.ErrOut, s.checkLocale(), s.outPath, s.opts.demo, removed, err)
		})
	}
	return login(s)
}

// setup is what the flags amount to, checked: bad usage is found here,
// before any terminal is taken over or any request sent.
type setup struct {
	opts       options
	format     session.Format
	clientOpts passport.Options
	client     *passport.Client
	outPath    string // "-" for standard output
	ctx        context.Context
	cancel     context.CancelFunc
	closeFake  func()        // -demo's fake server
	demoPoll   time.Duration // -demo's poll interval (0: the real 2 s)
	ios        *iostreams.IOStreams
	target     session.Target // what the file at -o holds
	within     time.Duration  // -check -within
}

func newSetup(opts options, ios *iostreams.IOStreams) (*setup, int) {
	stderr := ios.ErrOut
	usage := func(format string, a ...any) (*setup, int) {
		fmt.Fprintf(stderr, "biliqr: "+format+"\n", a...)
		return nil, exitUsage
	}
	if opts.check && opts.jsonEvents {
		opts.format = string(session.JSON) // -check -json is -check -format json
	}
	format, err := session.ParseFormat(opts.format)
	if err != nil {
		return usage("%v", err)
	}
	if msg := flagConflict(&opts); msg != "" {
		return usage("%s", msg)
	}
	s := &setup{opts: opts, format: format, outPath: opts.output, closeFake: func() {}, ios: ios}
	if opts.within != "" {
		if s.within, err = session.ParseWithin(opts.within); err != nil {
			return usage("%v", err)
		}
	}
	ok := false
	defer func() {
		if !ok {
			s.closeFake() // every way out below but the last
		}
	}()
	s.clientOpts = passport.Options{PassportURL: opts.passportURL, APIURL: opts.apiURL}
	if opts.demo {
		if err := s.startDemo(); err != nil {
			fmt.Fprintln(stderr, "biliqr:", err)
			return nil, exitFailed
		}
	}
	if s.client, err = passport.New(s.clientOpts); err != nil {
		return usage("%s", optionError(err))
	}
	if s.outPath == "" {
		if s.outPath, err = session.DefaultPath(); err != nil {
			fmt.Fprintln(stderr, "biliqr:", err)
			return nil, exitFailed
		}
		warn, err := session.ConfigDir(filepath.Dir(s.outPath))
		if err != nil {
			return usage("%s", ui.FileReason(err))
		}
		if warn != "" {
			fmt.Fprintln(stderr, "biliqr:", ui.SanitizeText(warn, 300))
		}
	}
	if msg := s.checkOutput(); msg != "" {
		return usage("%s", msg)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	ok = true // s.close ends the fake from here on
	return s, 0
}

// checkOutput says what is wrong with where the session goes ("" if
// nothing), before the user scans a code: whatever would certainly make the
// save fail, and a file that is not ours to replace. It also makes the path
// absolute: saved_to and the summary name the file wherever they are read
// from (a script's log, cron's mail).
func (s *setup) checkOutput() string {
	if s.outPath == "-" {
		return ""
	}
	if s.opts.png != "" && session.SamePath(s.opts.png, s.outPath) {
		return fmt.Sprintf("-png and -o name the same file %s; the QR image would replace the session", ui.ShowPath(s.outPath, ui.MaxPathShown))
	}
	if !s.opts.check && !s.opts.logout {
		var err error
		if s.target, err = session.CheckTarget(s.outPath, s.format, s.client.TrustsCookieDomain); err != nil {
			return "-o: " + ui.FileReason(err)
		}
		session.AdoptDevice(s.client, s.outPath) // the same device as last time
	}
	if abs, err := filepath.Abs(s.outPath); err == nil {
		s.outPath = abs
	}
	return ""
}

// flagConflict is what is wrong with the flags taken together, in words
// ("" when nothing is).
func flagConflict(opts *options) string {
	if c := cli.Conflict(func(f string) bool { return opts.given[f] }, func(f string) string {
		return map[string]string{"format": opts.format}[f]
	}); c != "" {
		return c
	}
	if opts.locale != "" { // what people type: zh_CN, th, EN_us, th_TH.UTF-8
		code, ok := ui.MatchLocale(opts.locale)
		if !ok {
			return fmt.Sprintf("unknown -locale %q; the languages are %s", ui.SanitizeText(opts.locale, 40), ui.LocaleNames())
		}
		opts.locale = code
	}
	switch {
	case opts.jsonEvents && opts.output == "-":
		return "-json and -o - both want standard output; give -o a path"
	case (opts.check || opts.logout) && opts.output == "-":
		return "-check and -logout read the saved file; give its path with -o, not -"
	case opts.within != "" && !opts.check:
		return "-within goes with -check"
	}
	return ""
}

// startDemo starts the built-in fake, which scans itself after a few polls
// and confirms a few later. The session it makes is worthless, so it never
// goes to the real session file: without -o, a temporary one.
func (s *setup) startDemo() error {
	// It keeps its accounts, and the session without -o, in the demo's own
	// cache directory, so that a second run finds them ("Already logged
	// in", -check, -logout all work offline).
	dir, keep := demoDir()
	fake, poll := passporttest.Demo(s.ios.Getenv, keep)
	s.demoPoll = poll
	s.closeFake = fake.Close
	s.clientOpts = fake.ClientOptions()
	if s.outPath == "" && keep == "" {
		// no cache directory: a temporary one, gone when the demo ends
		tmp, err := os.MkdirTemp("", "biliqr-demo-")
		if err != nil {
			return err
		}
		dir, s.closeFake = tmp, func() { fake.Close(); os.RemoveAll(tmp) }
	}
	if s.outPath == "" {
		s.outPath = filepath.Join(dir, "cookies.txt")
	}
	return nil
}

func (s *setup) close() {
	s.cancel()
	s.closeFake()
}

// checkLocale is the language -check and -logout speak and ask the server
// in: -locale, else the one chosen in the app, else the environment's (as
// -plain does).
func (s *setup) checkLocale() string {
	if s.opts.locale != "" {
		return s.opts.locale
	}
	if l, _ := prefs.Remembered(); l != "" {
		return l
	}
	return s.envLocale()
}

// login runs the model on the output it belongs on (full screen, or plain
// text / JSON lines where asked for or where there is no terminal).
func login(s *setup) int {
	var toStdout bytes.Buffer // with -o -, the session waits here until the screen is restored
	cfg := s.modelConfig(&toStdout)
	out := output.Choose(s.ctx, s.ios, output.Mode{
		Plain: s.opts.plain, JSON: s.opts.jsonEvents, SessionToStdout: s.outPath == "-",
		Invert: s.opts.invert, Demo: s.opts.demo, Format: string(s.format),
	}, &cfg)
	defer out.Close()
	code := out.Run(model.New(cfg), s.cancel, toStdout.Bytes)
	for _, name := range s.client.DroppedCookies() {
		fmt.Fprintln(s.ios.ErrOut, "biliqr:", ui.T(cfg.Locale, ui.TextCookieDropped, name))
	}
	return code
}

// modelConfig wires the model: the client, where the session goes, the
// saved-session check, the remembered language, the PNG.
func (s *setup) modelConfig(toStdout *bytes.Buffer) model.Config {
	outPath, format := s.outPath, s.format
	cfg := model.Config{
		Client: s.client,
		Save: func(_ context.Context, ss passport.Session) (string, error) {
			if outPath == "-" {
				toStdout.Reset()
				return "", session.Encode(toStdout, ss, format)
			}
			return outPath, session.Save(outPath, ss, format, s.client.TrustsCookieDomain)
		},
		Format:     string(format),
		Locale:     s.opts.locale,
		MenuLocale: s.envLocale(),
		OpenURL:    model.OpenInBrowser,
		EastAsian:  ui.EastAsianWidthFrom(s.ios.Getenv),
		Demo:       s.opts.demo,
		Context:    s.ctx,
		Timeout:    s.opts.timeout,
		// only the demo's: the real client always polls every 2 s
		PollInterval: s.demoPoll,
	}
	if s.target.Session && outPath != "-" && !s.opts.force {
		// A session is already saved: verify it first, with a client of its
		// own so its cookies never mix with a new login's.
		if checker, err := passport.New(s.clientOpts); err == nil {
			cfg.SavedPath = outPath
			if perm, loose := session.LooseMode(outPath); loose {
				cfg.SavedPerm = uint32(perm)
			}
			cfg.SavedShared = s.target.Shared()
			cfg.CheckSaved = func(ctx context.Context, locale string) (passport.Account, error) {
				return session.Check(ctx, checker, outPath, locale)
			}
		}
	}
	remembered, remember := prefs.Remembered()
	if cfg.Locale == "" {
		cfg.Locale = remembered
	}
	if !s.opts.demo { // a tour changes no settings
		cfg.RememberLocale = remember
	}
	if s.opts.png != "" {
		cfg.WritePNG = ui.PNGWriter(s.opts.png, session.WriteFileAtomic)
	}
	return cfg
}

// optionError names the flag behind a passport.Options field New refused:
// "-passport-url must be https …", not "PassportURL must be https …".
func optionError(err error) string {
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

// flagDefs is the one table of flags: main registers them from it, and
// -h, -man and -completion are written from it (ui/cli). A new flag is a
// field in options and one entry here.
func flagDefs(o *options) []cli.Flag {
	formats := make([]string, len(session.Formats))
	for i, f := range session.Formats {
		formats[i] = string(f)
	}
	return []cli.Flag{
		{Name: "locale", Arg: "CODE", Value: &o.locale, Group: cli.Common, Choices: passport.LocaleCodes(),
			Usage: "the language of the app and of the server's messages; skips the first-launch menu",
			More:  "one of " + passport.LocaleNames()},
		{Name: "o", Alias: "output", Arg: "PATH", Value: &o.output, Group: cli.Common, Files: true,
			Usage: "where to save the session (default <user config dir>/biliqr/cookies.txt)",
			More:  "- writes it to standard output; checked before the first QR code"},
		{Name: "format", Arg: "FORMAT", Value: &o.format, Default: "netscape", Group: cli.Common, Choices: formats,
			Usage: "the session file's format",
			More:  "netscape (cookies.txt: yt-dlp --cookies, curl -b), header (name=value; ... for curl -H), json (every cookie attribute, plus mid and name)"},
		{Name: "force", Value: &o.force, Group: cli.Common,
			Usage: "log in again even if the saved session is still valid"},
		{Name: "timeout", Arg: "DURATION", Value: &o.timeout, Default: "30m", Group: cli.Common,
			Usage: "give up after this long without a scan (exit 1)",
			More:  "0 = never; a scanned code is never cut off; -json says reason timeout"},
		{Name: "check", Value: &o.check, Group: cli.Common,
			Usage: "no app: check the saved session and print one line",
			More:  "exit 0 logged in, 1 not, 3 could not check; -format json prints it as JSON"},
		{Name: "within", Arg: "DURATION", Value: &o.within, Group: cli.Common,
			Usage: "with -check: exit 1 (reason expiring) when the session ends sooner",
			More:  "a Go duration (36h) or a number of days (14d), for cron"},
		{Name: "logout", Value: &o.logout, Group: cli.Common,
			Usage: "no app: end the saved session on the server, then remove it from the file",
			More:  "kept unless the server confirms; in a shared cookie file only the session's lines go"},
		{Name: "demo", Value: &o.demo, Group: cli.Common,
			Usage: "try the whole login offline, against a built-in fake server"},
		{Name: "plain", Value: &o.plain, Group: cli.Output,
			Usage: "print the QR code once as text, then one sentence per step",
			More:  "the default when there is no terminal"},
		{Name: "json", Value: &o.jsonEvents, Group: cli.Output,
			Usage: "one JSON object per step on standard output, for programs",
			More:  "the text goes to standard error; the README lists the events"},
		{Name: "png", Arg: "PATH", Value: &o.png, Group: cli.Output, Files: true,
			Usage: "also write the QR code as a PNG image (rewritten for every new code)"},
		{Name: "invert", Value: &o.invert, Group: cli.Output,
			Usage: "-plain and -json: swap the printed code's glyphs, if it does not scan",
			More:  "the full-screen app has the i key"},
		{Name: "version", Value: &o.version, Group: cli.Setup,
			Usage: "print the version and exit"},
		{Name: "completion", Arg: "SHELL", Value: &o.completion, Group: cli.Setup, Choices: cli.Shells,
			Usage: "print the completion script for bash, zsh or fish",
			More:  "see the README's Install section for where it goes"},
		{Name: "man", Value: &o.man, Group: cli.Setup,
			Usage: "print the manual page biliqr(1) (roff)"},
		{Name: "passport-url", Arg: "URL", Value: &o.passportURL, Default: passport.DefaultPassportURL, Group: cli.Developer,
			Usage: "the passport service's base URL",
			More:  "plain http only for loopback hosts; its host joins the trusted set"},
		{Name: "api-url", Arg: "URL", Value: &o.apiURL, Default: passport.DefaultAPIURL, Group: cli.Developer,
			Usage: "the gateway's base URL (as -passport-url)"},
	}
}

// parseFlags parses args; on -h it prints the help on stdout and on bad
// usage one line on stderr (ok false, with the exit status).
func parseFlags(args []string, stdout, stderr io.Writer) (options, int, bool) {
	var o options
	defs := flagDefs(&o)
	fs, err := cli.Parse("biliqr", defs, args)
	if errors.Is(err, cli.ErrHelp) {
		cli.Help(stdout, "biliqr", defs)
		return o, exitOK, false
	}
	if err != nil {
		cli.PrintUsageError(stderr, "biliqr", err.Error())
		return o, exitUsage, false
	}
	o.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		name := f.Name
		if name == "output" {
			name = "o"
		}
		o.given[name] = true
	})
	o.outputGiven = o.given["o"]
	if o.outputGiven && o.output == "" {
		cli.PrintUsageError(stderr, "biliqr", "-o needs a path (or - for standard output); leave it out for the default")
		return o, exitUsage, false
	}
	if o.timeout < 0 {
		cli.PrintUsageError(stderr, "biliqr", fmt.Sprintf("-timeout %v is negative; give a duration such as 30m, or 0 for never", o.timeout))
		return o, exitUsage, false
	}
	return o, 0, true
}

// demoDir is -demo's own directory, <user cache dir>/biliqr/demo, and the
// file the fake keeps its accounts in there ("", "" without a cache dir).
func demoDir() (dir, state string) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", ""
	}
	dir = filepath.Join(cache, "biliqr", "demo")
	return dir, filepath.Join(dir, "accounts.json")
}

// envLocale is the s_locale matching LC_ALL / LC_MESSAGES / LANG, for the
// first-launch menu's highlight.
func (s *setup) envLocale() string { return ui.LocaleFromEnv(s.ios.Getenv) }

// build is this binary's version, commit and date (ldflags, else the
// build info).
func build() cli.Build {
	bi, _ := debug.ReadBuildInfo()
	return cli.BuildFrom(cli.Build{Version: version, Commit: commit, Date: date}, bi)
}
