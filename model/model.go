// Package model is the Bubble Tea model of biliqr: the login's states, the
// messages that move between them, the commands that call the passport
// client, and the timers (poll, countdown, backoff, auto-quit). It holds no
// HTTP details and no styling: ui draws it, passport talks to the server.
//
// A reader finds every state in model/state, every allowed change of state
// in transitions.go (setState is the only place that changes it), one small
// handler per message in flow.go, the keys that act in each state in
// keys.go, the language menu in menu.go, how the code is drawn (and the
// terminal's image of it) in render.go and how a run ends in result.go.
package model

import (
	"context"
	"math/rand/v2"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Passport is what the model needs of the passport client.
type Passport interface {
	RequestTicket(ctx context.Context, locale string) (passport.Ticket, error)
	PollQR(ctx context.Context, t passport.Ticket, locale string) (passport.PollResult, error)
	Complete(ctx context.Context, c passport.Confirmation, locale string) (passport.Session, error)
}

// SaveFunc writes a session and says where it went ("" for stdout).
type SaveFunc func(ctx context.Context, s passport.Session) (where string, err error)

// Config is everything the model is built from; main wires it.
type Config struct {
	Client Passport
	Save   SaveFunc
	Format string // shown on the done screen

	// Locale is the s_locale to start with; "" opens the menu first, with
	// MenuLocale highlighted (from the environment's language).
	Locale     string
	MenuLocale string
	// RememberLocale stores a locale picked from the menu (nil: don't).
	RememberLocale func(code string) error
	// WritePNG also writes each new QR as an image (nil: don't).
	WritePNG func(*ui.QR) error
	// OpenURL opens the QR's URL in a browser; an error says why not.
	OpenURL func(url string) error
	// CheckSaved verifies the session already saved at SavedPath before
	// anything else (nil: there is none). It has a client of its own, so the
	// old cookies never mix with a new login's.
	CheckSaved func(ctx context.Context, locale string) (passport.Account, error)
	SavedPath  string
	SavedPerm  uint32 // SavedPath's permission bits when other users may open it: warn (0: fine)
	// SavedShared: SavedPath holds cookies of other sites too (the warning
	// says so).
	SavedShared bool

	EastAsian bool // block glyphs are double width here
	// ProbeWidth: ask the terminal whether it draws them wide (probe.go)
	// and follow its answer; set where nothing else says (no
	// RUNEWIDTH_EASTASIAN) and there is a terminal to ask.
	ProbeWidth bool
	Demo       bool // playing against the built-in fake

	// How the code is drawn (render.go). QRAsked is -qr; QRMode the
	// rendering to start with (auto's choice: termcaps).
	QRAsked, QRMode ui.QRMode
	// ProbeGraphics: ask the terminal for kitty graphics with Unicode
	// placeholders; GraphicsTmux: through tmux's passthrough.
	ProbeGraphics, GraphicsTmux bool
	// Console: the Linux console's colours and font (ui.QRStyle.Console).
	Console bool
	// Unsure: the terminal could not be asked what it draws: the screen
	// offers the f key under half blocks.
	Unsure bool
	// CopyToTmux hands the link to tmux's buffer (inside tmux; nil
	// elsewhere: OSC 52).
	CopyToTmux func(link string) error

	// OnEvent, if set, is told of every event of the login, on the
	// program's goroutine: the plain and JSON views are built on it.
	OnEvent func(Event)
	// Unattended: nobody is there to press a key (plain and JSON modes).
	// A valid saved session is kept and the program ends; one that could
	// not be checked is replaced by a new login; done, a failure and a
	// failed save end the program at once, with their exit status.
	Unattended bool

	Context context.Context  // cancelled: everything in flight stops
	Now     func() time.Time // the clock (tests inject one)
	Rand    func() float64   // jitter in [0,1)
	// After delivers msg after d (default tea.Tick); tests record and fire
	// the timers themselves.
	After func(d time.Duration, msg tea.Msg) tea.Cmd
	// Sleep waits d, or until ctx ends (then it returns ctx's error). The
	// poll loop waits with it inside its command, so that a poll answered
	// "still waiting" wakes nothing but that command; tests move a fake
	// clock instead.
	Sleep func(ctx context.Context, d time.Duration) error

	// PollInterval is the wait before every poll, the first one and those
	// after a scan alike: 2 s, as the site itself does (PROTOCOL.md §2, the site's bundle).
	// A faster poll at the moment of confirmation is where a rate limit
	// would hurt most.
	PollInterval   time.Duration
	TicketLifetime time.Duration // 180 s: the local countdown
	AutoQuitAfter  time.Duration // 2 s on the done screen
	MaxBackoff     time.Duration // 30 s
	// Timeout ends a login that long without a scan (-timeout; 0: never).
	// See timeout.go.
	Timeout time.Duration
	// Waiting is run once, a second after the first code is shown: from
	// then on the app only waits (main puts the Go runtime on one
	// thread). nil: nothing.
	Waiting func()
}

func (c *Config) defaults() {
	if c.Context == nil {
		c.Context = context.Background()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	if c.After == nil {
		c.After = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&c.PollInterval, 2*time.Second)
	set(&c.TicketLifetime, 180*time.Second)
	set(&c.AutoQuitAfter, 2*time.Second)
	set(&c.MaxBackoff, 30*time.Second)
	if c.Format == "" {
		c.Format = "netscape"
	}
}

// longest wait a Retry-After may impose; past it the ticket is long gone.
const maxRetryAfter = 5 * time.Minute

// Model is the root Bubble Tea model.
type Model struct {
	cfg  Config
	keys KeyMap

	// state is what the app is doing; only setState changes it. While the
	// language menu is open (state.ChoosingLanguage), back is the state it
	// was opened over and the flow goes on there (noState at first launch).
	state state.State
	back  state.State
	menu  menu

	locale        string
	width, height int
	dark          bool
	profile       colorprofile.Profile
	invert        bool
	theme         ui.Theme
	spinner       spinner.Model

	// One flow = one ticket and everything after it. gen numbers flows, so
	// a late reply of an older flow is dropped; flowCancel stops its
	// requests.
	gen        int
	flowCtx    context.Context
	flowCancel context.CancelFunc

	ticket    passport.Ticket
	qr        *ui.QR
	expiresAt time.Time
	polling   bool // a poll loop is running (never more than one)

	// A transient failure in Fetching, Renewing, ShowingCode or Scanned
	// waits to be retried: the state stays, with a note and a timer.
	failures int // consecutive transient failures
	retryAt  time.Time
	retryErr error
	retrySeq int // numbers the waits, so a timer that r overtook does nothing
	// retryNewCode: the wait outlives the code, so a new code is fetched
	// when it is over instead of polling a dead one.
	retryNewCode bool

	clockSeq     int // the live countdown loop; older loops die out
	clockOn      bool
	waiting      bool // Config.Waiting has been told
	lastReminder int  // whole minutes left at the last EventWaiting

	session  *passport.Session // the login; kept after a failed save so r can save again
	inflight *saveInFlight     // the latest save started
	checked  passport.Account  // the saved session's account
	// oldKept: the session saved at SavedPath was found valid or could not
	// be checked, and is still in place: quitting keeps it (exit 0).
	oldKept   bool
	err       error // Failed, SaveFailed, CheckFailed: why
	notice    string
	noticeSeq int      // the notice shown; its timer clears only that one
	badMoves  []string // transitions the table does not allow (a bug; tests read it)

	probing    bool      // the width probe was sent and not answered yet
	qrMode     ui.QRMode // the code's rendering now (render.go)
	gfx        graphics
	prefetched []tea.Cmd // the first ticket, requested before the program started, and its spinner
	result     Result

	// -timeout and quick expiries (timeout.go)
	deadline      time.Time // the login fails at this time while no code is scanned
	codeShown     bool      // a code came since the -timeout started
	timeoutSeq    int       // the live timeout; older ones are ignored
	quickExpiries int       // codes in a row that "expired" within quickExpiry
}

// noState is the "state behind the menu" at first launch: nothing.
const noState state.State = -1

// New builds the model. Nothing runs until Init.
func New(cfg Config) *Model {
	cfg.defaults()
	m := &Model{cfg: cfg, dark: true, profile: colorprofile.TrueColor, back: noState}
	m.qrMode = cfg.QRMode
	if m.qrMode == ui.QRAuto {
		m.qrMode = ui.QRBlocks
	}
	m.locale = cfg.Locale
	if m.locale == "" {
		m.locale = cfg.MenuLocale
	}
	if _, ok := passport.LookupLocale(m.locale); !ok {
		m.locale = passport.DefaultLocale
	}
	m.keys = NewKeyMap(m.locale)
	m.theme = ui.NewTheme(m.dark)
	m.spinner = spinner.New(spinner.WithSpinner(spinner.Dot))
	m.result.Locale = m.locale
	m.flowCtx, m.flowCancel = context.WithCancel(cfg.Context)
	switch {
	case cfg.Locale == "":
		m.state = state.ChoosingLanguage // first launch: nothing runs until a pick
		m.menu = menu{cursor: m.indexOf(m.locale)}
	case cfg.CheckSaved != nil:
		m.state = state.Checking
	default:
		m.state = state.Fetching
	}
	m.show() // the keys; Init starts the rest
	return m
}

// Init asks the terminal its questions and starts the first request.
// The questions are sent first, in sequence: the answers to a question
// still unsent when a code is shown and q pressed would reach the shell
// after biliqr has gone. (A ticket fetched before the program started
// arrives at once, and its code could be drawn before a batch's query.)
func (m *Model) Init() tea.Cmd {
	query, probeTimer := m.startGraphicsProbe()
	var flow []tea.Cmd
	switch {
	case m.state == state.ChoosingLanguage:
	case m.state == state.Checking:
		flow = append(flow, m.startCheck())
	case m.prefetched != nil:
		flow = append(flow, m.prefetched...)
		flow = append(flow, m.armTimeout())
		m.prefetched = nil
	default:
		flow = append(flow, m.startFlow(state.Fetching))
	}
	return tea.Batch(m.startProbe(), probeTimer, tea.Sequence(query, tea.RequestBackgroundColor, tea.Batch(flow...)))
}

// Prefetch sends the first ticket request now, before the program takes
// over the terminal, so that the QR is ready about when the screen is.
// It does nothing when the app starts on the menu or a saved-session check.
func (m *Model) Prefetch() {
	if m.state != state.Fetching || m.gen != 0 {
		return
	}
	shown := m.beginFlow(state.Fetching) // its spinner turns once the program runs
	m.emit(Event{Kind: EventFetching})
	cmd := requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen)
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }() // guarded: a panic comes back as a crashedMsg
	m.prefetched = []tea.Cmd{func() tea.Msg { return <-ch }, shown}
}

// Result is how the program ended; valid after it quits.
func (m *Model) Result() Result {
	r := m.result
	if r.Outcome == Cancelled && m.inflight != nil {
		r = m.landed(r)
	}
	r.Demo = m.cfg.Demo
	return r
}

// Update hands each message to its own handler, then keeps the
// terminal's image in step with what the screen now shows.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.handle(msg)
	if img := m.syncImage(); img != nil {
		cmd = tea.Batch(cmd, img)
	}
	return m, cmd
}

// handle hands each message to its own handler: the terminal's image
// first (render.go), then the terminal, the flow and the aside.
func (m *Model) handle(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.onGraphics(msg); ok {
		return cmd
	}
	if cmd, ok := m.onTerminal(msg); ok {
		return cmd
	}
	if cmd, ok := m.onFlow(msg); ok {
		return cmd
	}
	return m.onAside(msg)
}

// onTerminal handles what the terminal reports: its size, colours, cursor
// and keys, and the spinner and crash that are the program's own. ok is
// false for any other message.
func (m *Model) onTerminal(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.syncKeys() // whether the code is drawn may change
		return m.askCellSize(), true
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.theme = ui.NewTheme(m.dark)
	case tea.ColorProfileMsg:
		m.profile = msg.Profile
	case probeDueMsg:
		return m.onProbeDue(), true
	case tea.CursorPositionMsg:
		return m.onCursorPosition(msg), true
	case probeDrainedMsg:
		return tea.Quit, true
	case tea.KeyPressMsg:
		return m.onKey(msg), true
	case spinner.TickMsg:
		return m.onSpinnerTick(msg), true
	case crashedMsg:
		return m.onCrash(msg), true
	default:
		return nil, false
	}
	return nil, true
}

// onFlow handles the login's messages, in the order of the flow: the
// ticket, the polls and their timers, the login, the save and the check
// (flow.go). ok is false for any other message.
func (m *Model) onFlow(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case clockTickMsg:
		return m.onClock(msg), true
	case ticketFetchedMsg:
		return m.onTicketFetched(msg), true
	case ticketFailedMsg:
		return m.onTicketFailed(msg), true
	case retryDueMsg:
		return m.onRetryDue(msg), true
	case timeoutMsg:
		return m.onTimeout(msg), true
	case renewDueMsg:
		return m.onRenewDue(msg), true
	case pollResultMsg:
		return m.onPollResult(msg), true
	case pollFailedMsg:
		return m.onPollFailed(msg), true
	case loginDoneMsg:
		return m.onLoginDone(msg), true
	case loginFailedMsg:
		return m.onLoginFailed(msg), true
	case sessionSavedMsg:
		return m.onSessionSaved(msg), true
	case saveFailedMsg:
		return m.onSaveFailed(msg), true
	case sessionCheckedMsg:
		return m.onSessionChecked(msg), true
	}
	return nil, false
}

// onAside handles what happens beside the flow: the done screen's
// closing, the -png file, and notices.
func (m *Model) onAside(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case autoQuitMsg:
		if m.state == state.Done {
			return m.quit()
		}
	case pngWrittenMsg:
		if msg.err != nil && m.state != state.Quitting {
			m.emit(Event{Kind: EventPNGFailed, Err: msg.err})
			return m.setNotice(ui.Describe(m.locale, msg.err))
		}
	case noticeMsg:
		if m.state != state.Quitting {
			return m.setNotice(msg.text)
		}
	case noticeExpiredMsg:
		m.onNoticeExpired(msg)
	case NotSuspendedMsg:
		if m.state != state.Quitting {
			return m.setNotice(i18n.T(m.locale, i18n.TextNotSuspended))
		}
	}
	return nil
}
