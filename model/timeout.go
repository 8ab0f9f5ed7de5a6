package model

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
)

// A login must end by itself: a forgotten SSH session or a
// -json job would otherwise poll the service every 2 s for ever.
//
//   - Config.Timeout (-timeout) bounds the time without a scan. It starts
//     when a login starts (at launch, on r, after a language change), not
//     when a code is renewed, and ends the login as a failure: the failed
//     event with reason "timeout", or the failed screen, where r starts a
//     fresh one. A scanned code is never cut off while the phone
//     confirms; if the scan is cancelled, the time that ran out counts.
//   - A code the server calls expired sooner than anyone could have
//     scanned it (quickExpiry after it was shown) is renewed with backoff,
//     not at once: a server that expires every code would otherwise get a
//     ticket request every 2 s.

// quickExpiry: a code that "expires" this soon after it was shown did not
// live its life; the service's codes live 180 s (protocol.md §1).
const quickExpiry = 30 * time.Second

type (
	timeoutMsg  struct{ seq int }
	renewDueMsg struct{ gen int }
)

// armTimeout starts the -timeout for a new login (nil: there is none).
func (m *Model) armTimeout() tea.Cmd {
	if m.cfg.Timeout <= 0 {
		return nil
	}
	m.timeoutSeq++
	m.deadline = m.cfg.Now().Add(m.cfg.Timeout)
	m.codeShown = false
	return m.cfg.After(m.cfg.Timeout, timeoutMsg{seq: m.timeoutSeq})
}

func (m *Model) onTimeout(msg timeoutMsg) tea.Cmd {
	if msg.seq != m.timeoutSeq || m.state == state.Quitting {
		return nil
	}
	return m.failIfTimedOut()
}

// failIfTimedOut ends a login whose -timeout has run out while no code is
// scanned.
func (m *Model) failIfTimedOut() tea.Cmd {
	if m.deadline.IsZero() || m.cfg.Now().Before(m.deadline) {
		return nil
	}
	switch m.flowState() {
	case state.Fetching, state.Renewing, state.ShowingCode:
		m.deadline = time.Time{}
		if !m.codeShown {
			// nothing to scan the whole time: the service's fault, not the user's
			return m.fail(&passport.UnreachableError{After: m.cfg.Timeout, Err: m.retryErr})
		}
		return m.fail(&passport.TimeoutError{After: m.cfg.Timeout})
	default: // scanned, or past the code: -timeout bounds only the wait for a scan
		return nil
	}
}

// renewExpired replaces a code the server says has expired: at once when
// it lived, with backoff when it "expired" within quickExpiry.
func (m *Model) renewExpired() tea.Cmd {
	shown := m.expiresAt.Add(-m.cfg.TicketLifetime)
	if m.cfg.Now().Sub(shown) >= quickExpiry {
		m.quickExpiries = 0
		return m.renew()
	}
	m.quickExpiries++
	d := backoff(m.quickExpiries, m.cfg.PollInterval, m.cfg.MaxBackoff, 0, m.cfg.Rand())
	started := m.beginFlow(state.Renewing) // its spinner (setState starts it)
	m.emit(Event{Kind: EventExpired})
	m.emit(Event{Kind: EventFetching})
	return tea.Batch(m.cfg.After(d, renewDueMsg{gen: m.gen}), started)
}

func (m *Model) onRenewDue(msg renewDueMsg) tea.Cmd {
	if !m.current(msg.gen, state.Renewing) {
		return nil
	}
	return requestTicket(m.flowCtx, m.cfg.Client, m.locale, m.gen)
}
