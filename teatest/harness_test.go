package teatest

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/vt"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/model/keytest"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// app is one run of the whole program against the fake server.
type app struct {
	t     *testing.T
	prog  *tea.Program
	done  chan struct{} // closed when the program has ended
	m     *model.Model
	srv   *passporttest.Server
	emu   *vt.Emulator
	saved chan passport.Session

	mu      sync.Mutex
	fed     []byte   // everything fed to the emulator so far
	screens []string // the emulated screen after each frame the program wrote
	seen    int      // screens[:seen] are behind the last wait
	drawn   chan struct{}
	runErr  error
}

type appOpts struct {
	fake   passporttest.Options
	w, h   int
	config func(*model.Config)
	// The terminal: colour profile (default ANSI256), environment (default
	// TERM=xterm-256color) and background (default dark; nil-able via
	// noBackground when a test wants the app to assume).
	profile      colorprofile.Profile
	env          []string
	bg           color.Color
	noBackground bool
}

func startApp(t *testing.T, o appOpts) *app {
	t.Helper()
	if o.w == 0 {
		o.w, o.h = 80, 24
	}
	srv := passporttest.New(o.fake)
	t.Cleanup(srv.Close)
	client, err := passport.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	a := &app{t: t, srv: srv, saved: make(chan passport.Session, 4)}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cfg := model.Config{
		Client:  client,
		Locale:  "en_US",
		Context: ctx,
		Save: func(_ context.Context, s passport.Session) (string, error) {
			a.saved <- s
			return "/home/user/.config/biliqr/cookies.txt", nil
		},
		// Real timers, short: the program runs as it would, only faster.
		// The done screen stays for ten of Bubble Tea's frames (30 a
		// second): shorter, and under load the quit can replace it before
		// any frame drew it, so no wait could ever see it.
		PollInterval:   20 * time.Millisecond,
		AutoQuitAfter:  300 * time.Millisecond,
		TicketLifetime: time.Hour,
	}
	if o.config != nil {
		o.config(&cfg)
	}
	a.m = model.New(cfg)
	a.emu = vt.NewEmulator(o.w, o.h)
	// The emulator answers terminal queries through a pipe; drain it or
	// its Write blocks.
	go io.Copy(io.Discard, a.emu) //nolint:errcheck
	if o.profile == 0 && o.env == nil {
		o.profile, o.env = colorprofile.ANSI256, []string{"TERM=xterm-256color"}
	}
	if o.bg == nil {
		o.bg = darkBG
	}
	a.drawn = make(chan struct{}, 1)
	a.done = make(chan struct{})
	// The program runs as teatest's TestModel runs it (no input, no
	// signals, a fixed size), but its output comes here a write at a time:
	// Bubble Tea writes each frame in one Write, so every frame is seen on
	// the emulator, even a done screen the quit frame follows at once.
	a.prog = tea.NewProgram(a.m,
		tea.WithColorProfile(o.profile), tea.WithEnvironment(o.env),
		tea.WithInput(&bytes.Buffer{}), tea.WithOutput(frameWriter{a}),
		tea.WithoutSignals(), tea.WithWindowSize(o.w, o.h))
	go func() {
		defer close(a.done)
		_, err := a.prog.Run()
		a.mu.Lock()
		a.runErr = err
		a.mu.Unlock()
	}()
	t.Cleanup(func() {
		a.prog.Kill() // a test that did not wait for the end
		<-a.done
	})
	a.prog.Send(tea.WindowSizeMsg{Width: o.w, Height: o.h})
	// Nobody answers the background query: say what it is.
	if !o.noBackground {
		a.prog.Send(tea.BackgroundColorMsg{Color: o.bg})
	}
	return a
}

// frameWriter is the program's terminal: one Write, one frame.
type frameWriter struct{ a *app }

func (w frameWriter) Write(p []byte) (int, error) {
	w.a.feed(p)
	return len(p), nil
}

// feed gives one frame to the emulator and keeps the screen it shows.
func (a *app) feed(bts []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	// not a tty: no onlcr, so the emulator needs the carriage returns
	bts = bytes.ReplaceAll(bts, []byte("\n"), []byte("\r\n"))
	// Keep the last frame readable after the program leaves the
	// alternate screen.
	bts = bytes.ReplaceAll(bts, []byte("\x1b[?1049l"), nil)
	a.emu.Write(bts) //nolint:errcheck
	a.fed = append(a.fed, bts...)
	a.screens = append(a.screens, a.emu.String())
	select {
	case a.drawn <- struct{}{}:
	default:
	}
}

// screen is the emulated screen as it is now.
func (a *app) screen() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.emu.String()
}

// waitScreen waits until the emulated screen holds every part.
func (a *app) waitScreen(parts ...string) string {
	a.t.Helper()
	return a.waitUntil(func(scr string) bool {
		for _, p := range parts {
			if !strings.Contains(scr, p) {
				return false
			}
		}
		return true
	})
}

func (a *app) key(k tea.KeyPressMsg) { a.prog.Send(k) }

func (a *app) resize(w, h int) {
	a.mu.Lock()
	a.emu.Resize(w, h)
	a.mu.Unlock()
	a.prog.Send(tea.WindowSizeMsg{Width: w, Height: h})
}

// finish waits for the program to end and returns its result.
func (a *app) finish() model.Result {
	a.t.Helper()
	select {
	case <-a.done:
	case <-time.After(10 * time.Second):
		a.t.Fatalf("the program did not end in 10 s; the screen:\n%s", a.screen())
	}
	a.mu.Lock()
	err := a.runErr
	a.mu.Unlock()
	if err != nil {
		a.t.Fatalf("the program failed: %v", err)
	}
	return a.m.Result()
}

var (
	keyEnter = keytest.Press("enter")
	keyEsc   = keytest.Press("esc")
	keyDown  = keytest.Press("down")
	keyCtrlC = keytest.Press("ctrl+c")
)

func keyRune(r rune) tea.KeyPressMsg { return keytest.Press(string(r)) }

// binPath is the biliqr binary built once for the tests that run it.
var binPath string

func TestMain(m *testing.M) {
	flag.Parse()
	parallelWaiters()
	dir, err := os.MkdirTemp("", "biliqr-bin-")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "biliqr")
	build := exec.Command("go", "build", "-o", binPath, "..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building biliqr:", err)
		binPath = ""
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// waitUntil waits until cond holds for the emulated screen, and returns
// that screen. Every frame drawn since the last wait is looked at in turn,
// not only the latest: two frames can follow each other faster than any
// poll. With no new frame, the latest is looked at again every few
// milliseconds, for a cond that also asks the fake server.
func (a *app) waitUntil(cond func(screen string) bool) string {
	a.t.Helper()
	deadline := time.After(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		a.mu.Lock()
		fresh := a.screens[a.seen:]
		if len(fresh) == 0 && len(a.screens) > 0 {
			fresh = a.screens[len(a.screens)-1:]
		}
		a.seen = len(a.screens)
		a.mu.Unlock()
		for i, scr := range fresh {
			if cond(scr) {
				a.mu.Lock()
				a.seen -= len(fresh) - 1 - i // the frames after it are still to be seen
				a.mu.Unlock()
				return scr
			}
		}
		select {
		case <-a.drawn:
		case <-tick.C:
		case <-deadline:
			a.t.Fatalf("waited 10 s for a screen that never came; the last one:\n%s", a.screen())
		}
	}
}

// qrPart is the QR block of a screen: its lines' left part.
func qrPart(screen string) string {
	var b strings.Builder
	for _, l := range strings.Split(screen, "\n") {
		r := []rune(l)
		b.WriteString(string(r[:min(len(r), 45)]))
		b.WriteByte('\n')
	}
	return b.String()
}

// drawnSince is every screen from frame i on.
func (a *app) drawnSince(i int) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.screens[min(i, len(a.screens)):]...)
}
