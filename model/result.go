package model

import (
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// Outcome is how the program ended.
type Outcome int

const (
	Cancelled Outcome = iota // the user quit (exit 130)
	LoggedIn                 // logged in and saved, or a valid saved session kept (exit 0)
	Failed                   // a failure (exit 1)
	// Kept: the user left while the session already saved was still in
	// place and nothing new was saved (after r, or on "could not check"):
	// exit 0, "the session in PATH was kept". (A valid session kept from
	// "Already logged in" is LoggedIn with AlreadyLoggedIn, as before.)
	Kept
)

// Result is what main needs after the program ends.
type Result struct {
	Outcome Outcome
	Account passport.Account
	SavedTo string // "" when written to stdout
	Err     error
	Locale  string
	// AlreadyLoggedIn: the saved session was valid and the user kept it.
	AlreadyLoggedIn bool
	// SaveFailed: the login worked but the session could not be written.
	SaveFailed bool
	// Unverified: the session was saved, but the gateway could not confirm
	// it; this says why (see passport.Session.Unverified).
	Unverified error
	// Crash: a command panicked (a bug); Outcome is Failed.
	Crash *Crash
	// Demo: the run was against the built-in fake; the summary says
	// "the demo" where it would say bilibili.tv.
	Demo bool
}

// ExitCode is the process exit status for this result (a contract):
// 0 logged in and saved · 1 failed · 130 cancelled by the user.
func (r Result) ExitCode() int {
	switch r.Outcome {
	case LoggedIn, Kept:
		return 0
	case Failed:
		return 1
	}
	return 130
}

// Summary is the one line printed on the normal screen after the app
// leaves, so the result stays in the scrollback. It never holds a secret.
func (r Result) Summary(format string) string {
	switch {
	case r.Outcome == Kept:
		return ui.T(r.Locale, ui.TextSummaryKeptPath, r.SavedTo)
	case r.Outcome == LoggedIn && r.AlreadyLoggedIn:
		kept := ui.TextSummaryKept
		if r.Demo {
			kept = ui.TextSummaryKeptDemo
		}
		return ui.T(r.Locale, kept, ui.AccountLabel(r.Locale, r.Account), ui.ShowPath(r.SavedTo, ui.MaxPathShown)) + ui.EndsSuffix(r.Locale, r.Account.Expires)
	case r.Outcome == LoggedIn:
		who := ui.AccountLabel(r.Locale, r.Account)
		ok := ui.TextSummaryOK
		if r.Demo {
			ok = ui.TextSummaryOKDemo
		}
		line := ui.T(r.Locale, ok, who, ui.ShowPath(r.SavedTo, ui.MaxPathShown), format)
		if r.SavedTo == "" {
			line = ui.T(r.Locale, ui.TextSummaryStdout, who, format)
		}
		if r.Unverified != nil {
			line += " " + ui.T(r.Locale, ui.TextSummaryUnverified, ui.UnverifiedReason(r.Locale, r.Unverified))
		}
		return line + ui.EndsSuffix(r.Locale, r.Account.Expires)
	case r.Crash != nil:
		return ui.T(r.Locale, ui.TextSummaryFailed, ui.T(r.Locale, ui.TextErrInternal))
	case r.Outcome == Failed && r.SaveFailed:
		// the writer's own words: the path and why, no secrets
		return ui.T(r.Locale, ui.TextSummaryNotSaved, ui.AccountLabel(r.Locale, r.Account), ui.FileReason(r.Err))
	case r.Outcome == Failed:
		return ui.T(r.Locale, ui.TextSummaryFailed, ui.Describe(r.Locale, r.Err))
	}
	return ui.T(r.Locale, ui.TextSummaryCancelled)
}
