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
	"github.com/biliqr/biliqr/model/keytest"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// app is one run of the whole program against the fake server, run by
// teatest v2.
type app struct {
	t     *testing.T
	tm    *tt.TestModel
	m     *model.Model
	srv   *passporttest.Server
	emu   *vt.Emulator // the terminal: everything the program wrote to it
	frame *vt.Emulator // one view at a time, read into screens
	saved chan passport.Session
	stop  chan struct{} // closed at cleanup: stop reading the output

	readMu sync.Mutex // one reader of teatest's output at a time (pump)

	mu      sync.Mutex
	fed     []byte   // everything fed to the terminal so far
	screens []string // the screen of each view the model rendered, in turn
	seen    int      // screens[:seen] are behind the last wait
	drawn   chan struct{}
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
	a.stop = make(chan struct{})
	a.frame = vt.NewEmulator(o.w, o.h)
	go io.Copy(io.Discard, a.frame) //nolint:errcheck
	// teatest runs the program (no input, no signals, a fixed size). Its
	// output is one stream, in which two frames written together cannot be
	// told apart (TestHappyPath's old flake: the done frame and the quit
	// frame came in one read, and the wait saw only the latter). So the
	// waits look at what the model reports instead: every view it renders
	// (recorded), a superset of the frames drawn. The stream still feeds
	// the terminal emulator, for the raw output and the live screen.
	a.tm = tt.NewTestModel(t, recorded{a.m, a},
		tt.WithInitialTermSize(o.w, o.h),
		tt.WithProgramOptions(tea.WithColorProfile(o.profile), tea.WithEnvironment(o.env)),
	)
	go a.readOutput()
	t.Cleanup(func() {
		// a test that did not wait for the end: quit, and wait for it
		a.tm.Quit() //nolint:errcheck
		a.tm.WaitFinished(t, tt.WithFinalTimeout(patience))
		close(a.stop)
	})
	// Nobody answers the background query: say what it is.
	if !o.noBackground {
		a.tm.Send(tea.BackgroundColorMsg{Color: o.bg})
	}
	return a
}

// recorded is the model under test, each of whose views is kept
// (app.view) before the program draws it.
type recorded struct {
	*model.Model
	a *app
}

func (r recorded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		r.a.mu.Lock()
		r.a.frame.Resize(ws.Width, ws.Height)
		r.a.mu.Unlock()
	}
	_, cmd := r.Model.Update(msg)
	return r, cmd
}

func (r recorded) View() tea.View {
	v := r.Model.View()
	r.a.view(v.Content)
	return v
}

// view keeps the screen of one rendered view, if it differs from the last.
func (a *app) view(content string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.frame.Write([]byte("\x1b[H\x1b[2J" + strings.ReplaceAll(content, "\n", "\r\n"))) //nolint:errcheck
	scr := a.frame.String()
	if n := len(a.screens); n > 0 && a.screens[n-1] == scr {
		return
	}
	a.screens = append(a.screens, scr)
	select {
	case a.drawn <- struct{}{}:
	default:
	}
}

// readOutput feeds what the program writes to the terminal emulator.
func (a *app) readOutput() {
	for {
		if a.pump() {
			continue
		}
		select {
		case <-a.stop:
			return
		case <-time.After(2 * time.Millisecond): // teatest's buffer has no "more is coming"
		}
	}
}

// pump moves what teatest's output buffer holds to the emulator, and says
// whether there was any. One reader at a time: teatest's buffer lets
// readers in together, and a read of a bytes.Buffer writes to it.
func (a *app) pump() bool {
	a.readMu.Lock()
	defer a.readMu.Unlock()
	buf := make([]byte, 64<<10)
	n, _ := a.tm.Output().Read(buf)
	if n > 0 {
		a.feed(buf[:n])
	}
	return n > 0
}

// feed gives output to the terminal emulator.
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
	fm := a.tm.FinalModel(a.t, tt.WithFinalTimeout(patience), tt.WithTimeoutFn(func(tb testing.TB) {
		tb.Fatalf("the program did not end in %v; the screen:\n%s", patience, a.screen())
	}))
	// everything the program wrote is in teatest's buffer now: feed it all
	for a.pump() {
	}
	return fm.(recorded).Result()
}

// waitDrawn waits until the terminal itself — what the program wrote, not
// the views it rendered — shows every part: for a test that reads the raw
// output of a screen (a view is seen before its frame is written).
func (a *app) waitDrawn(parts ...string) {
	a.t.Helper()
	deadline := time.Now().Add(patience)
	for {
		scr := a.screen()
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(scr, p)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			a.t.Fatalf("the terminal never showed %q; it shows:\n%s", parts, scr)
		}
		select {
		case <-a.drawn:
		case <-time.After(5 * time.Millisecond):
		}
	}
}

var (
	keyEnter = keytest.Press("enter")
	keyEsc   = keytest.Press("esc")
	keyDown  = keytest.Press("down")
	keyCtrlC = keytest.Press("ctrl+c")
)

func keyRune(r rune) tea.KeyPressMsg { return keytest.Press(string(r)) }

// patience bounds every wait on what the program or the fake reports. A
// passing test never sits through it: each wait returns the moment the
// screen, the output or the event it waits for arrives. It only decides
// how long a hang takes to fail, so it is generous: under -race, on two
// cores that other builds keep busy, a screen has been seen to take over
// 10 s to come.
const patience = 2 * time.Minute

// binDir holds the biliqr binaries the tests build (made by TestMain,
// removed after the run).
var binDir string

// build is one way of building biliqr, done once, on first use, into
// binDir. Under -short it skips the test asking for it: -short runs every
// unit, model and in-process end-to-end test, and leaves the runs of the
// built binary (in pseudo-terminals, tmux, pipes) to the full suite.
type build struct {
	name  string   // the file in binDir
	flags []string // go build's
	env   []string // more of go build's environment
	once  sync.Once
	path  string
	err   error
}

func (b *build) binary(tb testing.TB) string {
	tb.Helper()
	skipShort(tb, "runs the built binary")
	b.once.Do(func() {
		path := filepath.Join(binDir, b.name)
		cmd := exec.Command("go", append(append([]string{"build"}, b.flags...), "-o", path, "..")...)
		cmd.Env = append(os.Environ(), b.env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("building %s: %w\n%s", b.name, err, out)
			return
		}
		b.path = path
	})
	if b.err != nil {
		tb.Fatal(b.err)
	}
	return b.path
}

var (
	// -tags biliqrtest: the binary honours BILIQR_TEST_CONSOLE (a console
	// font to play) and BILIQR_TEST_POLL (a fast poll), which release
	// builds never read.
	testBuild = &build{name: "biliqr", flags: []string{"-tags", "biliqrtest"}}
	// as .goreleaser.yaml builds what users run: without cgo (a static
	// binary, which ld.so does not load), -trimpath, -s -w, and without
	// the test build's hooks. The benchmarks measure it: the cgo build the
	// tests run starts 2 ms later.
	releaseBuild = &build{name: "biliqr-release", flags: []string{"-trimpath", "-ldflags", "-s -w"}, env: []string{"CGO_ENABLED=0"}}
)

// binary is the biliqr binary the tests run (testBuild).
func binary(tb testing.TB) string { return testBuild.binary(tb) }

// releaseBinary is biliqr built as it is released (releaseBuild).
func releaseBinary(tb testing.TB) string { return releaseBuild.binary(tb) }

func TestMain(m *testing.M) {
	if jar := os.Getenv(inPlaceJarEnv); jar != "" {
		os.Exit(writeInPlace(jar, os.Getenv(inPlaceStopEnv)))
	}
	flag.Parse()
	parallelWaiters()
	dir, err := os.MkdirTemp("", "biliqr-bin-")
	if err != nil {
		panic(err)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// waitUntil waits until cond holds for the screen, and returns that
// screen. Every view rendered since the last wait is looked at in turn,
// not only the latest: two frames can follow each other faster than any
// poll. With no new frame, the latest is looked at again every few
// milliseconds, for a cond that also asks the fake server.
func (a *app) waitUntil(cond func(screen string) bool) string {
	a.t.Helper()
	deadline := time.After(patience)
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
			a.t.Fatalf("waited %v for a screen that never came; the last one:\n%s", patience, a.screen())
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
