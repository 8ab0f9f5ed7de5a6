package model

import (
	"errors"
	"time"
)

// landingWait bounds how long Result waits for a save that was under way
// when the program was stopped: the save gives up at its context's end
// unless it is past its rename, so this is only a guard.
var landingWait = 5 * time.Second

// errUnfinished: the save never returned (it panicked).
var errUnfinished = errors.New("the save did not finish")

// saveInFlight is a save the model started. A signal quits the program
// without another Update while the save may be landing that instant;
// Result waits for it, so that what is said matches what is on disk.
type saveInFlight struct {
	done  chan struct{}
	where string
	err   error
}

// landed is r, a cancellation during a save, made true: the login as saved
// when the save got past its rename, else r.
func (m *Model) landed(r Result) Result {
	f := m.inflight
	t := time.NewTimer(landingWait)
	defer t.Stop()
	select {
	case <-f.done:
	case <-t.C:
		return r
	}
	if f.err != nil || m.session == nil {
		return r
	}
	return m.savedResult(f.where)
}

// savedResult is the result of a login saved at where.
func (m *Model) savedResult(where string) Result {
	r := Result{Outcome: LoggedIn, Account: m.session.Account, SavedTo: where, Locale: m.locale, Format: m.cfg.Format}
	if m.session.Unverified != nil {
		r.Outcome, r.Err = Unverified, m.session.Unverified
	}
	return r
}
