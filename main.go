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
	"runtime/debug"
	"strings"

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
	// 130 (cancelled) comes from model.Result.ExitCode
)

type options struct {
	locale, output, format, passportURL, apiURL, png string
	demo, version, check, logout                     bool
	plain, jsonEvents, force, invert                 bool
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	opts, code, ok := parseFlags(args, stderr)
	if !ok {
		return code
	}
	if opts.version {
		fmt.Fprintln(stdout, "biliqr", versionString())
		return exitOK
	}
	format, err := session.ParseFormat(opts.format)
	if err != nil {
		fmt.Fprintln(stderr, "biliqr:", err)
		return exitUsage
	}
	if opts.locale != "" {
		if _, ok := passport.LookupLocale(opts.locale); !ok {
			fmt.Fprintf(stderr, "biliqr: unknown -locale %q; valid codes: %s\n", opts.locale, localeCodes())
			return exitUsage
		}
	}
	if opts.jsonEvents && opts.output == "-" {
		fmt.Fprintln(stderr, "biliqr: -json and -o - both want standard output; give -o a path")
		return exitUsage
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	clientOpts := passport.Options{PassportURL: opts.passportURL, APIURL: opts.apiURL}
	outPath := opts.output
	if opts.demo {
		// The built-in fake scans itself after a few polls and confirms a
		// few later; the session it makes is worthless, so it never goes
		// to the real session file.
		fake := passporttest.New(passporttest.Options{AutoScanAfterPolls: 3, AutoConfirmAfterPolls: 3})
		defer fake.Close()
		clientOpts = fake.ClientOptions()
		if outPath == "" {
			dir, err := os.MkdirTemp("", "biliqr-demo-")
			if err != nil {
				fmt.Fprintln(stderr, "biliqr:", err)
				return exitFailed
			}
			outPath = dir + string(os.PathSeparator) + "cookies.txt"
		}
	}
	client, err := passport.New(clientOpts)
	if err != nil {
		fmt.Fprintln(stderr, "biliqr:", err)
		return exitUsage
	}
	if outPath == "" {
		if outPath, err = session.DefaultPath(); err != nil {
			fmt.Fprintln(stderr, "biliqr:", err)
			return exitFailed
		}
	}

	if opts.check || opts.logout {
		if outPath == "-" {
			fmt.Fprintln(stderr, "biliqr: -check and -logout read the saved file; give its path with -o, not -")
			return exitUsage
		}
		locale := opts.locale
		if locale == "" {
			locale = passport.DefaultLocale
		}
		if opts.check {
			return checkSaved(ctx, client, outPath, locale, format == session.JSON, stdout)
		}
		return logoutSaved(ctx, client, outPath, locale, stdout, stderr)
	}

	// With -o - the session goes to stdout after the TUI has left, and the
	// TUI draws on the terminal itself.
	var toStdout bytes.Buffer
	save := func(_ context.Context, s passport.Session) (string, error) {
		if outPath == "-" {
			toStdout.Reset()
			return "", session.Encode(&toStdout, s, format)
		}
		return outPath, session.WriteFile(outPath, s, format)
	}

	cfg := model.Config{
		Client:     client,
		Save:       save,
		Format:     string(format),
		Locale:     opts.locale,
		MenuLocale: envLocale(),
		OpenURL:    model.OpenInBrowser,
		EastAsian:  ui.EastAsianWidth(),
		Demo:       opts.demo,
		Context:    ctx,
	}
	if _, err := os.Lstat(outPath); err == nil && outPath != "-" && !opts.force {
		// A session is already saved: verify it first, with a client of its
		// own so its cookies never mix with a new login's.
		checker, err := passport.New(clientOpts)
		if err != nil {
			fmt.Fprintln(stderr, "biliqr:", err)
			return exitUsage
		}
		cfg.SavedPath = outPath
		cfg.CheckSaved = func(ctx context.Context, locale string) (passport.Account, error) {
			return session.Check(ctx, checker, outPath, locale)
		}
	}
	if prefPath, err := prefs.Path(); err == nil {
		if p, err := prefs.Load(prefPath); err == nil && cfg.Locale == "" {
			if _, ok := passport.LookupLocale(p.Locale); ok {
				cfg.Locale = p.Locale
			}
		}
		if !opts.demo { // a tour changes no settings
			cfg.RememberLocale = func(code string) error { return prefs.Save(prefPath, prefs.Prefs{Locale: code}) }
		}
	}
	if opts.png != "" {
		cfg.WritePNG = func(qr *ui.QR) error {
			data, err := qr.PNG()
			if err != nil {
				return err
			}
			return session.WriteFileAtomic(opts.png, data)
		}
	}

	// Plain and JSON modes: the same model, without the full screen, where
	// asked for or where there is no terminal to draw on or read keys from.
	var view *stream.View
	if opts.plain || opts.jsonEvents || !stream.TerminalAvailable(outPath != "-") {
		if cfg.Locale == "" {
			cfg.Locale = envLocale() // no menu without a terminal
		}
		view = newStreamView(opts, outPath, stdout, stderr)
		cfg.OnEvent, cfg.Unattended = view.Event, true
		view.Start(cfg.Locale)
	}

	m := model.New(cfg)
	m.Prefetch() // the ticket request overlaps the terminal's start-up
	// The renderer draws only on its ticker, and wakes at this rate even
	// while nothing changes: 60 FPS (the default) cost about 0.55 % of a core
	// while waiting, 10 FPS delayed the first frame to ~106 ms. 30 FPS keeps
	// both targets: the QR ~39 ms after exec, 0.43 % of a core while waiting
	// (BenchmarkStartToQR, BenchmarkWaitingCost).
	progOpts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(30)}
	summaryOut := stdout
	var signals *stream.Catcher
	if view != nil {
		progOpts = stream.ProgramOptions(ctx)
		signals = stream.Catch(func() { view.Stop(); cancel() })
	} else if outPath == "-" {
		summaryOut = stderr
		if tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0); err == nil {
			defer tty.Close()
			progOpts = append(progOpts, tea.WithOutput(tty), tea.WithInput(tty))
		} else {
			progOpts = append(progOpts, tea.WithOutput(os.Stderr))
		}
	}
	_, runErr := tea.NewProgram(m, progOpts...).Run()
	cancel()
	res := m.Result()
	var sig os.Signal
	if view != nil {
		signals.Release()
		sig = signals.Caught()
		view.End(res, sig)
	}
	if model.ReportCrash(stderr, res, runErr, string(format)) {
		return exitFailed
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) && !errors.Is(runErr, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "biliqr:", runErr)
		return exitFailed
	}
	if res.Outcome == model.LoggedIn && res.SavedTo == "" {
		stdout.Write(toStdout.Bytes()) //nolint:errcheck // nowhere left to report it
	}
	if view != nil { // the view has said how it ended
		if sig != nil && res.Outcome != model.LoggedIn {
			return stream.ExitStatus(sig)
		}
		return res.ExitCode()
	}
	if res.Outcome == model.LoggedIn {
		fmt.Fprintln(summaryOut, res.Summary(string(format)))
	} else {
		fmt.Fprintln(stderr, res.Summary(string(format)))
	}
	return res.ExitCode()
}

// checkSaved is -check: one line, and 0 logged in, 1 not, 3 could not check.
func checkSaved(ctx context.Context, c *passport.Client, path, locale string, asJSON bool, stdout io.Writer) int {
	a, err := session.Check(ctx, c, path, locale)
	code, line := exitOK, ""
	switch {
	case err == nil:
		line = "logged in as " + ui.AccountLabel(passport.DefaultLocale, a)
	case errors.Is(err, passport.ErrNotLoggedIn):
		code, line = exitFailed, "not logged in: the saved session has expired or was logged out"
	case isFileError(err):
		code, line = exitFailed, "not logged in: "+ui.SanitizeText(err.Error(), 300)
	default:
		// Inconclusive (protocol.md §4): 10023006, 10004004, an unknown
		// code, no answer. The session may well be good: never exit 1.
		code, line = exitCannotCheck, "could not check: "+ui.UnverifiedReason(passport.DefaultLocale, err)
	}
	if !asJSON {
		fmt.Fprintln(stdout, line)
		return code
	}
	out := map[string]any{"logged_in": code == exitOK, "message": line}
	if code == exitOK {
		out["mid"], out["name"] = a.Mid, a.Name
	}
	if code == exitCannotCheck {
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

// logoutSaved is -logout: end the session on the server, then remove the
// file; keep the file on any other answer.
func logoutSaved(ctx context.Context, c *passport.Client, path, locale string, stdout, stderr io.Writer) int {
	if err := session.Logout(ctx, c, path, locale); err != nil {
		msg := ui.Describe(passport.DefaultLocale, err)
		if isFileError(err) {
			msg = ui.SanitizeText(err.Error(), 300)
		}
		fmt.Fprintf(stderr, "biliqr: logout failed; %s was kept: %s\n", path, msg)
		return exitFailed
	}
	fmt.Fprintf(stdout, "logged out of bilibili.tv; removed %s\n", path)
	return exitOK
}

func isFileError(err error) bool {
	var fe *session.FileError
	return errors.As(err, &fe) || errors.Is(err, session.ErrNoSession)
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
		fmt.Fprintln(stderr, "\nExit status: 0 logged in and saved · 1 failed · 2 bad usage · 3 could not check (-check) · 130 cancelled")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, exitOK, false
		}
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
