package model

import (
	"fmt"

	"github.com/biliqr/biliqr/model/exit"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Outcome is the way a run ended: one of a few, each with its exit status
// and its summary line (the outcomes table). A new way to end is a
// constant here and a row there; nothing else decides either.
type Outcome int

// The ways a run ends.
const (
	Cancelled  Outcome = iota // the user quit, or a signal came (exit 130, or 128+n)
	LoggedIn                  // logged in, verified and saved (exit 0)
	Unverified                // logged in and saved, but the gateway could not confirm it; Err says why (exit 0)
	Kept                      // the saved session was valid and the user kept it (exit 0)
	// KeptInPlace means the user left while the session saved before was still
	// in place and nothing new was saved (after r, or on "could not
	// check"): exit 0, "the session in PATH was kept".
	KeptInPlace
	SaveFailed // logged in, but the session could not be written; Err says why (exit 1)
	Failed     // the login failed; Err says why (exit 1)
	Crashed    // a command panicked (a bug); Crash holds it (exit 1)
)

// Result is what ui/signals needs after the program ends.
type Result struct {
	Outcome Outcome
	Account passport.Account
	SavedTo string // "" when written to stdout
	Err     error  // why, for the outcomes that say so
	Locale  string
	Format  string // LoggedIn, Unverified: the format it was saved in
	Crash   *Crash // Crashed: the panic and its stack
	// Demo: the run was against the built-in fake; the summary says
	// "the demo" where it would say bilibili.tv.
	Demo bool
}

// outcomes is what each way of ending means: its exit status (a contract:
// scripts rely on them), whether a session was saved or kept (a signal
// after that does not undo it), and its summary line.
var outcomes = [...]struct {
	name    string
	exit    exit.Status
	saved   bool
	summary func(r Result, format string) string
}{
	Cancelled: {"cancelled", exit.Cancelled, false, func(r Result, _ string) string {
		return i18n.T(r.Locale, i18n.TextSummaryCancelled)
	}},
	LoggedIn: {"logged in", exit.OK, true, func(r Result, format string) string {
		return loggedInLine(r, format) + i18n.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	Unverified: {"logged in, unverified", exit.OK, true, func(r Result, format string) string {
		return loggedInLine(r, format) + " " + i18n.T(r.Locale, i18n.TextSummaryUnverified, ui.UnverifiedReason(r.Locale, r.Err)) +
			i18n.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	Kept: {"kept the saved session", exit.OK, true, func(r Result, _ string) string {
		kept := i18n.TextSummaryKept
		if r.Demo {
			kept = i18n.TextSummaryKeptDemo
		}
		return i18n.T(r.Locale, kept, ui.AccountLabel(r.Locale, r.Account), ui.ShowPath(r.SavedTo, ui.MaxPathShown)) + i18n.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	KeptInPlace: {"left the saved session in place", exit.OK, true, func(r Result, _ string) string {
		return i18n.T(r.Locale, i18n.TextSummaryKeptPath, ui.ShowPath(r.SavedTo, ui.MaxPathShown))
	}},
	SaveFailed: {"save failed", exit.Failed, false, func(r Result, _ string) string {
		// the writer's own words, the path and why, no secrets
		return i18n.T(r.Locale, i18n.TextSummaryNotSaved, ui.AccountLabel(r.Locale, r.Account), ui.SaveReason(r.Locale, r.Err))
	}},
	Failed: {"failed", exit.Failed, false, func(r Result, _ string) string {
		return i18n.T(r.Locale, i18n.TextSummaryFailed, ui.Describe(r.Locale, r.Err))
	}},
	Crashed: {"crashed", exit.Failed, false, func(r Result, _ string) string {
		return i18n.T(r.Locale, i18n.TextSummaryFailed, i18n.T(r.Locale, i18n.TextErrInternal))
	}},
}

func loggedInLine(r Result, format string) string {
	who := ui.AccountLabel(r.Locale, r.Account)
	if r.SavedTo == "" {
		return i18n.T(r.Locale, i18n.TextSummaryStdout, who, format)
	}
	ok := i18n.TextSummaryOK
	if r.Demo {
		ok = i18n.TextSummaryOKDemo
	}
	return i18n.T(r.Locale, ok, who, ui.ShowPath(r.SavedTo, ui.MaxPathShown), format)
}

func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomes) {
		return fmt.Sprintf("Outcome(%d)", int(o))
	}
	return outcomes[o].name
}

// ExitCode is the process exit status for this result (a contract).
func (r Result) ExitCode() exit.Status { return outcomes[r.Outcome].exit }

// Saved says whether the run ends with a session saved (or a valid one
// kept): then a signal that came after it still exits 0.
func (r Result) Saved() bool { return outcomes[r.Outcome].saved }

// Summary is the one line printed on the normal screen after the app
// leaves, so the result stays in the scrollback. It never holds a secret.
func (r Result) Summary(format string) string { return outcomes[r.Outcome].summary(r, format) }
