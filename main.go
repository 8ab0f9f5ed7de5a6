// Command biliqr logs in to bilibili.tv by QR code in a full-screen
// terminal app and saves the session for yt-dlp, curl and friends.
// This file is flags and wiring only; see passport, model and ui.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/model/prefs"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/cli"
	"github.com/biliqr/biliqr/ui/cli/args"
	"github.com/biliqr/biliqr/ui/i18n"
	"github.com/biliqr/biliqr/ui/iostreams"
	"github.com/biliqr/biliqr/ui/signals"
	"github.com/biliqr/biliqr/ui/stream"
	"github.com/charmbracelet/x/term"
)

// Set with -ldflags "-X main.version=… -X main.commit=… -X main.date=…"
// by release builds (.goreleaser.yaml); else read from the build info.
var version, commit, date string

func main() {
	signals.AbortOnCrash()
	os.Exit(int(run(os.Args[1:], system(), timing{poll: iostreams.SystemPoll(), waiting: signals.OneThread(os.Getenv)})))
}

// system is the process's own streams, environment and folders: the one
// place biliqr reads them; everything else is given them.
func system() *iostreams.IOStreams {
	return &iostreams.IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		StdinTTY:  term.IsTerminal(os.Stdin.Fd()),
		StdoutTTY: term.IsTerminal(os.Stdout.Fd()),
		OpenTTY:   tea.OpenTTY,
		Getenv:    os.Getenv,
		Console:   iostreams.SystemConsole(),
		ConfigDir: os.UserConfigDir,
		CacheDir:  os.UserCacheDir,
		// Lip Gloss detected it at init, from os.Stdout and os.Environ(),
		// which Bubble Tea would detect it from again
		StdoutProfile: func() colorprofile.Profile { return lipgloss.Writer.Profile },
	}
}

// timing is the pace run is given. The zero value is the real one: a poll
// every 2 s, as the site polls (or -demo's BILIQR_DEMO_POLL). Tests of
// whole logins give a fast poll, so that none sits through real polls.
type timing struct {
	poll    time.Duration // the wait before each poll (0: the real one)
	waiting func()        // run a second after the first code is shown (model.Config.Waiting)
}

// run is the whole program: flags → a setup → -check, -logout or a login.
// It reads and writes only the streams and environment it is given, at
// the pace it is given.
func run(argv []string, ios *iostreams.IOStreams, pace timing) exit.Status {
	opts, code, ok := args.Parse(argv, ios.Out, ios.ErrOut)
	if !ok {
		return code
	}
	// only when asked: reading the build info costs a login's start
	if asked := (cli.Asked{Version: opts.Version, Man: opts.Man, Completion: opts.Completion}); asked != (cli.Asked{}) {
		code, _ := cli.Info(ios.Out, ios.ErrOut, "biliqr", build(), args.Defs(new(args.Options)), asked)
		return code
	}
	var listener *signals.Listener
	if !opts.Check && !opts.Logout {
		// beside the set-up: the first frame needs both
		listener = signals.Listen()
		go ui.WarmUp()
	}
	s, code := newSetup(opts, ios, pace)
	if s == nil {
		if listener != nil {
			listener.Stop()
		}
		return code
	}
	defer s.close()
	switch {
	case opts.Check:
		return signals.Run(s.cancel, func() exit.Status {
			return stream.Bounded(s.ctx, ios.Out, ios.ErrOut, func(stdout, stderr io.Writer) exit.Status {
				stream.WarnLooseMode(stderr, s.checkLocale(), s.outPath, s.client.TrustsCookieDomain)
				a, err := session.Check(s.ctx, s.client, s.outPath, s.checkLocale())
				return stream.Check(stdout, s.checkLocale(), s.outPath, a, err, s.format == session.JSON, s.within)
			})
		})
	case opts.Logout:
		return signals.Run(s.cancel, func() exit.Status {
			return stream.Bounded(s.ctx, ios.Out, ios.ErrOut, func(stdout, stderr io.Writer) exit.Status {
				removed, err := session.Logout(s.ctx, s.client, s.outPath, s.checkLocale())
				return stream.Logout(stdout, stderr, s.checkLocale(), s.outPath, s.opts.Demo, removed, err)
			})
		})
	}
	return login(s, listener)
}

// setup is what the flags amount to, checked: bad usage is found here,
// before any terminal is taken over or any request sent.
type setup struct {
	opts       args.Options
	format     session.Format
	clientOpts passport.Options
	client     *passport.Client
	outPath    string // "-" for standard output
	ctx        context.Context
	cancel     context.CancelFunc
	closeFake  func()        // -demo's fake server
	poll       time.Duration // the poll interval: run's timing, else -demo's (0: the real 2 s)
	waiting    func()        // run's timing.waiting
	ios        *iostreams.IOStreams
	target     session.Target // what the file at -o holds
	within     time.Duration  // -check -within
	trace      *stream.Trace  // -verbose, BILIQR_DEBUG=1; nil: none
}

func newSetup(opts args.Options, ios *iostreams.IOStreams, pace timing) (*setup, exit.Status) {
	stderr := ios.ErrOut
	usage := func(format string, a ...any) (*setup, exit.Status) {
		fmt.Fprintf(stderr, "biliqr: "+format+"\n", a...)
		return nil, exit.Usage
	}
	if opts.Check && opts.JSON {
		opts.Format = string(session.JSON) // -check -json is -check -format json
	}
	format, err := session.ParseFormat(opts.Format)
	if err != nil {
		return usage("%v", err)
	}
	if msg := opts.Conflict(); msg != "" {
		return usage("%s", msg)
	}
	s := &setup{opts: opts, format: format, outPath: opts.Output, closeFake: func() {}, ios: ios, within: opts.Within}
	ok := false
	defer func() {
		if !ok {
			s.closeFake() // every way out below but the last
		}
	}()
	s.clientOpts = passport.Options{PassportURL: opts.PassportURL, APIURL: opts.APIURL}
	if opts.Demo {
		if err := s.startDemo(); err != nil {
			fmt.Fprintln(stderr, "biliqr:", err)
			return nil, exit.Failed
		}
	}
	s.waiting = pace.waiting
	if pace.poll > 0 {
		s.poll = pace.poll // over -demo's too
	}
	if opts.Verbose || ios.Getenv("BILIQR_DEBUG") == "1" {
		s.trace = stream.NewTrace(stderr)
		s.clientOpts.Trace = s.trace.Event
	}
	if s.client, err = passport.New(s.clientOpts); err != nil {
		return usage("%s", args.OptionError(err))
	}
	if s.outPath == "" {
		dir, err := ios.ConfigDir()
		if err != nil {
			fmt.Fprintln(stderr, "biliqr: cannot find the user config directory:", err)
			return nil, exit.Failed
		}
		s.outPath = session.DefaultPath(dir)
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
	if s.opts.PNG != "" && session.SamePath(s.opts.PNG, s.outPath) {
		return fmt.Sprintf("-png and -o name the same file %s; the QR image would replace the session", ui.ShowPath(s.outPath, ui.MaxPathShown))
	}
	if !s.opts.Check && !s.opts.Logout {
		if msg := s.keepFormat(); msg != "" {
			return msg
		}
		var err error
		if s.target, err = session.CheckTarget(s.outPath, s.format, s.client.TrustsCookieDomain); err != nil {
			return "-o: " + ui.FileReason(err)
		}
		if n := session.Links(s.outPath); n > 1 {
			fmt.Fprintln(s.ios.ErrOut, i18n.T(s.checkLocale(), i18n.TextHardLinks, ui.ShowPath(s.outPath, ui.MaxPathShown), n))
		}
		session.AdoptDevice(s.client, s.outPath) // the same device as last time
	}
	if abs, err := filepath.Abs(s.outPath); err == nil {
		s.outPath = abs
	}
	return ""
}

// keepFormat holds -format to one meaning: a login never changes the
// format of a file already there (yt-dlp reads a cookies.txt turned JSON
// as no cookies at all). Without -format the file's own is kept; a
// -format that differs is refused, with how to write it elsewhere.
func (s *setup) keepFormat() string {
	t, err := session.Inspect(s.outPath, s.client.TrustsCookieDomain)
	if err != nil || !t.Exists || t.Format == s.format {
		return "" // nothing there, or CheckTarget says what is wrong
	}
	if !s.opts.Given["format"] {
		s.format = t.Format
		return ""
	}
	shown := ui.ShowPath(s.outPath, ui.MaxPathShown)
	return fmt.Sprintf("-format %s: %s is a %s file, and a login never changes a file's format; to write %s, give another file: -o %s -format %s",
		s.format, shown, t.Format, s.format, ui.ShowPath(otherFile(s.outPath, s.format), ui.MaxPathShown), s.format)
}

// otherFile is a file beside path for a session in format f:
// cookies.txt → cookies.json.
func otherFile(path string, f session.Format) string {
	ext := map[session.Format]string{session.Netscape: ".txt", session.JSON: ".json", session.Header: ".header"}[f]
	base := strings.TrimSuffix(path, filepath.Ext(path))
	if other := base + ext; other != path {
		return other
	}
	return base + "-" + string(f) + ext
}

// startDemo starts the built-in fake, which scans itself after a few polls
// and confirms a few later. The session it makes is worthless, so it never
// goes to the real session file: without -o, a temporary one.
func (s *setup) startDemo() error {
	// It keeps its accounts, and the session without -o, in the demo's own
	// cache directory, so that a second run finds them ("Already logged
	// in", -check, -logout all work offline).
	dir, keep := passporttest.DemoDir(s.ios.CacheDir)
	fake, poll := passporttest.Demo(s.ios.Getenv, keep)
	s.poll = poll
	if s.opts.DemoScenario == args.DemoNetwork {
		passporttest.PlayNetworkTrouble(fake)
	}
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
	if s.opts.Locale != "" {
		return s.opts.Locale
	}
	if l, _ := prefs.Remembered(s.ios.ConfigDir); l != "" {
		return l
	}
	return s.envLocale()
}

// login runs the model on the output it belongs on (full screen, or plain
// text / JSON lines where asked for or where there is no terminal).
func login(s *setup, listener *signals.Listener) exit.Status {
	var toStdout bytes.Buffer // with -o -, the session waits here until the screen is restored
	cfg := s.modelConfig(&toStdout)
	// TERM=dumb (Emacs's shell, and the like) draws no full screen
	dumb := s.ios.Getenv("TERM") == "dumb" && !s.opts.JSON
	out := signals.Choose(s.ctx, s.ios, signals.Mode{
		Plain: s.opts.Plain || dumb, JSON: s.opts.JSON, SessionToStdout: s.outPath == "-",
		Invert: s.opts.Invert, Demo: s.opts.Demo, Format: string(s.format),
		QR: s.qrMode(),
	}, &cfg)
	defer out.Close()
	if s.trace != nil && out.FullScreen() {
		// the trace would scribble over the app: it follows it instead
		s.trace.Hold()
		defer s.trace.Release()
	}
	code := out.Run(listener, model.New(cfg), s.cancel, toStdout.Bytes)
	for _, name := range s.client.DroppedCookies() {
		fmt.Fprintln(s.ios.ErrOut, "biliqr:", i18n.T(cfg.Locale, i18n.TextCookieDropped, name))
	}
	return code
}

// modelConfig wires the model: the client, where the session goes, the
// saved-session check, the remembered language, the PNG.
func (s *setup) modelConfig(toStdout *bytes.Buffer) model.Config {
	outPath, format := s.outPath, s.format
	cfg := model.Config{
		Client: s.client,
		Save: func(ctx context.Context, ss passport.Session) (string, error) {
			if outPath == "-" {
				toStdout.Reset()
				return "", session.Encode(toStdout, ss, format)
			}
			return outPath, session.SaveContext(ctx, outPath, ss, format, s.client.TrustsCookieDomain)
		},
		Format:     string(format),
		Locale:     s.opts.Locale,
		MenuLocale: s.envLocale(),
		OpenURL:    model.BrowserOpener(s.ios.Getenv),
		EastAsian:  ui.EastAsianWidthFrom(s.ios.Getenv),
		Demo:       s.opts.Demo,
		Context:    s.ctx,
		Timeout:    s.opts.Timeout,
		// only the demo's or a test's: a real login always polls every 2 s
		PollInterval: s.poll,
		Waiting:      s.waiting,
	}
	if s.target.Session && outPath != "-" && !s.opts.Force && s.opts.DemoScenario != args.DemoNetwork {
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
	remembered, remember := prefs.Remembered(s.ios.ConfigDir)
	if cfg.Locale == "" {
		cfg.Locale = remembered
	}
	if !s.opts.Demo { // a tour changes no settings
		cfg.RememberLocale = remember
	}
	if s.opts.PNG != "" {
		cfg.WritePNG = ui.PNGWriter(s.opts.PNG, session.WriteFileAtomic)
	}
	return cfg
}

// qrMode is -qr, remembered for the next runs (not by a demo, which
// changes no settings), else the one remembered, else auto.
func (s *setup) qrMode() ui.QRMode {
	remembered, remember := prefs.RememberedQR(s.ios.ConfigDir)
	if s.opts.Given["qr"] {
		mode, _ := ui.ParseQRMode(s.opts.QR) // checked by Conflict
		if remember != nil && !s.opts.Demo && remembered != s.opts.QR {
			if err := remember(mode.String()); err != nil {
				fmt.Fprintln(s.ios.ErrOut, "biliqr:", ui.SanitizeText(err.Error(), 300))
			}
		}
		return mode
	}
	mode, _ := ui.ParseQRMode(remembered) // a bad value in the file: auto
	return mode
}

// envLocale is the s_locale of LC_ALL / LC_MESSAGES / LANG (the menu's highlight).
func (s *setup) envLocale() string { return i18n.LocaleFromEnv(s.ios.Getenv) }

// build is this binary's version, commit and date (ldflags, else build info).
func build() cli.Build {
	bi, _ := debug.ReadBuildInfo()
	return cli.BuildFrom(cli.Build{Version: version, Commit: commit, Date: date}, bi)
}
