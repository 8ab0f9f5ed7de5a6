package passport_test

import (
	"context"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// Over a whole login with the client's own transport, every request to a
// host rides one kept-alive connection, counted where they arrive.
func TestOneConnectionPerHost(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, CookiesVia: passporttest.ViaSSO})
	t.Cleanup(srv.Close)
	opts := srv.ClientOptions()
	opts.HTTPClient = nil // the client's own transport is what is measured
	c, err := passport.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tk, err := c.RequestTicket(ctx, "en_US")
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := c.PollQR(ctx, tk, "en_US"); err != nil {
			t.Fatal(err)
		}
	}
	srv.Scan()
	for range 3 {
		if _, err := c.PollQR(ctx, tk, "en_US"); err != nil {
			t.Fatal(err)
		}
	}
	srv.Confirm()
	r, err := c.PollQR(ctx, tk, "en_US")
	if err != nil || r.Status != passport.Confirmed {
		t.Fatalf("%v %v", r.Status, err)
	}
	if _, err := c.Complete(ctx, r.Confirmation, "en_US"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Verify(ctx, "en_US"); err != nil {
		t.Fatal(err)
	}
	reqs := map[string]int{}
	for _, r := range srv.Requests() {
		reqs[r.Host]++
	}
	for _, h := range []string{passporttest.HostPassport, passporttest.HostAPI, passporttest.HostSecond} {
		if reqs, conns := reqs[h], srv.Conns(h); reqs == 0 || conns != 1 {
			t.Errorf("%s: %d requests over %d connections, want one connection", h, reqs, conns)
		}
	}
	if n := srv.Count(passporttest.EndpointTicket); n != 1 {
		t.Errorf("%d ticket requests for one QR", n)
	}
}
