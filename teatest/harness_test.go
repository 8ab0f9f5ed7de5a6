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
	tt "github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// app is one run of the whole program against the fake server.
type app struct {
	t     *testing.T
	tm    *tt.TestModel
	m     *model.Model
	srv   *passporttest.Server
	emu   *vt.Emulator
	mu    sync.Mutex
	fed   []byte // everything fed to the emulator so far
	saved chan passport.Session
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
		PollInterval:   20 * time.Millisecond,
		AutoQuitAfter:  30 * time.Millisecond,
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
	a.tm = tt.NewTestModel(t, a.m,
		tt.WithInitialTermSize(o.w, o.h),
		tt.WithProgramOptions(tea.WithColorProfile(o.profile), tea.WithEnvironment(o.env)),
	)
	// teatest never answers the background query: say what it is.
	if !o.noBackground {
		a.tm.Send(tea.BackgroundColorMsg{Color: o.bg})
	}
	return a
}

// screen feeds new output to the emulator and returns its text.
func (a *app) feed(bts []byte) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(bts) > 0 {
		// not a tty: no onlcr, so the emulator needs the carriage returns
		bts = bytes.ReplaceAll(bts, []byte("\n"), []byte("\r\n"))
		// Leaving the alternate screen can arrive in the same chunk as the
		// last frame; keep the last frame readable instead of racing it.
		bts = bytes.ReplaceAll(bts, []byte("\x1b[?1049l"), nil)
		a.emu.Write(bts) //nolint:errcheck
		a.fed = append(a.fed, bts...)
	}
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

func (a *app) key(k tea.KeyPressMsg) { a.tm.Send(k) }

func (a *app) resize(w, h int) {
	a.mu.Lock()
	a.emu.Resize(w, h)
	a.mu.Unlock()
	a.tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
}

// finish waits for the program to end and returns its result.
func (a *app) finish() model.Result {
	a.t.Helper()
	fm := a.tm.FinalModel(a.t, tt.WithFinalTimeout(10*time.Second))
	return fm.(*model.Model).Result()
}

var (
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyCtrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

func keyRune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// binPath is the biliqr binary built once for the tests that run it.
var binPath string

func TestMain(m *testing.M) {
	flag.Parse()
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

// waitUntil waits until cond holds for the emulated screen.
func (a *app) waitUntil(cond func(screen string) bool) string {
	a.t.Helper()
	var last string
	n := 0
	tt.WaitFor(a.t, a.tm.Output(), func(bts []byte) bool {
		last = a.feed(bts[n:])
		n = len(bts)
		return cond(last)
	}, tt.WithDuration(10*time.Second), tt.WithCheckInterval(5*time.Millisecond))
	return last
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

func keyFor(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return keyEnter
	case "esc":
		return keyEsc
	case "ctrl+c":
		return keyCtrlC
	}
	return keyRune([]rune(k)[0])
}
