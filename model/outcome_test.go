package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
)

// Every way a run ends has its exit status (a contract), says whether a
// session was saved, and has a summary line of its own.
func TestEveryOutcomeHasItsRow(t *testing.T) {
	want := map[Outcome]struct {
		exit  int
		saved bool
		says  string
	}{
		Cancelled:   {130, false, "cancelled; nothing was saved"},
		LoggedIn:    {0, true, "session saved to /c.txt (netscape)"},
		Unverified:  {0, true, "(unverified: "},
		Kept:        {0, true, "session kept in /c.txt"},
		KeptInPlace: {0, true, "the session in /c.txt was kept"},
		SaveFailed:  {1, false, "the session was not saved: disk full"},
		Failed:      {1, false, "login failed"},
		Crashed:     {1, false, "internal error"},
	}
	if len(outcomes) != len(want) {
		t.Fatalf("%d outcomes in model/result.go, %d here: give a new one its exit status, saved and summary in both", len(outcomes), len(want))
	}
	for o := range Outcome(len(outcomes)) {
		row := outcomes[o]
		w, ok := want[o]
		if !ok || row.summary == nil || row.name == "" {
			t.Fatalf("outcome %d has no row in model/result.go's outcomes (or none here)", int(o))
		}
		r := Result{Outcome: o, Account: passport.Account{Mid: 7, Name: "Ann"}, SavedTo: "/c.txt", Err: errors.New("disk full"), Locale: "en_US"}
		if int(r.ExitCode()) != w.exit || r.Saved() != w.saved {
			t.Errorf("%v: exit %d saved %v, want %d %v", o, r.ExitCode(), r.Saved(), w.exit, w.saved)
		}
		if got := r.Summary("netscape"); !strings.Contains(got, w.says) {
			t.Errorf("%v: summary %q, want it to say %q", o, got, w.says)
		}
	}
}
