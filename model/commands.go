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

func pollQR(ctx context.Context, c Passport, t passport.Ticket, locale string, gen int) tea.Cmd {
	return guard(func() tea.Msg {
		r, err := c.PollQR(ctx, t, locale)
		if err != nil {
			return pollFailedMsg{gen: gen, err: err}
		}
		return pollResultMsg{gen: gen, result: r}
	})
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
