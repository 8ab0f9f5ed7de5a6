package model

import (
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Messages are named for what happened. Those that answer a request carry
// the flow generation they belong to: a reply for an older ticket (after a
// refresh, a locale change or an expiry) is dropped, so a late reply can
// never overtake a newer flow.
type (
	ticketFetchedMsg struct {
		gen    int
		ticket passport.Ticket
		qr     *ui.QR
	}
	ticketFailedMsg struct {
		gen int
		err error
	}
	// pollResultMsg is news from the poll loop: an answer that differs
	// from the one it was told to wait through (see pollUntilNews).
	pollResultMsg struct {
		gen    int
		result passport.PollResult
	}
	pollFailedMsg struct {
		gen int
		err error
	}
	retryDueMsg  struct{ gen, seq int } // seq: the retry it is for (r may have done it already)
	loginDoneMsg struct {
		gen     int
		session passport.Session
	}
	loginFailedMsg struct {
		gen int
		err error
	}
	sessionSavedMsg   struct{ where string }
	saveFailedMsg     struct{ err error }
	sessionCheckedMsg struct {
		account passport.Account
		err     error
	}
	// clockTickMsg drives the countdown and retry notices, once a second.
	clockTickMsg struct{ seq int }
	autoQuitMsg  struct{}
	noticeMsg    struct{ text string }
	// copyFellBackMsg: tmux did not take the link; OSC 52 it is
	copyFellBackMsg struct{ reason string }
	pngWrittenMsg   struct{ err error }
)

// NotSuspendedMsg says ctrl+z or SIGTSTP did not stop the app, because nothing
// could resume it (ui/signals decides; no job control). The app goes on and
// says why.
type NotSuspendedMsg struct{}
