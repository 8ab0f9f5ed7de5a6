package stream

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Options configure a View.
type Options struct {
	// Human receives the sentences and the QR drawing: standard output in
	// plain mode, standard error with -json or -o -.
	Human io.Writer
	// JSON, if set, receives one JSON object per event (-json).
	JSON io.Writer

	// Invert swaps the QR's glyphs (-invert); DarkBG is the background the
	// glyphs are drawn for (see DarkBackground). EastAsian: block glyphs
	// are double width, so the code is drawn with '#'.
	DarkBG, Invert, EastAsian bool
	Demo                      bool // -demo: say so first
	// QR is the code's rendering (never auto or image here: termcaps
	// decided); Console: the Linux console's font may lack █ ('#' then).
	QR      ui.QRMode
	Console bool

	Now func() time.Time // the clock, for when a code expires
}

// View prints a login's events as plain text and, with -json, as JSON
// lines. Give its Event method to model.Config.OnEvent.
type View struct {
	human   io.Writer
	json    io.Writer
	qrStyle ui.QRStyle
	now     func() time.Time
	demo    bool

	last    model.EventKind
	scanned bool        // since the last code
	stopped atomic.Bool // a signal arrived: say nothing more
}

// New builds a View.
func New(o Options) *View {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Human == nil {
		o.Human = io.Discard
	}
	return &View{
		human: o.Human,
		json:  o.JSON,
		// No colours and no escapes: the glyphs are the reader's own
		// foreground, so which modules are glyphs depends on the background.
		qrStyle: ui.QRStyle{Profile: colorprofile.NoTTY, DarkBG: o.DarkBG, Invert: o.Invert, EastAsian: o.EastAsian, Mode: o.QR, Console: o.Console},
		now:     o.Now,
		demo:    o.Demo,
	}
}

// Start says what is about to happen, before the program runs.
func (v *View) Start(locale string) {
	if v.demo {
		v.say(i18n.T(locale, i18n.TextStreamDemo))
	}
}

// Event reports one event of the model; it runs on the program goroutine.
func (v *View) Event(ev model.Event) {
	if v.stopped.Load() {
		return
	}
	if v.json != nil {
		writeLine(v.json, Encode(ev))
	}
	v.plain(ev)
	v.last = ev.Kind
}

// Stop silences the view: the program is being stopped by a signal, and
// whatever the cancelled requests report now is not news.
func (v *View) Stop() { v.stopped.Store(true) }

// End reports how the program ended where no event of the model did: a
// cancellation (sig, if a signal caused it) or a crash. It returns nothing:
// the exit status is the caller's (model.Result.ExitCode, exit.Signal).
func (v *View) End(res model.Result, sig os.Signal) {
	switch res.Outcome {
	case model.Crashed:
		// ui/signals prints the summary and the trace on standard error
		if v.json != nil {
			writeLine(v.json, encodeEnd("failed", "internal_error", ""))
		}
	case model.LoggedIn, model.Unverified:
		if sig != nil && v.last != model.EventLoggedIn {
			v.savedAsTheSignalCame(res)
		}
	case model.Cancelled:
		if v.json != nil {
			writeLine(v.json, encodeEnd("cancelled", "", signalName(sig)))
		}
		v.say(i18n.T(res.Locale, i18n.TextSummaryCancelled))
	default: // the model's own events said how it ended
	}
}

// savedAsTheSignalCame reports a login whose save landed as a signal
// stopped the program, before its own event was heard.
func (v *View) savedAsTheSignalCame(res model.Result) {
	ev := model.Event{Kind: model.EventLoggedIn, Locale: res.Locale, Account: res.Account, SavedTo: res.SavedTo, Format: res.Format}
	if res.Outcome == model.Unverified {
		ev.Unverified = res.Err
	}
	v.stopped.Store(false)
	v.Event(ev)
}

// say prints one line of human text.
func (v *View) say(s string) { writeLine(v.human, []byte(s)) }

// writeLine writes b and a newline in one call, so that lines from two
// writers sharing a file never interleave mid-line.
func writeLine(w io.Writer, b []byte) {
	line := make([]byte, 0, len(b)+1)
	line = append(append(line, b...), '\n')
	w.Write(line) //nolint:errcheck // a closed pipe: nobody is left to tell
}

// ProgramOptions run the model with no renderer, no input and no signal
// handler of Bubble Tea's own (see signals.Catch): such a program never opens or
// queries a terminal, so it runs under a pipe, a log or a service manager.
func ProgramOptions(ctx context.Context) []tea.ProgramOption {
	return []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithoutRenderer(),
		tea.WithInput(nil),         // nil: Bubble Tea opens no /dev/tty and sends no queries
		tea.WithOutput(io.Discard), // nothing is drawn; the view prints
		tea.WithoutSignalHandler(),
		tea.WithColorProfile(colorprofile.NoTTY),
		tea.WithWindowSize(80, 24),
	}
}

// DarkBackground reports whether the terminal background is dark, from
// COLORFGBG ("fg;bg" or "fg;other;bg", ANSI colour numbers, as rxvt and
// others set it): colours 0–6 and 8 are dark, 7 and 9–15 light. Without it
// (or unreadable) the background is taken as dark, as most terminals are.
func DarkBackground(getenv func(string) string) bool {
	v := getenv("COLORFGBG")
	if v == "" {
		return true
	}
	f := strings.Split(v, ";")
	bg, err := strconv.Atoi(f[len(f)-1])
	if err != nil || bg < 0 || bg > 15 {
		return true
	}
	return bg <= 6 || bg == 8
}
