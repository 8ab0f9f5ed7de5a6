package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// A -png that cannot be written is reported to the event views too (the
// screen shows it as a notice), and the login goes on.
func TestEventPNGFailed(t *testing.T) {
	var got []string
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.WritePNG = func(*ui.QR) error { return errors.New("disk full") }
		c.OnEvent = func(ev Event) {
			s := ev.Kind.String()
			if ev.Err != nil {
				s += "(" + ev.Err.Error() + ")"
			}
			got = append(got, s)
		}
	})
	h.srv.Confirm()
	h.advance(2 * time.Second)
	h.wantState(state.Done)
	want := "fetching qr png_failed(disk full) finishing saving logged_in"
	if g := strings.Join(got, " "); g != want {
		t.Fatalf("events %q, want %q", g, want)
	}
}
