// Package model is the Bubble Tea model of biliqr: the login's states, the
// messages that move between them, the commands that call the passport
// client, and the timers (poll, countdown, backoff, auto-quit). It holds no
// HTTP details and no styling: ui draws it, passport talks to the server.
package model

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Passport is what the model needs of the passport client.
type Passport interface {
	RequestTicket(ctx context.Context, locale string) (passport.Ticket, error)
	PollQR(ctx context.Context, t passport.Ticket, locale string) (passport.PollResult, error)
	Complete(ctx context.Context, c passport.Confirmation, locale string) (passport.Session, error)
}

// SaveFunc writes a verified session and says where it went ("" for stdout).
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

	EastAsian bool // block glyphs are double width here
	Demo      bool // playing against the built-in fake

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

	// PollInterval is the wait before every poll, the first one and those
	// after a scan alike: 2 s, as the site itself does (protocol.md §2, O).
	// A faster poll at the moment of confirmation is where a rate limit
	// would hurt most.
	PollInterval   time.Duration
	TicketLifetime time.Duration // 180 s: the local countdown
	AutoQuitAfter  time.Duration // 2 s on the done screen
	MaxBackoff     time.Duration // 30 s
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

type state int

const (
	stateChecking   state = iota // verifying a saved session
	stateLoggedIn                // the saved session is valid (or could not be checked)
	stateFetching                // asking for a ticket
	stateShowingQR               // QR shown, polling
	stateWaiting                 // scanned: confirm on the phone
	stateCompleting              // go_url, SSO, verify
	stateSaving                  // writing the session
	stateDone                    // logged in and saved
	stateFailed                  // a clear failure; r tries again
)

// Outcome is how the program ended.
type Outcome int

const (
	Cancelled Outcome = iota // the user quit (exit 130)
	LoggedIn                 // logged in and saved (exit 0)
	Failed                   // a failure (exit 1)
)

// Result is what main needs after the program ends.
type Result struct {
	Outcome Outcome
	Account passport.Account
	SavedTo string // "" when written to stdout
	Err     error
	Locale  string
	// AlreadyLoggedIn: the saved session was valid and the user kept it.
	AlreadyLoggedIn bool
	// SaveFailed: the login worked but the session could not be written.
	SaveFailed bool
	// Unverified: the session was saved, but the gateway could not confirm
	// it; this says why (see passport.Session.Unverified).
	Unverified error
	// Crash: a command panicked (a bug); Outcome is Failed.
	Crash *Crash
}

// Model is the root Bubble Tea model.
type Model struct {
	cfg  Config
	keys KeyMap

	state         state
	locale        string
	width, height int
	dark          bool
	profile       colorprofile.Profile
	invert        bool
	theme         ui.Theme
	spinner       spinner.Model

	// One flow = one ticket and everything after it. gen numbers flows;
	// flowCancel stops the current flow's requests.
	gen        int
	flowCtx    context.Context
	flowCancel context.CancelFunc

	ticket    passport.Ticket
	qr        *ui.QR
	expiresAt time.Time
	polling   bool // a poll is in flight (never more than one)
	renewing  bool // the last ticket expired; a new one is on its way

	failures int // consecutive transient failures
	retryAt  time.Time
	retryErr error

	clockSeq     int // the live countdown loop; older loops die out
	clockOn      bool
	lastReminder int // whole minutes left at the last EventWaiting

	session  *passport.Session // kept after a failed save, so r can retry it
	savedTo  string
	checked  passport.Account // the saved session's account
	checkErr error
	err      error
	saveErr  bool
	notice   string

	menu       *menu
	prefetched tea.Cmd // the first ticket, requested before the program started
	result     Result
	quitting   bool // after quit, late replies (cancelled requests) change nothing
}

// menu is the locale menu's state while it is open.
type menu struct {
	cursor int
	filter string
}

// New builds the model. Nothing runs until Init.
func New(cfg Config) *Model {
	cfg.defaults()
	m := &Model{cfg: cfg, dark: true, profile: colorprofile.TrueColor}
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
		m.state = stateFetching // under the menu; nothing is fetched until a pick
		m.menu = &menu{cursor: m.indexOf(m.locale)}
	case cfg.CheckSaved != nil:
		m.state = stateChecking
	default:
		m.state = stateFetching
	}
	return m
}

// Init asks for the background colour and starts the first request.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch {
	case m.menu != nil:
	case m.state == stateChecking:
		cmds = append(cmds, m.startCheck())
	case m.prefetched != nil:
		cmds = append(cmds, m.prefetched, m.spinner.Tick)
		m.prefetched = nil
	default:
		cmds = append(cmds, m.startFlow())
	}
	return tea.Batch(cmds...)
}

// Prefetch sends the first ticket request now, before the program takes
// over the terminal, so that the QR is ready about when the screen is.
// It does nothing when the app starts on the menu or a saved-session check.
func (m *Model) Prefetch() {
	if m.menu != nil || m.state != stateFetching || m.gen != 0 {
		return
	}
	m.beginFlow()
	m.emit(Event{Kind: EventFetching})
	cmd := requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen)
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }() // guarded: a panic comes back as a crashedMsg
	m.prefetched = func() tea.Msg { return <-ch }
}

// Result is how the program ended; valid after it quits.
func (m *Model) Result() Result { return m.result }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.theme = ui.NewTheme(m.dark)
		return m, nil
	case tea.ColorProfileMsg:
		m.profile = msg.Profile
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case spinner.TickMsg:
		if !m.spinning() {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case clockTickMsg:
		return m, m.onClock(msg)
	case crashedMsg:
		// A bug: stop everything and leave; main prints the trace once the
		// terminal is restored.
		m.quitting = true
		m.flowCancel()
		m.result = Result{Outcome: Failed, Crash: msg.crash, Locale: m.locale}
		return m, tea.Quit
	}
	if m.quitting {
		return m, nil
	}
	return m, m.handleResult(msg)
}

// handleResult handles what commands report.
func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ticketFetchedMsg:
		if msg.gen != m.gen || m.state != stateFetching {
			return nil
		}
		m.ticket, m.qr = msg.ticket, msg.qr
		m.state = stateShowingQR
		m.renewing = false
		m.clearRetry()
		m.expiresAt = m.cfg.Now().Add(m.cfg.TicketLifetime)
		m.lastReminder = int(m.cfg.TicketLifetime / time.Minute) // the code's own line says it
		m.emit(Event{Kind: EventCode, QR: msg.qr, Ticket: msg.ticket, ExpiresIn: m.cfg.TicketLifetime})
		cmds := []tea.Cmd{m.schedulePoll(m.cfg.PollInterval), m.startClock()}
		if m.cfg.WritePNG != nil {
			cmds = append(cmds, writePNG(m.cfg.WritePNG, msg.qr))
		}
		return tea.Batch(cmds...)
	case ticketFailedMsg:
		if msg.gen != m.gen || m.state != stateFetching {
			return nil
		}
		if passport.Retryable(msg.err) {
			return m.retryLater(msg.err)
		}
		return m.fail(msg.err)
	case pollDueMsg, retryDueMsg:
		return m.onDue(msg)
	case pollResultMsg:
		if msg.gen != m.gen || !m.showingQR() {
			return nil
		}
		m.polling = false
		m.clearRetry()
		return m.onPoll(msg.result)
	case pollFailedMsg:
		if msg.gen != m.gen || !m.showingQR() {
			return nil
		}
		m.polling = false
		if passport.Retryable(msg.err) {
			return m.retryLater(msg.err)
		}
		return m.fail(msg.err)
	case loginDoneMsg:
		if msg.gen != m.gen || m.state != stateCompleting {
			return nil
		}
		s := msg.session
		m.session = &s
		m.emit(Event{Kind: EventSaving})
		return m.save()
	case loginFailedMsg:
		if msg.gen != m.gen || m.state != stateCompleting {
			return nil
		}
		return m.fail(msg.err)
	case sessionSavedMsg:
		if m.state != stateSaving {
			return nil
		}
		m.state = stateDone
		m.savedTo = msg.where
		m.result = Result{Outcome: LoggedIn, Account: m.session.Account, SavedTo: msg.where, Locale: m.locale,
			Unverified: m.session.Unverified}
		m.emit(Event{Kind: EventLoggedIn, Account: m.session.Account, SavedTo: msg.where, Format: m.cfg.Format, Unverified: m.session.Unverified})
		if m.cfg.Unattended {
			return m.quit()
		}
		return m.cfg.After(m.cfg.AutoQuitAfter, autoQuitMsg{})
	case saveFailedMsg:
		if m.state != stateSaving {
			return nil
		}
		m.state = stateFailed
		m.err, m.saveErr = msg.err, true
		m.result = Result{Outcome: Failed, SaveFailed: true, Account: m.session.Account, Err: msg.err, Locale: m.locale}
		m.emit(Event{Kind: EventSaveFailed, Account: m.session.Account, Err: msg.err})
		if m.cfg.Unattended {
			return m.quit()
		}
		return nil
	case sessionCheckedMsg:
		if m.state != stateChecking {
			return nil
		}
		return m.onChecked(msg)
	case autoQuitMsg:
		if m.state == stateDone {
			return tea.Quit
		}
	case pngWrittenMsg:
		if msg.err != nil {
			m.notice = ui.Describe(m.locale, msg.err)
			m.emit(Event{Kind: EventPNGFailed, Err: msg.err})
		}
	case noticeMsg:
		m.notice = msg.text
	}
	return nil
}

func (m *Model) onPoll(r passport.PollResult) tea.Cmd {
	switch r.Status {
	case passport.Waiting:
		// A scan can be cancelled on the phone: back to "scan".
		m.state = stateShowingQR
		return m.schedulePoll(m.cfg.PollInterval)
	case passport.Scanned:
		if m.state != stateWaiting {
			m.emit(Event{Kind: EventScanned})
		}
		m.state = stateWaiting
		return m.schedulePoll(m.cfg.PollInterval)
	case passport.Expired:
		m.renewing = true
		m.emit(Event{Kind: EventExpired})
		return m.newTicket()
	case passport.Confirmed:
		m.state = stateCompleting
		m.emit(Event{Kind: EventFinishing})
		return tea.Batch(completeLogin(m.flowCtx, m.cfg.Client, r.Confirmation, m.locale, m.gen), m.spinner.Tick)
	}
	return m.fail(&passport.UnexpectedReplyError{Op: "qrcode/auth/fetch", Reason: "unknown poll status"})
}

// onDue starts the poll (or the retried request) that a timer asked for.
func (m *Model) onDue(msg tea.Msg) tea.Cmd {
	gen := 0
	switch msg := msg.(type) {
	case pollDueMsg:
		gen = msg.gen
	case retryDueMsg:
		gen = msg.gen
	}
	if gen != m.gen {
		return nil
	}
	switch {
	case m.state == stateFetching && !m.retryAt.IsZero():
		m.retryAt = time.Time{}
		return requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen)
	case m.showingQR() && !m.polling:
		m.polling = true
		return pollQR(m.flowCtx, m.cfg.Client, m.ticket, m.locale, m.gen)
	}
	return nil
}

func (m *Model) onChecked(msg sessionCheckedMsg) tea.Cmd {
	switch {
	case msg.err == nil:
		m.state = stateLoggedIn
		m.checked = msg.account
		m.checkErr = nil
		m.emit(Event{Kind: EventAlreadyLoggedIn, Account: msg.account, SavedTo: m.cfg.SavedPath})
		if m.cfg.Unattended {
			return m.quit() // keep it: exit 0
		}
		return nil
	case errors.Is(msg.err, passport.ErrNotLoggedIn):
		// Expired or revoked: say so and go straight on to a new QR.
		m.notice = ui.T(m.locale, ui.MsgSessionInvalid)
		m.emit(Event{Kind: EventSessionExpired})
		return m.startFlow()
	default:
		m.state = stateLoggedIn
		m.checkErr = msg.err
		m.emit(Event{Kind: EventCheckFailed, Err: msg.err})
		if m.cfg.Unattended {
			return m.startFlow() // log in again rather than wait for a key
		}
		return nil
	}
}

// onClock advances the countdown; it is the only periodic redraw while the
// QR is shown, so waiting costs one frame a second.
func (m *Model) onClock(msg clockTickMsg) tea.Cmd {
	if msg.seq != m.clockSeq || m.quitting {
		return nil
	}
	if !m.needsClock() {
		m.clockOn = false
		return nil
	}
	// Only 10018100 proves expiry (protocol.md); but a code nobody scanned
	// before the local countdown ran out is replaced all the same. Once
	// scanned, the server decides, so a confirmation is never cut short.
	if m.cfg.OnEvent != nil && m.showingQR() {
		// A reminder a minute (at 2:00, 1:00 …), never a countdown a second.
		rem := m.expiresAt.Sub(m.cfg.Now())
		if mins := int(rem / time.Minute); rem > 0 && mins != m.lastReminder && rem%time.Minute < time.Second {
			m.lastReminder = mins
			if mins > 0 {
				m.emit(Event{Kind: EventWaiting, ExpiresIn: rem.Round(time.Second)})
			}
		}
	}
	if m.state == stateShowingQR && !m.cfg.Now().Before(m.expiresAt) {
		m.renewing = true
		m.clockOn = false
		m.emit(Event{Kind: EventExpired})
		return m.newTicket()
	}
	return m.tickClock()
}

func (m *Model) needsClock() bool {
	return m.showingQR() || !m.retryAt.IsZero()
}

func (m *Model) startClock() tea.Cmd {
	if m.clockOn {
		return nil
	}
	m.clockOn = true
	m.clockSeq++
	return m.tickClock()
}

func (m *Model) tickClock() tea.Cmd {
	seq := m.clockSeq
	// Tick on the next whole second of the countdown so it never skips.
	d := time.Second
	if !m.expiresAt.IsZero() {
		if rem := m.expiresAt.Sub(m.cfg.Now()) % time.Second; rem > 0 {
			d = rem
		}
	}
	return m.cfg.After(d, clockTickMsg{seq: seq})
}

func (m *Model) schedulePoll(d time.Duration) tea.Cmd { return m.cfg.After(d, pollDueMsg{gen: m.gen}) }

// retryLater waits (with backoff) before repeating the failed request.
func (m *Model) retryLater(err error) tea.Cmd {
	m.failures++
	ra := min(passport.RetryAfter(err), maxRetryAfter)
	d := backoff(m.failures, m.cfg.PollInterval, m.cfg.MaxBackoff, ra, m.cfg.Rand())
	m.retryAt = m.cfg.Now().Add(d)
	m.retryErr = err
	m.emit(Event{Kind: EventRetrying, RetryIn: d, Err: err})
	cmds := []tea.Cmd{m.cfg.After(d, retryDueMsg{gen: m.gen}), m.startClock()}
	return tea.Batch(cmds...)
}

func (m *Model) clearRetry() {
	m.failures = 0
	m.retryAt = time.Time{}
	m.retryErr = nil
}

// startFlow begins a new flow: cancels what is in flight and asks for a
// ticket. Every late reply of the old flow is then dropped by gen.
func (m *Model) startFlow() tea.Cmd {
	m.beginFlow()
	m.emit(Event{Kind: EventFetching})
	return tea.Batch(requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen), m.spinner.Tick)
}

// beginFlow resets the model for a new flow with its own context and
// generation.
func (m *Model) beginFlow() {
	m.flowCancel()
	m.flowCtx, m.flowCancel = context.WithCancel(m.cfg.Context)
	m.gen++
	m.state = stateFetching
	m.polling = false
	m.qr = nil
	m.ticket = passport.Ticket{}
	m.err, m.saveErr, m.session = nil, false, nil
	m.clearRetry()
}

// startCheck verifies the saved session, with a spinner.
func (m *Model) startCheck() tea.Cmd {
	m.state = stateChecking
	m.emit(Event{Kind: EventChecking})
	return tea.Batch(checkSession(m.flowCtx, m.cfg.CheckSaved, m.locale), m.spinner.Tick)
}

// newTicket replaces an expired ticket, keeping the "expired" note.
func (m *Model) newTicket() tea.Cmd {
	renewing := m.renewing
	cmd := m.startFlow()
	m.renewing = renewing
	return cmd
}

func (m *Model) save() tea.Cmd {
	m.state = stateSaving
	m.err, m.saveErr = nil, false
	return tea.Batch(saveSession(m.cfg.Context, m.cfg.Save, *m.session), m.spinner.Tick)
}

func (m *Model) fail(err error) tea.Cmd {
	m.flowCancel()
	m.state = stateFailed
	m.err = err
	m.polling = false
	m.clearRetry()
	m.result = Result{Outcome: Failed, Err: err, Locale: m.locale}
	m.emit(Event{Kind: EventFailed, Err: err})
	if m.cfg.Unattended {
		return m.quit()
	}
	return nil
}

// quit stops everything in flight and ends the program.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.flowCancel()
	switch m.state {
	case stateDone:
		// result already says LoggedIn
	case stateFailed:
		// result already says Failed (exit 1)
	case stateLoggedIn:
		if m.checkErr == nil {
			m.result = Result{Outcome: LoggedIn, AlreadyLoggedIn: true, Account: m.checked, SavedTo: m.cfg.SavedPath, Locale: m.locale}
		} else {
			m.result = Result{Outcome: Cancelled, Locale: m.locale}
		}
	default:
		m.result = Result{Outcome: Cancelled, Locale: m.locale}
	}
	return tea.Quit
}

func (m *Model) showingQR() bool { return m.state == stateShowingQR || m.state == stateWaiting }

func (m *Model) spinning() bool {
	switch m.state {
	case stateFetching, stateCompleting, stateSaving, stateChecking:
		return m.menu == nil
	}
	return false
}

// handleKey maps a key press to what it does in the current state.
func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	if m.quitting {
		return nil
	}
	if m.menu != nil {
		return m.menuKey(k)
	}
	if m.state == stateDone {
		return tea.Quit
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.quit()
	case key.Matches(k, m.keys.Locale) && m.canChangeLocale():
		m.menu = &menu{cursor: m.indexOf(m.locale)}
		return nil
	case key.Matches(k, m.keys.Invert) && m.showingQR():
		m.invert = !m.invert
		return nil
	case key.Matches(k, m.keys.Copy) && m.qr != nil && m.showingQR():
		m.notice = ui.T(m.locale, ui.MsgCopied)
		return tea.SetClipboard(m.qr.Text())
	case key.Matches(k, m.keys.Open) && m.qr != nil && m.showingQR():
		return m.open()
	case key.Matches(k, m.keys.Refresh):
		return m.refresh()
	}
	return nil
}

// refresh is r: a new code, a retry, a retried save, or a new login.
func (m *Model) refresh() tea.Cmd {
	switch m.state {
	case stateFailed:
		if m.saveErr && m.session != nil {
			return m.save()
		}
		m.renewing = false
		return m.startFlow()
	case stateShowingQR, stateWaiting, stateFetching, stateLoggedIn:
		m.renewing = false
		m.notice = ""
		return m.startFlow()
	}
	return nil
}

func (m *Model) open() tea.Cmd {
	if m.cfg.OpenURL == nil {
		m.notice = ui.T(m.locale, ui.MsgNoBrowser)
		return nil
	}
	open, u, locale := m.cfg.OpenURL, m.qr.Text(), m.locale
	return guard(func() tea.Msg {
		if err := open(u); err != nil {
			return noticeMsg{text: ui.T(locale, ui.MsgNoBrowser)}
		}
		return noticeMsg{text: ui.T(locale, ui.MsgOpened)}
	})
}

func (m *Model) canChangeLocale() bool {
	switch m.state {
	case stateCompleting, stateSaving, stateDone:
		return false
	case stateFailed:
		return !m.saveErr
	}
	return true
}

// menuKey handles keys while the locale menu is open: arrows and j/k move,
// other printable keys filter, Enter picks, Esc clears the filter or goes
// back.
func (m *Model) menuKey(k tea.KeyPressMsg) tea.Cmd {
	items := m.menuItems()
	switch {
	case key.Matches(k, m.keys.ForceQuit):
		return m.quit()
	case key.Matches(k, m.keys.Back):
		switch {
		case m.menu.filter != "":
			m.menu.filter, m.menu.cursor = "", m.indexOf(m.locale)
		case m.cfg.Locale == "" && m.gen == 0:
			return m.quit() // first launch: nothing to go back to
		default:
			m.menu = nil
		}
		return nil
	case key.Matches(k, m.keys.Pick):
		if len(items) == 0 {
			return nil
		}
		return m.pickLocale(items[min(m.menu.cursor, len(items)-1)].Code)
	case key.Matches(k, m.keys.Up):
		if m.menu.cursor > 0 {
			m.menu.cursor--
		}
		return nil
	case key.Matches(k, m.keys.Down):
		if m.menu.cursor < len(items)-1 {
			m.menu.cursor++
		}
		return nil
	case k.Code == tea.KeyBackspace:
		if r := []rune(m.menu.filter); len(r) > 0 {
			m.menu.filter = string(r[:len(r)-1])
			m.menu.cursor = 0
		}
		return nil
	case k.Text != "" && k.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
		m.menu.filter += k.Text
		m.menu.cursor = 0
	}
	return nil
}

func (m *Model) pickLocale(code string) tea.Cmd {
	m.menu = nil
	m.locale = code
	m.result.Locale = code
	m.keys = NewKeyMap(code)
	m.notice = ""
	m.renewing = false
	var cmds []tea.Cmd
	if m.cfg.RememberLocale != nil {
		cmds = append(cmds, rememberLocale(m.cfg.RememberLocale, code))
	}
	if m.gen == 0 && m.state == stateFetching && m.cfg.CheckSaved != nil {
		// first launch: check the saved session before a new login
		cmds = append(cmds, m.startCheck())
	} else {
		cmds = append(cmds, m.startFlow())
	}
	return tea.Batch(cmds...)
}

// menuItems is the locale list narrowed by the filter (Latin or native
// script, code or name, case-insensitive).
func (m *Model) menuItems() []passport.Locale {
	if m.menu == nil || m.menu.filter == "" {
		return passport.Locales
	}
	f := strings.ToLower(m.menu.filter)
	var out []passport.Locale
	for _, l := range passport.Locales {
		hay := strings.ToLower(l.Code + " " + l.Native + " " + l.English + " " + l.Site)
		if strings.Contains(hay, f) {
			out = append(out, l)
		}
	}
	return out
}

func (m *Model) indexOf(code string) int {
	for i, l := range passport.Locales {
		if l.Code == code {
			return i
		}
	}
	return 0
}

// ExitCode is the process exit status for this result (a contract):
// 0 logged in and saved · 1 failed · 130 cancelled by the user.
func (r Result) ExitCode() int {
	switch r.Outcome {
	case LoggedIn:
		return 0
	case Failed:
		return 1
	}
	return 130
}

// Summary is the one line printed on the normal screen after the app
// leaves, so the result stays in the scrollback. It never holds a secret.
func (r Result) Summary(format string) string {
	switch {
	case r.Outcome == LoggedIn && r.AlreadyLoggedIn:
		return ui.T(r.Locale, ui.MsgSummaryKept, ui.AccountLabel(r.Locale, r.Account), r.SavedTo)
	case r.Outcome == LoggedIn:
		who := ui.AccountLabel(r.Locale, r.Account)
		line := ui.T(r.Locale, ui.MsgSummaryOK, who, r.SavedTo, format)
		if r.SavedTo == "" {
			line = ui.T(r.Locale, ui.MsgSummaryStdout, who, format)
		}
		if r.Unverified != nil {
			line += " " + ui.T(r.Locale, ui.MsgSummaryUnverified, ui.UnverifiedReason(r.Locale, r.Unverified))
		}
		return line
	case r.Crash != nil:
		return ui.T(r.Locale, ui.MsgSummaryFailed, ui.T(r.Locale, ui.MsgErrInternal))
	case r.Outcome == Failed && r.SaveFailed:
		// the writer's own words: the path and why, no secrets
		return ui.T(r.Locale, ui.MsgSummaryNotSaved, ui.AccountLabel(r.Locale, r.Account), ui.SanitizeText(r.Err.Error(), 300))
	case r.Outcome == Failed:
		return ui.T(r.Locale, ui.MsgSummaryFailed, ui.Describe(r.Locale, r.Err))
	}
	return ui.T(r.Locale, ui.MsgSummaryCancelled)
}
