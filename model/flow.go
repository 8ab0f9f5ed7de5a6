package model

import (
	"context"
	"errors"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// One handler per message. A reply is acted on only in the state that asked
// for it and only for the current flow (gen): a late reply of an older
// ticket, or one that comes after quit, changes nothing.

func (m *Model) current(gen int, in ...state.State) bool {
	if gen != m.gen {
		return false
	}
	fs := m.flowState()
	for _, s := range in {
		if fs == s {
			return true
		}
	}
	return false
}

func (m *Model) onTicketFetched(msg ticketFetchedMsg) tea.Cmd {
	if !m.current(msg.gen, state.Fetching, state.Renewing) {
		return nil
	}
	m.ticket, m.qr = msg.ticket, msg.qr
	m.codeShown = true
	m.clearRetry()
	m.expiresAt = m.cfg.Now().Add(m.cfg.TicketLifetime)
	m.lastReminder = int(m.cfg.TicketLifetime / time.Minute) // the code's own line says it
	renewed := m.flowState() == state.Renewing
	shown := m.setState(state.ShowingCode)
	m.emit(Event{Kind: EventCode, QR: msg.qr, Ticket: msg.ticket, ExpiresIn: m.cfg.TicketLifetime})
	cmds := []tea.Cmd{m.pollThrough(passport.Waiting), shown}
	if renewed && !m.cfg.Unattended {
		// the code changed under the user's eyes: say why, briefly
		cmds = append(cmds, m.setNotice(i18n.T(m.locale, i18n.TextRenewed)))
	}
	if m.cfg.WritePNG != nil {
		cmds = append(cmds, writePNG(m.cfg.WritePNG, msg.qr))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onTicketFailed(msg ticketFailedMsg) tea.Cmd {
	if !m.current(msg.gen, state.Fetching, state.Renewing) {
		return nil
	}
	if passport.Retryable(msg.err) {
		return m.retryLater(msg.err)
	}
	return m.fail(msg.err)
}

// onRetryDue repeats the request that failed: a ticket, or a poll.
func (m *Model) onRetryDue(msg retryDueMsg) tea.Cmd {
	if msg.gen != m.gen || msg.seq != m.retrySeq || m.retryAt.IsZero() {
		return nil
	}
	defer m.syncKeys() // r is "retry now" only while a retry waits
	switch {
	case m.current(msg.gen, state.Fetching, state.Renewing):
		m.retryAt = time.Time{}
		return requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen)
	case m.current(msg.gen, state.ShowingCode, state.Scanned) && m.retryNewCode:
		return m.renew()
	case m.current(msg.gen, state.ShowingCode, state.Scanned) && !m.polling:
		m.retryAt = time.Time{}
		m.polling = true
		// at once, and its first answer is news: it ends the retry note
		return pollUntilNews(m.flowCtx, m.cfg.Client, m.pollingArgs(0, true))
	}
	return nil
}

func (m *Model) onPollResult(msg pollResultMsg) tea.Cmd {
	if !m.current(msg.gen, state.ShowingCode, state.Scanned) {
		return nil
	}
	m.polling = false
	m.clearRetry()
	switch msg.result.Status {
	case passport.Waiting:
		// A scan can be cancelled on the phone: back to "scan", where a
		// -timeout that ran out meanwhile counts.
		shown := m.setState(state.ShowingCode)
		if cmd := m.failIfTimedOut(); cmd != nil {
			return cmd
		}
		return tea.Batch(shown, m.pollThrough(passport.Waiting))
	case passport.Scanned:
		var shown tea.Cmd
		if m.flowState() != state.Scanned {
			shown = m.setState(state.Scanned)
			m.emit(Event{Kind: EventScanned})
		}
		return tea.Batch(shown, m.pollThrough(passport.Scanned))
	case passport.Expired:
		return m.renewExpired()
	case passport.Confirmed:
		shown := m.setState(state.Finishing)
		m.emit(Event{Kind: EventFinishing})
		return tea.Batch(completeLogin(m.flowCtx, m.cfg.Client, msg.result.Confirmation, m.locale, m.gen), shown)
	}
	return m.fail(&passport.UnexpectedReplyError{Op: "qrcode/auth/fetch", Reason: "unknown poll status"})
}

func (m *Model) onPollFailed(msg pollFailedMsg) tea.Cmd {
	if !m.current(msg.gen, state.ShowingCode, state.Scanned) {
		return nil
	}
	m.polling = false
	if passport.Retryable(msg.err) {
		return m.retryLater(msg.err)
	}
	return m.fail(msg.err)
}

func (m *Model) onLoginDone(msg loginDoneMsg) tea.Cmd {
	if !m.current(msg.gen, state.Finishing) {
		return nil
	}
	s := msg.session
	if s.Expires.IsZero() {
		s.Expires = passport.SessionExpires(s.Cookies)
	}
	m.session = &s
	return m.save()
}

func (m *Model) onLoginFailed(msg loginFailedMsg) tea.Cmd {
	if !m.current(msg.gen, state.Finishing) {
		return nil
	}
	return m.fail(msg.err)
}

func (m *Model) onSessionSaved(msg sessionSavedMsg) tea.Cmd {
	if m.state != state.Saving {
		return nil
	}
	shown := m.setState(state.Done) // and its own end, in a while
	m.result = m.savedResult(msg.where)
	m.emit(Event{Kind: EventLoggedIn, Account: m.session.Account, SavedTo: msg.where, Format: m.cfg.Format, Unverified: m.session.Unverified})
	if m.cfg.Unattended {
		return m.quit()
	}
	return shown
}

func (m *Model) onSaveFailed(msg saveFailedMsg) tea.Cmd {
	if m.state != state.Saving {
		return nil
	}
	m.err = msg.err
	shown := m.setState(state.SaveFailed)
	m.result = Result{Outcome: SaveFailed, Account: m.session.Account, Err: msg.err, Locale: m.locale}
	m.emit(Event{Kind: EventSaveFailed, Account: m.session.Account, Err: msg.err})
	if m.cfg.Unattended {
		return m.quit()
	}
	return shown
}

func (m *Model) onSessionChecked(msg sessionCheckedMsg) tea.Cmd {
	if m.flowState() != state.Checking {
		return nil
	}
	switch {
	case msg.err == nil:
		m.checked = msg.account
		m.oldKept = true
		shown := m.setState(state.AlreadyLoggedIn)
		m.emit(Event{Kind: EventAlreadyLoggedIn, Account: msg.account, SavedTo: m.cfg.SavedPath})
		if m.cfg.Unattended {
			return m.quit() // keep it: exit 0
		}
		return shown
	case errors.Is(msg.err, passport.ErrNotLoggedIn):
		// Expired or revoked: say so and go straight on to a new QR.
		notice := i18n.T(m.locale, i18n.TextSessionInvalid)
		var ended passport.Account
		var byDate interface{ ExpiredAt() time.Time }
		if errors.As(msg.err, &byDate) { // its cookies' dates say it ended
			ended.Expires = byDate.ExpiredAt()
			notice = i18n.T(m.locale, i18n.TextSessionExpiredNotice, i18n.Date(ended.Expires))
		}
		m.emit(Event{Kind: EventSessionExpired, Account: ended})
		return tea.Batch(m.setNotice(notice), m.startFlow(state.Fetching))
	default:
		m.err = msg.err
		m.oldKept = true
		shown := m.setState(state.CheckFailed)
		m.emit(Event{Kind: EventCheckFailed, Err: msg.err})
		if m.cfg.Unattended {
			return m.startFlow(state.Fetching) // log in again rather than wait for a key
		}
		return shown
	}
}

func (m *Model) onSpinnerTick(msg spinner.TickMsg) tea.Cmd {
	if !m.state.Busy() {
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return cmd
}

// onCrash: a bug in a command. Stop everything and leave; ui/signals prints the
// trace once the terminal is restored.
func (m *Model) onCrash(msg crashedMsg) tea.Cmd {
	m.flowCancel()
	m.setState(state.Quitting) // nothing follows a quit
	m.result = Result{Outcome: Crashed, Crash: msg.crash, Locale: m.locale}
	return tea.Quit
}

// onClock advances the time left; it is the only periodic redraw while the
// QR is shown, so waiting costs a frame a minute (six in the last one).
func (m *Model) onClock(msg clockTickMsg) tea.Cmd {
	if msg.seq != m.clockSeq || m.state == state.Quitting {
		return nil
	}
	fs := m.flowState()
	if !fs.ShowsCode() && m.retryAt.IsZero() {
		m.clockOn = false
		return nil
	}
	if fs.ShowsCode() && m.cfg.OnEvent != nil {
		// A reminder a minute (at 2:00, 1:00 …), never a countdown a second.
		rem := m.expiresAt.Sub(m.cfg.Now())
		if mins := int(rem / time.Minute); rem > 0 && mins != m.lastReminder && rem%time.Minute < time.Second {
			m.lastReminder = mins
			if mins > 0 {
				m.emit(Event{Kind: EventWaiting, ExpiresIn: rem.Round(time.Second)})
			}
		}
	}
	// Only 10018100 proves expiry (PROTOCOL.md §2); but a code nobody scanned
	// before the local countdown ran out is replaced all the same. Once
	// scanned, the server decides, so a confirmation is never cut short.
	if fs == state.ShowingCode && !m.cfg.Now().Before(m.expiresAt) && !m.retryNewCode {
		m.clockOn = false
		return m.renew()
	}
	return m.tickClock()
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
	// Tick when the words for the time left change (a whole minute, then
	// ten seconds: i18n.ExpiresInStep), on its boundary so it never skips:
	// while the code is shown, nothing else on screen moves with the
	// clock. Unattended, nothing shows it: the clock wakes only for the
	// reminder each whole minute and the expiry. A retry's "in 4s" counts
	// each second.
	step := time.Second
	if m.flowState().ShowsCode() && m.retryAt.IsZero() && !m.expiresAt.IsZero() {
		step = i18n.ExpiresInStep(m.expiresAt.Sub(m.cfg.Now()))
		if m.cfg.Unattended {
			step = time.Minute
		}
	}
	d := step
	if !m.expiresAt.IsZero() {
		if rem := m.expiresAt.Sub(m.cfg.Now()) % step; rem > 0 {
			d = rem
		}
	}
	return m.cfg.After(d, clockTickMsg{seq: seq})
}

// pollThrough starts the poll loop of the current ticket, which waits
// through the answer the screen shows (shown) and reports the next one.
func (m *Model) pollThrough(shown passport.PollStatus) tea.Cmd {
	m.polling = true
	return pollUntilNews(m.flowCtx, m.cfg.Client, m.pollingArgs(shown, false))
}

func (m *Model) pollingArgs(through passport.PollStatus, now bool) polling {
	return polling{ticket: m.ticket, locale: m.locale, gen: m.gen, every: m.cfg.PollInterval,
		now: now, through: through, sleep: m.cfg.Sleep}
}

// retryLater waits (with backoff) before repeating the failed request.
func (m *Model) retryLater(err error) tea.Cmd {
	m.failures++
	ra := min(passport.RetryAfter(err), maxRetryAfter)
	d := backoff(m.failures, m.cfg.PollInterval, m.cfg.MaxBackoff, ra, m.cfg.Rand())
	m.retryAt = m.cfg.Now().Add(d)
	m.retryErr = err
	// A poll after the code's life is pointless: when the server's own
	// wait (Retry-After) outlives the code, say so, ask nothing until it is
	// over, then fetch a new code. Our own backoff gives way to the
	// countdown instead.
	m.retryNewCode = ra > 0 && m.flowState().ShowsCode() && m.retryAt.After(m.expiresAt)
	m.retrySeq++
	m.syncKeys() // r retries now
	m.emit(Event{Kind: EventRetrying, RetryIn: d, Err: err})
	return tea.Batch(m.cfg.After(d, retryDueMsg{gen: m.gen, seq: m.retrySeq}), m.startClock())
}

func (m *Model) clearRetry() {
	m.failures = 0
	m.retryAt = time.Time{}
	m.retryErr = nil
	m.retryNewCode = false
	m.syncKeys()
}

// startFlow begins a new flow in Fetching (or Renewing, after an expiry):
// it cancels what is in flight and asks for a ticket. Every late reply of
// the old flow is then dropped by gen.
func (m *Model) startFlow(to state.State) tea.Cmd {
	shown := m.beginFlow(to)
	if to == state.Renewing {
		m.emit(Event{Kind: EventExpired})
	}
	m.emit(Event{Kind: EventFetching})
	cmds := []tea.Cmd{requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen), shown}
	if to == state.Fetching { // a new login, not a renewal: its own -timeout
		cmds = append(cmds, m.armTimeout())
	}
	return tea.Batch(cmds...)
}

// renew replaces an expired code.
func (m *Model) renew() tea.Cmd { return m.startFlow(state.Renewing) }

// beginFlow resets the model for a new flow with its own context and
// generation, and returns what follows from its first state.
func (m *Model) beginFlow(to state.State) tea.Cmd {
	m.flowCancel()
	m.flowCtx, m.flowCancel = context.WithCancel(m.cfg.Context)
	m.gen++
	m.polling = false
	m.qr = nil
	m.ticket = passport.Ticket{}
	m.err, m.session = nil, nil
	m.clearRetry()
	return m.setState(to)
}

// startCheck verifies the saved session, with a spinner.
func (m *Model) startCheck() tea.Cmd {
	shown := m.setState(state.Checking)
	m.emit(Event{Kind: EventChecking})
	return tea.Batch(checkSession(m.flowCtx, m.cfg.CheckSaved, m.locale), shown)
}

func (m *Model) save() tea.Cmd {
	m.err = nil
	shown := m.setState(state.Saving)
	m.emit(Event{Kind: EventSaving})
	m.inflight = &saveInFlight{done: make(chan struct{})}
	return tea.Batch(saveSession(m.cfg.Context, m.cfg.Save, *m.session, m.inflight), shown)
}

func (m *Model) fail(err error) tea.Cmd {
	m.flowCancel()
	m.err = err
	m.polling = false
	m.clearRetry()
	shown := m.setState(state.Failed)
	m.result = Result{Outcome: Failed, Err: err, Locale: m.locale}
	m.emit(Event{Kind: EventFailed, Err: err})
	if m.cfg.Unattended {
		return m.quit()
	}
	return shown
}

// quit stops everything in flight and ends the program. The result says
// how: Done and the failures have theirs already.
func (m *Model) quit() tea.Cmd {
	m.flowCancel()
	switch m.flowState() {
	case state.Done, state.Failed, state.SaveFailed:
	case state.AlreadyLoggedIn:
		m.result = Result{Outcome: Kept, Account: m.checked, SavedTo: m.cfg.SavedPath, Locale: m.locale}
	case state.Saving:
		// the save may be landing this instant: Result waits for it
		m.result = Result{Outcome: Cancelled, Locale: m.locale}
	default:
		if m.oldKept {
			m.result = Result{Outcome: KeptInPlace, SavedTo: m.cfg.SavedPath, Locale: m.locale}
			break
		}
		m.result = Result{Outcome: Cancelled, Locale: m.locale}
	}
	m.setState(state.Quitting) // nothing follows a quit
	return m.leave()
}
