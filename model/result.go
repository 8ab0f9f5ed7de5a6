package model

import (
	"fmt"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Outcome is the way a run ended: one of a few, each with its exit status
// and its summary line (the outcomes table). A new way to end is a
// constant here and a row there; nothing else decides either.
type Outcome int

const (
	Cancelled  Outcome = iota // the user quit, or a signal came (exit 130, or 128+n)
	LoggedIn                  // logged in, verified and saved (exit 0)
	Unverified                // logged in and saved, but the gateway could not confirm it; Err says why (exit 0)
	Kept                      // the saved session was valid and the user kept it (exit 0)
	// KeptInPlace: the user left while the session saved before was still
	// in place and nothing new was saved (after r, or on "could not
	// check"): exit 0, "the session in PATH was kept".
	KeptInPlace
	SaveFailed // logged in, but the session could not be written; Err says why (exit 1)
	Failed     // the login failed; Err says why (exit 1)
	Crashed    // a command panicked (a bug); Crash holds it (exit 1)
)

// Result is what ui/output needs after the program ends.
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
	exit    int
	saved   bool
	summary func(r Result, format string) string
}{
	Cancelled: {"cancelled", 130, false, func(r Result, _ string) string {
		return ui.T(r.Locale, ui.TextSummaryCancelled)
	}},
	LoggedIn: {"logged in", 0, true, func(r Result, format string) string {
		return loggedInLine(r, format) + ui.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	Unverified: {"logged in, unverified", 0, true, func(r Result, format string) string {
		return loggedInLine(r, format) + " " + ui.T(r.Locale, ui.TextSummaryUnverified, ui.UnverifiedReason(r.Locale, r.Err)) +
			ui.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	Kept: {"kept the saved session", 0, true, func(r Result, _ string) string {
		kept := ui.TextSummaryKept
		if r.Demo {
			kept = ui.TextSummaryKeptDemo
		}
		return ui.T(r.Locale, kept, ui.AccountLabel(r.Locale, r.Account), ui.ShowPath(r.SavedTo, ui.MaxPathShown)) + ui.EndsSuffix(r.Locale, r.Account.Expires)
	}},
	KeptInPlace: {"left the saved session in place", 0, true, func(r Result, _ string) string {
		return ui.T(r.Locale, ui.TextSummaryKeptPath, ui.ShowPath(r.SavedTo, ui.MaxPathShown))
	}},
	SaveFailed: {"save failed", 1, false, func(r Result, _ string) string {
		// the writer's own words, the path and why, no secrets
		return ui.T(r.Locale, ui.TextSummaryNotSaved, ui.AccountLabel(r.Locale, r.Account), ui.SaveReason(r.Locale, r.Err))
	}},
	Failed: {"failed", 1, false, func(r Result, _ string) string {
		return ui.T(r.Locale, ui.TextSummaryFailed, ui.Describe(r.Locale, r.Err))
	}},
	Crashed: {"crashed", 1, false, func(r Result, _ string) string {
		return ui.T(r.Locale, ui.TextSummaryFailed, ui.T(r.Locale, ui.TextErrInternal))
	}},
}

func loggedInLine(r Result, format string) string {
	who := ui.AccountLabel(r.Locale, r.Account)
	if r.SavedTo == "" {
		return ui.T(r.Locale, ui.TextSummaryStdout, who, format)
	}
	ok := ui.TextSummaryOK
	if r.Demo {
		ok = ui.TextSummaryOKDemo
	}
	return ui.T(r.Locale, ok, who, ui.ShowPath(r.SavedTo, ui.MaxPathShown), format)
}

func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomes) {
		return fmt.Sprintf("Outcome(%d)", int(o))
	}
	return outcomes[o].name
}

// ExitCode is the process exit status for this result (a contract).
func (r Result) ExitCode() int { return outcomes[r.Outcome].exit }

// Saved says whether the run ends with a session saved (or a valid one
// kept): then a signal that came after it still exits 0.
func (r Result) Saved() bool { return outcomes[r.Outcome].saved }

// Summary is the one line printed on the normal screen after the app
// leaves, so the result stays in the scrollback. It never holds a secret.
func (r Result) Summary(format string) string { return outcomes[r.Outcome].summary(r, format) }
