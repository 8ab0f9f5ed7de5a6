package passporttest

import (
	"context"
	"fmt"

	"github.com/biliqr/biliqr/passport"
)

// LoginOnce logs in against the fake with the real client, as the app
// would but without its 2 s wait before a poll: a test that needs a saved
// session gets one at once.
func (s *Server) LoginOnce(locale string) (passport.Session, error) {
	c, err := passport.New(s.ClientOptions())
	if err != nil {
		return passport.Session{}, err
	}
	ctx := context.Background()
	tk, err := c.RequestTicket(ctx, locale)
	if err != nil {
		return passport.Session{}, err
	}
	s.Confirm()
	r, err := c.PollQR(ctx, tk, locale)
	if err != nil {
		return passport.Session{}, err
	}
	if r.Status != passport.Confirmed {
		return passport.Session{}, fmt.Errorf("poll answered %v, not confirmed", r.Status)
	}
	return c.Complete(ctx, r.Confirmation, locale)
}
