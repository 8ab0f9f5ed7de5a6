package passporttest

import (
	"context"
	"fmt"

	"github.com/biliqr/biliqr/passport"
)

// LoginOnce logs in against s with a real client, as the app does (ticket,
// confirm, poll, complete), for tests that need a session the fake knows.
func LoginOnce(s *Server) (passport.Session, error) {
	c, err := passport.New(s.ClientOptions())
	if err != nil {
		return passport.Session{}, err
	}
	ctx := context.Background()
	tk, err := c.RequestTicket(ctx, "en_US")
	if err != nil {
		return passport.Session{}, err
	}
	s.Confirm()
	r, err := c.PollQR(ctx, tk, "en_US")
	if err != nil {
		return passport.Session{}, err
	}
	if r.Status != passport.Confirmed {
		return passport.Session{}, fmt.Errorf("poll: %v, want confirmed", r.Status)
	}
	return c.Complete(ctx, r.Confirmation, "en_US")
}
