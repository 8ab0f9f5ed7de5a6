// Package state names every phase of a biliqr login. It is its own small
// package so that the model (which moves between states) and ui (which
// draws each one) share one enum instead of mapping two.
package state

// State is one phase of the app. The model's setState is the only place
// that changes it; model/transitions.go lists which changes are allowed.
type State int

// The states, in the order of a login.
const (
	// ChoosingLanguage is the language menu, over the state it was opened
	// from (or at first launch, over nothing).
	ChoosingLanguage State = iota
	Checking               // verifying the session already saved
	AlreadyLoggedIn        // the saved session is valid: keep it or log in again
	CheckFailed            // the saved session could not be checked
	Fetching               // asking for a QR code
	Renewing               // the code expired; asking for a new one
	ShowingCode            // the QR, waiting for a scan (polling)
	Scanned                // scanned: confirm on the phone (polling)
	Finishing              // confirmed: verifying the login the poll set
	Saving                 // writing the session
	SaveFailed             // logged in, but the session could not be written
	Done                   // logged in and saved
	Failed                 // a clear failure; r tries again
	Quitting               // the program is ending: late replies change nothing
)

var names = [...]string{
	ChoosingLanguage: "choosing a language", Checking: "checking", AlreadyLoggedIn: "already logged in",
	CheckFailed: "check failed", Fetching: "fetching", Renewing: "renewing", ShowingCode: "showing the code",
	Scanned: "scanned", Finishing: "finishing", Saving: "saving", SaveFailed: "save failed", Done: "done",
	Failed: "failed", Quitting: "quitting",
}

// All lists every state, in order.
var All = []State{ChoosingLanguage, Checking, AlreadyLoggedIn, CheckFailed, Fetching, Renewing,
	ShowingCode, Scanned, Finishing, Saving, SaveFailed, Done, Failed, Quitting}

func (s State) String() string {
	if s >= 0 && int(s) < len(names) {
		return names[s]
	}
	return "State(?)"
}

// ShowsCode says whether the QR is on screen (and being polled).
func (s State) ShowsCode() bool { return s == ShowingCode || s == Scanned }

// Busy says whether a spinner turns: something is on its way.
func (s State) Busy() bool {
	switch s {
	case Checking, Fetching, Renewing, Finishing, Saving:
		return true
	default: // waiting on the person, or ended
		return false
	}
}
