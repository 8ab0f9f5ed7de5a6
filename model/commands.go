package model

import (
	"context"
	"math"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Commands do the I/O, each in its own goroutine, and report back with a
// message. They only read the values they are given, never the model, and
// each is guarded: a panic in it comes back as a crashedMsg.

func requestTicket(ctx context.Context, c Passport, locale string, gen int) tea.Cmd {
	return guard(func() tea.Msg {
		t, err := c.RequestTicket(ctx, locale)
		if err != nil {
			return ticketFailedMsg{gen: gen, err: err}
		}
		// The QR matrix is built here, off the UI goroutine, once per ticket.
		qr, err := ui.NewQR(t.QRURL)
		if err != nil {
			return ticketFailedMsg{gen: gen, err: err}
		}
		return ticketFetchedMsg{gen: gen, ticket: t, qr: qr}
	})
}

// polling is what a poll loop is given: the ticket and how to pace it.
type polling struct {
	ticket passport.Ticket
	locale string
	gen    int
	every  time.Duration // the wait before each poll (Config.PollInterval)
	now    bool          // the first poll at once (a retry), not after a wait
	// through is the answer the screen already shows: the loop keeps
	// polling while it hears it, and reports anything else (0: report
	// the first answer, whatever it is).
	through passport.PollStatus
	sleep   func(context.Context, time.Duration) error
}

// pollUntilNews polls every p.every, as the site does, until an answer is
// news: one that changes the screen, an error, or the flow's end. "Still
// waiting" stays inside the command: it wakes neither the model nor the
// renderer, which while the code is shown wake only for the countdown.
func pollUntilNews(ctx context.Context, c Passport, p polling) tea.Cmd {
	return guard(func() tea.Msg {
		for first := true; ; first = false {
			if !first || !p.now {
				if err := p.sleep(ctx, p.every); err != nil {
					return pollFailedMsg{gen: p.gen, err: err}
				}
			}
			r, err := c.PollQR(ctx, p.ticket, p.locale)
			if err != nil {
				return pollFailedMsg{gen: p.gen, err: err}
			}
			if p.through == 0 || r.Status != p.through {
				return pollResultMsg{gen: p.gen, result: r}
			}
		}
	})
}

// sleep is Config.Sleep's default: a real timer, cut short by ctx.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func completeLogin(ctx context.Context, c Passport, conf passport.Confirmation, locale string, gen int) tea.Cmd {
	return guard(func() tea.Msg {
		s, err := c.Complete(ctx, conf, locale)
		if err != nil {
			return loginFailedMsg{gen: gen, err: err}
		}
		return loginDoneMsg{gen: gen, session: s}
	})
}

func saveSession(ctx context.Context, save SaveFunc, s passport.Session, f *saveInFlight) tea.Cmd {
	return guard(func() tea.Msg {
		f.err = errUnfinished
		defer close(f.done)
		where, err := save(ctx, s)
		f.where, f.err = where, err
		if err != nil {
			return saveFailedMsg{err: err}
		}
		return sessionSavedMsg{where: where}
	})
}

func checkSession(ctx context.Context, check func(context.Context, string) (passport.Account, error), locale string) tea.Cmd {
	return guard(func() tea.Msg {
		a, err := check(ctx, locale)
		return sessionCheckedMsg{account: a, err: err}
	})
}

func writePNG(write func(*ui.QR) error, qr *ui.QR) tea.Cmd {
	return guard(func() tea.Msg { return pngWrittenMsg{err: write(qr)} })
}

func rememberLocale(remember func(string) error, code string) tea.Cmd {
	return guard(func() tea.Msg {
		if err := remember(code); err != nil {
			return noticeMsg{text: ui.FileReason(err)}
		}
		return nil
	})
}

// backoff is the wait before retry number n (1-based): 2 s doubling up to
// the cap, with ±20 % jitter so many clients do not retry in step, and
// never less than the server's Retry-After.
func backoff(n int, base, limit time.Duration, retryAfter time.Duration, rnd float64) time.Duration {
	d := time.Duration(float64(base) * math.Pow(2, float64(n-1)))
	if d > limit || d <= 0 {
		d = limit
	}
	d = time.Duration(float64(d) * (0.8 + 0.4*rnd))
	if d > limit {
		d = limit
	}
	if retryAfter > d {
		d = retryAfter
	}
	return d
}
