// Command biliqr logs in to bilibili.tv by QR code in a full-screen
// terminal app and saves the session for yt-dlp, curl and friends.
// This file is flags and wiring only; see passport, model and ui.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/prefs"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/stream"
)

// version is set with -ldflags "-X main.version=…"; else read from the build.
var version = ""

// Exit statuses (a contract: scripts rely on them).
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitCannotCheck = 3 // -check only
	// 130 (cancelled) comes from model.Result.ExitCode; a signal n that
	// ends the app gives 128+n (129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM)
)

type options struct {
	locale, output, format, passportURL, apiURL, png string
	within                                           string // -check -within DURATION
	demo, version, check, logout                     bool
	plain, jsonEvents, force, invert                 bool
	outputGiven                                      bool // -o or -output was on the command line
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole program: flags → a setup → -check, -logout or a login.
// It writes only to the writers it is given.
func run(args []string, stdout, stderr io.Writer) int {
	opts, code, ok := parseFlags(args, stderr)
	if !ok {
		return code
	}
	if opts.version {
		fmt.Fprintln(stdout, "biliqr", versionString())
		return exitOK
	}
	s, code := newSetup(opts, stderr)
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
			fmt.Fprintf(stderr, "biliqr: warning: other users can read %s (mode %04o), and it holds %s; run chmod 600 on it (biliqr writes it 0600 when it next saves)\n",
				ui.SanitizeText(s.outPath, 300), perm, holds)
		}
		return checkSaved(s.ctx, s.client, s.outPath, s.checkLocale(), s.format == session.JSON, s.within, stdout)
	case opts.logout:
		return logoutSaved(s.ctx, s.client, s.outPath, s.checkLocale(), stdout, stderr)
	}
	return login(s, stdout, stderr)
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
	closeFake  func()         // -demo's fake server
	target     session.Target // what the file at -o holds
	within     time.Duration  // -check -within
}

func newSetup(opts options, stderr io.Writer) (*setup, int) {
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
	s := &setup{opts: opts, format: format, outPath: opts.output, closeFake: func() {}}
	if opts.within != "" {
		if !opts.check {
			return usage("-within goes with -check")
		}
		if s.within, err = session.ParseWithin(opts.within); err != nil {
			return usage("%v", err)
		}
	}
	s.clientOpts = passport.Options{PassportURL: opts.passportURL, APIURL: opts.apiURL}
	if opts.demo {
		// The built-in fake scans itself after a few polls and confirms a
		// few later; the session it makes is worthless, so it never goes
		// to the real session file.
		fake := passporttest.New(passporttest.Options{AutoScanAfterPolls: 3, AutoConfirmAfterPolls: 3})
		s.closeFake = fake.Close
		s.clientOpts = fake.ClientOptions()
		if s.outPath == "" {
			dir, err := os.MkdirTemp("", "biliqr-demo-")
			if err != nil {
				fake.Close()
				fmt.Fprintln(stderr, "biliqr:", err)
				return nil, exitFailed
			}
			s.outPath = filepath.Join(dir, "cookies.txt")
		}
	}
	if s.client, err = passport.New(s.clientOpts); err != nil {
		s.closeFake()
		return usage("%s", optionError(err))
	}
	if s.outPath == "" {
		if s.outPath, err = session.DefaultPath(); err != nil {
			s.closeFake()
			fmt.Fprintln(stderr, "biliqr:", err)
			return nil, exitFailed
		}
		warn, err := session.ConfigDir(filepath.Dir(s.outPath))
		if err != nil {
			s.closeFake()
			return usage("%s", ui.SanitizeText(err.Error(), 300))
		}
		if warn != "" {
			fmt.Fprintln(stderr, "biliqr:", ui.SanitizeText(warn, 300))
		}
	}
	if opts.png != "" && s.outPath != "-" && session.SamePath(opts.png, s.outPath) {
		s.closeFake()
		return usage("-png and -o name the same file %s; the QR image would replace the session", ui.SanitizeText(s.outPath, 300))
	}
	if !opts.check && !opts.logout && s.outPath != "-" {
		// Whatever would certainly make the save fail, and a file that is
		// not ours to replace, is said now, before the user scans a code.
		if s.target, err = session.CheckTarget(s.outPath, format, s.client.TrustsCookieDomain); err != nil {
			s.closeFake()
			return usage("-o: %s", ui.SanitizeText(err.Error(), 300))
		}
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
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

// login runs the model: full-screen, or as plain text / JSON lines where
// asked for or where there is no terminal; then it reports and says the
// exit status.
func login(s *setup, stdout, stderr io.Writer) int {
	var toStdout bytes.Buffer // with -o -, the session waits here until the screen is restored
	cfg := s.modelConfig(&toStdout)
	out := s.chooseOutput(&cfg, stdout, stderr)
	defer out.close()
	m := model.New(cfg)
	res, sig, runErr := runProgram(m, out, s.cancel)
	code := s.report(res, sig, runErr, out, toStdout.Bytes(), stdout, stderr)
	for _, name := range s.client.DroppedCookies() {
		fmt.Fprintln(stderr, "biliqr:", ui.T(res.Locale, ui.TextCookieDropped, name))
	}
	return code
}

// output is where a login is shown: the full screen (view nil) or a
// plain/JSON view, with the program options and the summary's writer.
type output struct {
	view     *stream.View
	progOpts []tea.ProgramOption
	summary  io.Writer
	close    func()
}

func (s *setup) chooseOutput(cfg *model.Config, stdout, stderr io.Writer) output {
	out := output{
		progOpts: []tea.ProgramOption{tea.WithContext(s.ctx), tea.WithFPS(renderFPS)},
		summary:  stdout,
		close:    func() {},
	}
	switch {
	case s.opts.plain || s.opts.jsonEvents || !stream.TerminalAvailable(s.outPath != "-"):
		if cfg.Locale == "" {
			cfg.Locale = envLocale() // no menu without a terminal
		}
		out.view = newStreamView(s.opts, s.outPath, stdout, stderr)
		cfg.OnEvent, cfg.Unattended = out.view.Event, true
		out.progOpts = stream.ProgramOptions(s.ctx)
		out.view.Start(cfg.Locale)
	case s.outPath == "-":
		// The session goes to stdout after the app has left; it draws on
		// the terminal itself.
		out.summary = stderr
		if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
			out.close = func() { tty.Close() }
			out.progOpts = append(out.progOpts, tea.WithOutput(tty), tea.WithInput(tty))
		} else {
			out.progOpts = append(out.progOpts, tea.WithOutput(stderr))
		}
	}
	return out
}

// runProgram runs m until it quits or a signal stops it. Signals are
// handled here, not by Bubble Tea (which knows only SIGINT and SIGTERM):
// SIGHUP and SIGQUIT used to kill the process with the terminal still in
// raw mode on the alternate screen.
func runProgram(m *model.Model, out output, cancel context.CancelFunc) (model.Result, syscall.Signal, error) {
	m.Prefetch() // the ticket request overlaps the terminal's start-up
	p := tea.NewProgram(m, append(out.progOpts, tea.WithoutSignalHandler())...)
	caught := catchSignals(p, func() {
		if out.view != nil {
			out.view.Stop() // what cancelled requests report now is not news
		}
	})
	_, runErr := p.Run()
	sig := caught()
	cancel()
	return m.Result(), sig, runErr
}

// report prints how the login ended (the summary line, the session with
// -o -, a crash's trace) and returns the exit status.
func (s *setup) report(res model.Result, sig syscall.Signal, runErr error, out output, session []byte, stdout, stderr io.Writer) int {
	if out.view != nil {
		var osSig os.Signal
		if sig != 0 {
			osSig = sig
		}
		out.view.End(res, osSig)
	}
	if model.ReportCrash(stderr, res, runErr, string(s.format)) {
		return exitFailed
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) && !errors.Is(runErr, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "biliqr:", runErr)
		return exitFailed
	}
	if res.Outcome == model.LoggedIn && res.SavedTo == "" {
		stdout.Write(session) //nolint:errcheck // nowhere left to report it
	}
	switch {
	case out.view != nil: // the view has said how it ended
	case res.Outcome == model.LoggedIn:
		fmt.Fprintln(out.summary, res.Summary(string(s.format)))
	default:
		fmt.Fprintln(stderr, res.Summary(string(s.format)))
	}
	if sig != 0 && res.Outcome != model.LoggedIn {
		return 128 + int(sig) // as a shell reports a death by that signal
	}
	return res.ExitCode()
}

// renderFPS: Bubble Tea draws only on its ticker, and wakes at this rate
// even while nothing changes. 60 FPS (the default) cost about 0.55 % of a
// core while waiting, 10 FPS delayed the first frame to ~106 ms; 30 FPS
// keeps both targets: the QR ~39 ms after exec, 0.43 % of a core while
// waiting (BenchmarkStartToQR, BenchmarkWaitingCost).
const renderFPS = 30

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
		MenuLocale: envLocale(),
		OpenURL:    model.OpenInBrowser,
		EastAsian:  ui.EastAsianWidth(),
		Demo:       s.opts.demo,
		Context:    s.ctx,
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
	if prefPath, err := prefs.Path(); err == nil {
		if p, err := prefs.Load(prefPath); err == nil && cfg.Locale == "" {
			if _, ok := passport.LookupLocale(p.Locale); ok {
				cfg.Locale = p.Locale
			}
		}
		if !s.opts.demo { // a tour changes no settings
			cfg.RememberLocale = func(code string) error { return prefs.Save(prefPath, prefs.Prefs{Locale: code}) }
		}
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

// catchSignals turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a normal quit
// of p, so that Bubble Tea restores the terminal (main screen, cursor,
// cooked mode) whichever arrives; a second one kills p, which restores it
// too. onFirst runs when the first arrives. The returned func, called after
// p.Run, stops catching and says which signal ended the program (0: none).
func catchSignals(p *tea.Program, onFirst func()) func() syscall.Signal {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	done := make(chan struct{})
	var first atomic.Int32
	go func() {
		for {
			select {
			case <-done:
				return
			case s := <-ch:
				n, _ := s.(syscall.Signal)
				if first.CompareAndSwap(0, int32(n)) {
					onFirst()
					go p.Quit() // Quit waits until the program reads it
				} else {
					p.Kill()
				}
			}
		}
	}()
	return func() syscall.Signal {
		signal.Stop(ch)
		close(done)
		return syscall.Signal(first.Load())
	}
}

// checkSaved is -check: one line, and 0 logged in, 1 not (or, with
// -within, ending sooner), 3 could not check.
func checkSaved(ctx context.Context, c *passport.Client, path, locale string, asJSON bool, within time.Duration, stdout io.Writer) int {
	a, err := session.Check(ctx, c, path, locale)
	en := passport.DefaultLocale
	var expired *session.ExpiredError
	code, line, reason := exitOK, "", ""
	switch {
	case err == nil && within > 0 && a.Expires.IsZero():
		code, line, reason = exitCannotCheck, "could not check: logged in as "+ui.AccountLabel(en, a)+", but the saved session does not say when it ends", "expiry_unknown"
	case err == nil && within > 0 && session.Expiring(a.Expires, within):
		code, reason = exitFailed, "expiring"
		line = "expiring: logged in as " + ui.AccountLabel(en, a) + ", but " + ui.T(en, ui.TextSessionEnds, ui.Date(a.Expires)) + ", within " + ui.Within(within)
	case err == nil:
		line = "logged in as " + ui.AccountLabel(en, a) + ui.EndsSuffix(en, a.Expires)
	case errors.As(err, &expired):
		code, line, reason = exitFailed, "not logged in: "+ui.T(en, ui.TextSessionExpiredOn, ui.Date(expired.At)), "expired"
		a.Expires = expired.At
	case errors.Is(err, passport.ErrNotLoggedIn):
		code, line = exitFailed, "not logged in: the saved session has expired or was logged out"
	case passport.KindOf(err) == passport.KindFile:
		code, line = exitFailed, "not logged in: "+ui.Describe(en, err)
	default:
		// Inconclusive (protocol.md §4): 10023006, 10004004, an unknown
		// code, no answer. The session may well be good: never exit 1.
		code, line = exitCannotCheck, "could not check: "+ui.UnverifiedReason(en, err)
	}
	if !asJSON {
		fmt.Fprintln(stdout, line)
		return code
	}
	out := map[string]any{"logged_in": err == nil, "message": line}
	if err == nil {
		out["mid"], out["name"] = a.Mid, a.Name
	}
	if !a.Expires.IsZero() {
		out["expires_at"] = a.Expires.UTC().Format(time.RFC3339)
	}
	if reason != "" {
		out["reason"] = reason
	}
	if code == exitCannotCheck && err != nil {
		out["logged_in"] = nil // unknown
		out["reason"] = passport.KindOf(err).String()
		if c := passport.CodeOf(err); c != 0 {
			out["code"] = c
		}
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(stdout, string(b))
	return code
}

// logoutSaved is -logout: end the session on the server, then take it out
// of the file; keep the file on any other answer, and when nothing saved
// would be sent.
func logoutSaved(ctx context.Context, c *passport.Client, path, locale string, stdout, stderr io.Writer) int {
	removed, err := session.Logout(ctx, c, path, locale)
	var ended *session.EndedError
	var expired *session.ExpiredError
	switch {
	case errors.Is(err, session.ErrNoSession):
		fmt.Fprintf(stderr, "biliqr: nothing to log out: no saved session at %s\n", path)
		return exitFailed
	case errors.As(err, &expired):
		fmt.Fprintf(stderr, "biliqr: nothing to log out: %s; %s was kept\n", ui.T(passport.DefaultLocale, ui.TextSessionExpiredOn, ui.Date(expired.At)), path)
		return exitFailed
	case errors.Is(err, session.ErrNothingSent):
		fmt.Fprintf(stderr, "biliqr: not logged out: %v (%s was kept)\n", err, path)
		return exitFailed
	case errors.As(err, &ended):
		fmt.Fprintf(stderr, "biliqr: logged out of bilibili.tv, but %s\n", ui.SanitizeText(ended.Error(), 300))
		return exitFailed
	case err != nil:
		fmt.Fprintf(stderr, "biliqr: logout failed; %s was kept: %s\n", path, ui.Describe(passport.DefaultLocale, err))
		return exitFailed
	case removed:
		fmt.Fprintf(stdout, "logged out of bilibili.tv; removed %s\n", path)
	default:
		fmt.Fprintf(stdout, "logged out of bilibili.tv; removed the session's cookies from %s (it holds other sites' cookies, which were kept)\n", path)
	}
	return exitOK
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
	fs.StringVar(&o.within, "within", "", "with -check: exit 1 (reason expiring) when the session ends within this long: a Go duration (36h) or days (14d)")
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
func envLocale() string { return ui.LocaleFromEnv(os.Getenv) }

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

// newStreamView is the -plain / -json view: JSON lines on stdout, human
// text on stdout in plain mode, else (with -json or -o -) on stderr.
func newStreamView(opts options, outPath string, stdout, stderr io.Writer) *stream.View {
	o := stream.Options{
		Human:     stdout,
		DarkBG:    stream.DarkBackground(os.Getenv),
		Invert:    opts.invert,
		EastAsian: ui.EastAsianWidth(),
		Demo:      opts.demo,
	}
	if opts.jsonEvents || outPath == "-" {
		o.Human = stderr
	}
	if opts.jsonEvents {
		o.JSON = stdout
	}
	return stream.New(o)
}
