package signals

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
	"github.com/biliqr/biliqr/ui/iostreams"
	"github.com/biliqr/biliqr/ui/stream"
	"github.com/biliqr/biliqr/ui/termcaps"
)

// Mode is what the flags ask of the output.
type Mode struct {
	Plain, JSON     bool // -plain, -json
	SessionToStdout bool // -o -: standard output carries the session alone
	Invert, Demo    bool // -invert, -demo
	Format          string
	QR              ui.QRMode // -qr (or the remembered one)
}

// RenderFPS is the rate Bubble Tea draws at: only on its ticker, which
// runs for half a second after every update and then parks. The first
// frame waits for the first tick, 1/RenderFPS after the program starts:
// 8 ms at 120 (Bubble Tea's most), 33 ms at 30. While a code is shown the
// screen changes 7 times in its 3 minutes (i18n.ExpiresIn), so the rate
// costs the waiting little. Chosen by measurement, side by side
// (.github/CONTRIBUTING.md, Performance).
const RenderFPS = 120

// Output is where a login is shown: the full screen (view nil) or a
// plain/JSON view, with the program options and the summary's writer.
type Output struct {
	mode     Mode
	ios      *iostreams.IOStreams
	view     *stream.View
	progOpts []tea.ProgramOption
	summary  io.Writer
	close    func()
	// writers carry the stream view's output (see stream.Writer).
	writers []*stream.Writer
	// screen is the full screen's terminal: the image, if one is left
	// there, is deleted on it after the program ends.
	screen io.Writer
}

// Flush deadlines: how long the end of a run waits for a reader that is
// behind to take the last lines; those of every mode (stream.FlushWait).
const (
	flushWait         = stream.FlushWait
	flushWaitSignaled = stream.FlushWaitSignaled
)

// Choose picks the output for mode and wires cfg to it: a stream view
// gets the model's events, and a locale from the environment (there is no
// menu without a terminal). Close it when done.
func Choose(ctx context.Context, ios *iostreams.IOStreams, mode Mode, cfg *model.Config) *Output {
	out := &Output{
		mode:     mode,
		ios:      ios,
		progOpts: []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(RenderFPS)},
		summary:  ios.Out,
		close:    func() {},
		screen:   ios.Out,
	}
	plain := mode.Plain || mode.JSON || !ios.TerminalAvailable(!mode.SessionToStdout)
	d := termcaps.Decide(mode.QR, plain, termcaps.Env{Getenv: ios.Getenv}, ios.Console)
	cfg.QRAsked, cfg.QRMode, cfg.Console = mode.QR, d.Mode, d.Console
	cfg.ProbeGraphics, cfg.GraphicsTmux, cfg.Unsure = d.Probe, d.Tmux, d.Unsure
	if tmux := ios.Getenv("TMUX"); tmux != "" {
		cfg.CopyToTmux = copyToTmux(tmux)
	}
	switch {
	case plain:
		if cfg.Locale == "" {
			cfg.Locale = i18n.LocaleFromEnv(ios.Getenv)
		}
		out.view = out.newStreamView(ios, mode, d)
		cfg.OnEvent, cfg.Unattended = out.view.Event, true
		out.progOpts = stream.ProgramOptions(ctx)
		out.view.Start(cfg.Locale)
	case mode.SessionToStdout:
		// The session goes to stdout after the app has left; it draws on
		// the terminal itself.
		out.summary = ios.ErrOut
		if in, tty, err := openTTY(ios); err == nil {
			out.close = func() { in.Close(); tty.Close() }
			out.progOpts = append(out.progOpts, tea.WithOutput(tty), tea.WithInput(in))
			out.screen = tty
		} else {
			out.progOpts = append(out.progOpts, tea.WithOutput(ios.ErrOut))
			out.screen = ios.ErrOut
		}
	default: // Bubble Tea draws on os.Stdout, as detected already
		if ios.StdoutProfile != nil {
			out.progOpts = append(out.progOpts, tea.WithColorProfile(ios.StdoutProfile()))
		}
	}
	if out.view == nil && ios.Getenv("RUNEWIDTH_EASTASIAN") == "" {
		cfg.ProbeWidth = true // a terminal to ask, and nobody said
	}
	return out
}

// FullScreen says whether the login runs in the full-screen app (not the
// plain or JSON view).
func (o *Output) FullScreen() bool { return o.view == nil }

// Close releases the controlling terminal, if the output opened it.
func (o *Output) Close() { o.close() }

// Run runs m until it quits or a signal stops it, then reports how it
// ended and returns the exit status. session is what -o - wrote, printed
// only after the screen is restored. The signals are listener's, which
// Run takes over and stops: they are handled here, not by Bubble Tea
// (which knows only SIGINT and SIGTERM): SIGHUP and SIGQUIT used to kill
// the process with the terminal still in raw mode.
func (o *Output) Run(listener *Listener, m *model.Model, cancel context.CancelFunc, session func() []byte) exit.Status {
	m.Prefetch() // the ticket request overlaps the terminal's start-up
	opts := append(o.progOpts, tea.WithoutSignalHandler())
	var susp *suspension
	if o.view == nil { // the full screen: stop and resume around ctrl+z / SIGTSTP
		susp = newSuspension()
		opts = append(opts, tea.WithFilter(susp.filter))
	}
	p := tea.NewProgram(m, opts...)
	if susp != nil {
		susp.start(p)
		defer susp.stop()
	}
	stop := listener.Catch(func(syscall.Signal) {
		if o.view != nil {
			o.view.Stop() // what cancelled requests report now is not news
		}
		go p.Quit() // Quit waits until the program reads it
	}, func(syscall.Signal) { p.Kill() }) // Kill restores the terminal too
	_, runErr := p.Run()
	sig := stop()
	if del := m.ImageCleanup(); del != "" && o.view == nil {
		io.WriteString(o.screen, del) //nolint:errcheck // the terminal is going away
	}
	cancel()
	return o.report(m.Result(), sig, runErr, session())
}

func (o *Output) report(res model.Result, sig syscall.Signal, runErr error, session []byte) exit.Status {
	stdout, stderr := o.ios.Out, o.ios.ErrOut
	if o.view != nil {
		var osSig os.Signal
		if sig != 0 {
			osSig = sig
		}
		o.view.End(res, osSig)
		wait := flushWait
		if sig != 0 {
			wait = flushWaitSignaled
		}
		deadline := time.Now().Add(wait)
		for _, w := range o.writers {
			w.Close(time.Until(deadline))
		}
	}
	if model.ReportCrash(stderr, res, runErr, o.mode.Format) {
		return exit.Failed
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) && !errors.Is(runErr, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "biliqr:", runErr)
		return exit.Failed
	}
	if res.Saved() && res.SavedTo == "" {
		stdout.Write(session) //nolint:errcheck // nowhere left to report it
	}
	switch {
	case o.view != nil: // the view has said how it ended
	case res.Saved():
		fmt.Fprintln(o.summary, res.Summary(o.mode.Format))
	default:
		fmt.Fprintln(stderr, res.Summary(o.mode.Format))
	}
	if sig != 0 && !res.Saved() {
		return exit.Signal(sig) // as a shell reports a death by that signal
	}
	return res.ExitCode()
}

// newStreamView is the -plain / -json view: JSON lines on stdout, human
// text on stdout in plain mode, else (with -json or -o -) on stderr.
func (out *Output) newStreamView(ios *iostreams.IOStreams, mode Mode, d termcaps.Decision) *stream.View {
	stdout, stderr := stream.NewWriter(ios.Out), stream.NewWriter(ios.ErrOut)
	out.writers = []*stream.Writer{stdout, stderr}
	o := stream.Options{
		Human:     stdout,
		DarkBG:    stream.DarkBackground(ios.Getenv),
		Invert:    mode.Invert,
		EastAsian: ui.EastAsianWidthFrom(ios.Getenv),
		Demo:      mode.Demo,
		QR:        d.Mode,
		Console:   d.Console,
	}
	if mode.JSON || mode.SessionToStdout {
		o.Human = stderr
	}
	if mode.JSON {
		o.JSON = stdout
	}
	return stream.New(o)
}

// openTTY opens the controlling terminal, for a full screen drawn beside
// -o - (standard output then carries the session).
func openTTY(ios *iostreams.IOStreams) (in, out *os.File, err error) {
	if ios.OpenTTY == nil {
		return nil, nil, os.ErrNotExist
	}
	return ios.OpenTTY()
}

// OneThread returns what puts Go code on one thread once the app only
// waits (model.Config.Waiting), or nil if the user set GOMAXPROCS. The
// start keeps the machine's threads: the ticket request, the first
// render and the terminal's start-up run beside each other, and on one
// the request waited for the render. Waiting, one P wakes the runtime
// less (BenchmarkWaitingCost; the performance table in
// .github/CONTRIBUTING.md).
func OneThread(getenv func(string) string) func() {
	if getenv("GOMAXPROCS") != "" {
		return nil
	}
	return func() { runtime.GOMAXPROCS(1) }
}

// copyToTmux hands a link to the tmux server of $TMUX: load-buffer -w
// also sets the outer terminal's clipboard where tmux may. An error
// carries tmux's own words (never the link).
func copyToTmux(tmuxEnv string) func(link string) error {
	return func(link string) error {
		cmd := exec.Command("tmux", "load-buffer", "-w", "-")
		cmd.Env = append(os.Environ(), "TMUX="+tmuxEnv)
		cmd.Stdin = strings.NewReader(link)
		out, err := cmd.CombinedOutput()
		if err != nil {
			if msg := strings.TrimSpace(string(out)); msg != "" {
				return errors.New(msg)
			}
			return err
		}
		return nil
	}
}
