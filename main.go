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
	"runtime/debug"
	"strings"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/prefs"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/iostreams"
	"github.com/biliqr/biliqr/ui/output"
	"github.com/biliqr/biliqr/ui/signals"
	"github.com/biliqr/biliqr/ui/stream"
)

// version is set with -ldflags "-X main.version=…"; else read from the build.
var version = ""

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
	demo, version, check, logout                     bool
	plain, jsonEvents, force, invert                 bool
	outputGiven                                      bool // -o or -output was on the command line
}

func main() { os.Exit(run(os.Args[1:], iostreams.System())) }

// run is the whole program: flags → a setup → -check, -logout or a login.
// It reads and writes only the streams and environment it is given.
func run(args []string, ios *iostreams.IOStreams) int {
	opts, code, ok := parseFlags(args, ios.ErrOut)
	if !ok {
		return code
	}
	if opts.version {
		fmt.Fprintln(ios.Out, "biliqr", versionString())
		return exitOK
	}
	s, code := newSetup(opts, ios)
	if s == nil {
		return code
	}
	defer s.close()
	switch {
	case opts.check:
		if perm, loose := session.LooseMode(s.outPath); loose {
			stream.WarnLooseMode(ios.ErrOut, s.outPath, uint32(perm))
		}
		return signals.Run(s.cancel, func() int {
			a, err := session.Check(s.ctx, s.client, s.outPath, s.checkLocale())
			return stream.Check(ios.Out, s.checkLocale(), a, err, s.format == session.JSON)
		})
	case opts.logout:
		return signals.Run(s.cancel, func() int {
			err := session.Logout(s.ctx, s.client, s.outPath, s.checkLocale())
			return stream.Logout(ios.Out, ios.ErrOut, s.checkLocale(), s.outPath, err)
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
}

func newSetup(opts options, ios *iostreams.IOStreams) (*setup, int) {
	stderr := ios.ErrOut
	usage := func(format string, a ...any) (*setup, int) {
		fmt.Fprintf(stderr, "biliqr: "+format+"\n", a...)
		return nil, exitUsage
	}
	format, err := session.ParseFormat(opts.format)
	if err != nil {
		return usage("%v", err)
	}
	if _, ok := passport.LookupLocale(opts.locale); opts.locale != "" && !ok {
		return usage("unknown -locale %q; valid codes: %s", opts.locale, localeCodes())
	}
	if opts.jsonEvents && opts.output == "-" {
		return usage("-json and -o - both want standard output; give -o a path")
	}
	if (opts.check || opts.logout) && opts.output == "-" {
		return usage("-check and -logout read the saved file; give its path with -o, not -")
	}
	s := &setup{opts: opts, format: format, outPath: opts.output, closeFake: func() {}, ios: ios}
	ok := false
	defer func() {
		if !ok {
			s.closeFake() // every way out below but the last
		}
	}()
	s.clientOpts = passport.Options{PassportURL: opts.passportURL, APIURL: opts.apiURL}
	if opts.demo {
		// The built-in fake scans itself after a few polls and confirms a
		// few later; the session it makes is worthless, so it never goes
		// to the real session file.
		fake, poll := passporttest.Demo(ios.Getenv)
		s.demoPoll = poll
		s.closeFake = fake.Close
		s.clientOpts = fake.ClientOptions()
		if s.outPath == "" {
			dir, err := os.MkdirTemp("", "biliqr-demo-")
			if err != nil {
				fmt.Fprintln(stderr, "biliqr:", err)
				return nil, exitFailed
			}
			s.outPath = filepath.Join(dir, "cookies.txt")
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
	}
	if !opts.check && !opts.logout && s.outPath != "-" {
		// Whatever would certainly make the save fail is said now, before
		// the user scans a code, not after the login.
		if err := session.CheckWritable(s.outPath); err != nil {
			return usage("-o: %s", ui.SanitizeText(err.Error(), 300))
		}
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	ok = true // s.close ends the fake from here on
	return s, 0
}

func (s *setup) close() {
	s.cancel()
	s.closeFake()
}

// checkLocale is the language -check and -logout ask the server in.
func (s *setup) checkLocale() string {
	if s.opts.locale != "" {
		return s.opts.locale
	}
	return passport.DefaultLocale
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
	return out.Run(model.New(cfg), s.cancel, toStdout.Bytes)
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
			return outPath, session.WriteFile(outPath, ss, format)
		},
		Format:     string(format),
		Locale:     s.opts.locale,
		MenuLocale: s.envLocale(),
		OpenURL:    model.OpenInBrowser,
		EastAsian:  ui.EastAsianWidthFrom(s.ios.Getenv),
		Demo:       s.opts.demo,
		Context:    s.ctx,
		// only the demo's: the real client always polls every 2 s
		PollInterval: s.demoPoll,
	}
	if _, err := os.Lstat(outPath); err == nil && outPath != "-" && !s.opts.force {
		// A session is already saved: verify it first, with a client of its
		// own so its cookies never mix with a new login's.
		if checker, err := passport.New(s.clientOpts); err == nil {
			cfg.SavedPath = outPath
			if perm, loose := session.LooseMode(outPath); loose {
				cfg.SavedPerm = uint32(perm)
			}
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
	if png := s.opts.png; png != "" {
		cfg.WritePNG = func(qr *ui.QR) error {
			data, err := qr.PNG()
			if err != nil {
				return err
			}
			return session.WriteFileAtomic(png, data)
		}
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

func parseFlags(args []string, stderr io.Writer) (options, int, bool) {
	var o options
	fs := flag.NewFlagSet("biliqr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.locale, "locale", "", "start with this s_locale ("+localeCodes()+"); skips the first-launch menu")
	fs.StringVar(&o.output, "o", "", "where to save the session (default <user config dir>/biliqr/cookies.txt); - writes it to stdout")
	fs.StringVar(&o.output, "output", "", "same as -o")
	fs.StringVar(&o.format, "format", "netscape", "netscape (yt-dlp --cookies, curl -b) | header (name=value; …) | json")
	fs.StringVar(&o.passportURL, "passport-url", passport.DefaultPassportURL, "passport base URL")
	fs.StringVar(&o.apiURL, "api-url", passport.DefaultAPIURL, "gateway base URL")
	fs.StringVar(&o.png, "png", "", "also write the QR code as a PNG image to this path (rewritten for every new code)")
	fs.BoolVar(&o.demo, "demo", false, "play the whole flow offline against the built-in fake server")
	fs.BoolVar(&o.check, "check", false, "no TUI: verify the saved session and print one line (exit 0 logged in, 1 not, 3 could not check); -format json for JSON")
	fs.BoolVar(&o.logout, "logout", false, "no TUI: end the saved session on the server, then remove the file")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.BoolVar(&o.plain, "plain", false, "no full-screen UI: print the QR once as text, then one line per event (the default when there is no terminal)")
	fs.BoolVar(&o.jsonEvents, "json", false, "no full-screen UI: one JSON object per event on stdout (human text on stderr); see the README for the schema")
	fs.BoolVar(&o.force, "force", false, "log in again even if the saved session is still valid")
	fs.BoolVar(&o.invert, "invert", false, "-plain/-json: swap the printed QR's glyphs, for when it does not scan (it is drawn for a dark background unless COLORFGBG says light); the full-screen app has the i key")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: biliqr [flags]\n\nLog in to bilibili.tv by QR code and save the session.\n\nFlags:")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nExit status: 0 logged in and saved · 1 failed · 2 bad usage · 3 could not check (-check) · 130 cancelled · 128+n ended by signal n (129 SIGHUP, 131 SIGQUIT, 143 SIGTERM)")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, exitOK, false
		}
		return o, exitUsage, false
	}
	fs.Visit(func(f *flag.Flag) { o.outputGiven = o.outputGiven || f.Name == "o" || f.Name == "output" })
	if o.outputGiven && o.output == "" {
		fmt.Fprintln(stderr, "biliqr: -o needs a path (or - for standard output); leave it out for the default")
		return o, exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "biliqr: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return o, exitUsage, false
	}
	return o, 0, true
}

func localeCodes() string {
	codes := make([]string, len(passport.Locales))
	for i, l := range passport.Locales {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}

// envLocale is the s_locale matching LC_ALL / LC_MESSAGES / LANG, for the
// first-launch menu's highlight.
func (s *setup) envLocale() string { return ui.LocaleFromEnv(s.ios.Getenv) }

func versionString() string {
	v, rev := version, ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				rev = s.Value
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if rev != "" {
		return v + " " + rev
	}
	return v
}
