package model

import (
	"context"
	"testing"

	"github.com/biliqr/biliqr/passport"
)

// A signal that stops the program while the session is being saved: if
// the save got past its rename, the run says it was saved (exit 0); if it
// gave up, it says nothing was saved. Either way it waits to know.
func TestResultWaitsForASaveUnderWay(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want Outcome
	}{
		{"renamed", nil, LoggedIn},
		{"gave up", context.Canceled, Cancelled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			save := func(context.Context, passport.Session) (string, error) {
				<-release
				return "/tmp/cookies.txt", tc.err
			}
			m := New(Config{Save: save, Format: "netscape"})
			m.session = &passport.Session{Account: passport.Account{Mid: 7}}
			m.inflight = &saveInFlight{done: make(chan struct{})}
			go saveSession(context.Background(), save, *m.session, m.inflight)()
			m.result = Result{Outcome: Cancelled} // as a quit while saving leaves it
			close(release)
			r := m.Result()
			if r.Outcome != tc.want {
				t.Fatalf("outcome %v, want %v", r.Outcome, tc.want)
			}
			if tc.want == LoggedIn && (r.SavedTo != "/tmp/cookies.txt" || r.ExitCode() != 0 || r.Account.Mid != 7) {
				t.Errorf("result %+v, want the saved login (exit 0)", r)
			}
		})
	}
}
