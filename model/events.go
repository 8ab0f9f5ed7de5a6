package model

import (
	"time"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// EventKind is something that happened in a login that a view other than
// the full-screen one (plain text for logs and screen readers, JSON lines
// for programs) reports. The model is the one source of truth: such views
// only put its events into words.
type EventKind int

// The events of a login, in the order a login meets them.
const (
	EventChecking        EventKind = iota + 1 // verifying the saved session
	EventAlreadyLoggedIn                      // the saved session is valid: Account, SavedTo
	EventCheckFailed                          // the saved session could not be checked: Err
	EventSessionExpired                       // the saved session is no longer valid; a new login follows: Account.Expires when it ended by date
	EventFetching                             // asking for a QR code
	EventCode                                 // a QR code to scan: QR, Ticket, ExpiresIn, Locale
	EventWaiting                              // still waiting for a scan, a minute on: ExpiresIn
	EventScanned                              // scanned: confirm on the phone
	EventExpired                              // the code expired; a new one follows
	EventRetrying                             // transient trouble: RetryIn, Err
	EventFinishing                            // confirmed: verifying the login
	EventSaving                               // writing the session
	EventLoggedIn                             // done: Account, SavedTo, Unverified
	EventSaveFailed                           // logged in but not saved: Account, Err
	EventFailed                               // the login failed: Err
	EventPNGFailed                            // -png could not be written: Err (the login goes on)
)

var eventNames = [...]string{
	EventChecking: "checking", EventAlreadyLoggedIn: "already_logged_in", EventCheckFailed: "check_failed",
	EventSessionExpired: "session_expired", EventFetching: "fetching", EventCode: "qr", EventWaiting: "waiting", EventScanned: "scanned",
	EventExpired: "expired", EventRetrying: "retrying", EventFinishing: "finishing", EventSaving: "saving",
	EventLoggedIn: "logged_in", EventSaveFailed: "save_failed", EventFailed: "failed",
	EventPNGFailed: "png_failed",
}

// String is the event's stable name (the "event" field of -json).
func (k EventKind) String() string {
	if k > 0 && int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "unknown"
}

// Event is one thing that happened, with what a view needs to say it.
type Event struct {
	Kind   EventKind
	Locale string // the UI's language

	QR        *ui.QR          // EventCode: the code (QR.Text() is the full qr_url: a secret)
	Ticket    passport.Ticket // EventCode: host and trust of the code
	ExpiresIn time.Duration   // EventCode: the local countdown

	RetryIn time.Duration // EventRetrying
	Err     error         // EventRetrying, EventCheckFailed, EventSaveFailed, EventFailed

	Account    passport.Account // EventAlreadyLoggedIn, EventLoggedIn, EventSaveFailed (Expires: when the session ends)
	SavedTo    string           // EventAlreadyLoggedIn, EventLoggedIn ("" for stdout)
	Format     string           // EventLoggedIn
	Unverified error            // EventLoggedIn: why the gateway could not confirm it
}

// emit reports ev to Config.OnEvent, if any.
func (m *Model) emit(ev Event) {
	if m.cfg.OnEvent == nil {
		return
	}
	ev.Locale = m.locale
	m.cfg.OnEvent(ev)
}
