package teatest

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// osc8 is an OSC 8 hyperlink opener or closer. The link around the QR's
// short URL legitimately carries the whole qr_url, ticket and all, just as
// the QR itself does; nothing else may.
var osc8 = regexp.MustCompile("\x1b\\]8;[^\x07\x1b]*(?:\x07|\x1b\\\\)")

// leaks names every secret (or "ticket=") found in text.
func leaks(secrets []string, text string) []string {
	var found []string
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			found = append(found, s[:min(len(s), 6)]+"…")
		}
	}
	if strings.Contains(text, "ticket=") {
		found = append(found, "ticket=")
	}
	return found
}

// collect waits like waitUntil and keeps every screen it saw.
func (a *app) collect(screens *[]string, cond func(string) bool) {
	a.t.Helper()
	a.waitUntil(func(s string) bool {
		*screens = append(*screens, s)
		return cond(s)
	})
}

func has(parts ...string) func(string) bool {
	return func(s string) bool {
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return false
			}
		}
		return true
	}
}

// No cookie value, ticket or qr_url query ever shows: not on any screen
// of a whole run (a transient fault, a refresh, an expiry, a login), not in
// the raw output bar the QR's own hyperlink, not in the summary, not in any
// error or its description.
func TestNoSecretsAnywhere(t *testing.T) {
	t.Parallel()
	t.Run("whole run", func(t *testing.T) {
		a := startApp(t, appOpts{w: 140, h: 40, fake: passporttest.Options{TicketCookie: true, GoURL: passporttest.GoURLTrusted, Name: "Mika", Mid: 42}})
		var screens []string
		a.collect(&screens, has("Scan with the bilibili.tv app"))

		// Retry-After keeps the notice up long enough to be seen for sure
		a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.HTTPStatus, Status: 429, RetryAfter: "1"})
		a.collect(&screens, has("Too many requests — retrying in", "too many requests"))
		a.collect(&screens, func(s string) bool {
			return !strings.Contains(s, "Too many requests") && strings.Contains(s, "Scan with")
		})

		a.key(keyRune('r'))
		a.collect(&screens, func(s string) bool { return len(a.srv.Tickets()) == 2 && strings.Contains(s, "Scan with") })
		a.srv.Expire()
		a.collect(&screens, func(s string) bool { return len(a.srv.Tickets()) == 3 && strings.Contains(s, "Scan with") })
		a.srv.Scan()
		a.collect(&screens, has("Scanned — confirm on your phone"))
		a.srv.Confirm()
		a.collect(&screens, has("Logged in as Mika (mid 42)"))
		res := a.finish()
		screens = append(screens, a.drawnSince(0)...)
		if res.Outcome != model.LoggedIn {
			t.Fatalf("result %+v", res)
		}

		secrets := a.srv.Secrets()
		if len(secrets) < 3+3 { // three tickets, their cookies, the session
			t.Fatalf("only %d secrets handed out; the run did not exercise them", len(secrets))
		}
		a.mu.Lock()
		raw := string(a.fed)
		a.mu.Unlock()
		// the scan can see a secret: the QR's hyperlink holds the ticket
		if len(leaks(a.srv.Tickets(), raw)) == 0 {
			t.Fatal("no ticket in the raw output at all: is the hyperlink scan blind?")
		}
		for i, scr := range screens {
			if l := leaks(secrets, scr); l != nil {
				t.Fatalf("screen %d shows %v:\n%s", i, l, scr)
			}
		}
		if l := leaks(secrets, osc8.ReplaceAllString(raw, "")); l != nil {
			t.Fatalf("raw output outside the QR hyperlink holds %v", l)
		}
		if l := leaks(secrets, res.Summary("netscape")); l != nil {
			t.Fatalf("summary holds %v", l)
		}
	})

	t.Run("failed run", func(t *testing.T) {
		a := startApp(t, appOpts{fake: passporttest.Options{TicketCookie: true}})
		var screens []string
		a.collect(&screens, has("Scan with the bilibili.tv app"))
		a.srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.APICode, Code: -404, Message: "nope"})
		a.collect(&screens, has("Login failed"))
		a.key(keyRune('q'))
		res := a.finish()
		screens = append(screens, a.drawnSince(0)...)
		if res.Outcome != model.Failed || res.Err == nil {
			t.Fatalf("result %+v", res)
		}
		texts := append(screens, res.Summary("netscape"), res.Err.Error())
		for _, s := range texts {
			if l := leaks(a.srv.Secrets(), s); l != nil {
				t.Fatalf("%v in:\n%s", l, s)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		errs, secrets := provokeErrors(t)
		if len(errs) < 10 {
			t.Fatalf("only %d errors provoked", len(errs))
		}
		for _, err := range errs {
			texts := []string{err.Error()}
			for _, l := range passport.Locales {
				texts = append(texts, ui.Describe(l.Code, err))
				texts = append(texts, model.Result{Outcome: model.Failed, Err: err, Locale: l.Code}.Summary("netscape"))
			}
			for _, s := range texts {
				if l := leaks(secrets, s); l != nil {
					t.Errorf("%v in %q", l, s)
				}
			}
		}
	})

	t.Run("binary in tmux", func(t *testing.T) {
		slowBinaryRun(t)
		srv := passporttest.New(passporttest.Options{PlainHTTP: true, TicketCookie: true, GoURL: passporttest.GoURLTrusted, Name: "Mika", Mid: 42})
		t.Cleanup(srv.Close)
		dir := t.TempDir()
		s := startTmux(t, 100, 30, binaryShell(t, dir, srv, "-o "+filepath.Join(dir, "cookies.txt")))
		var screens []string
		screens = append(screens, s.waitText("Scan with the bilibili.tv app", "Expires in"))
		s.keys("r")
		screens = append(screens, s.waitFor("a new code", func(scr string) bool {
			return len(srv.Tickets()) == 2 && strings.Contains(scr, "Expires in")
		}))
		srv.Confirm()
		screens = append(screens, s.waitText("Logged in as Mika (mid 42)"))
		if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "0" {
			t.Fatalf("exit status %s, want 0", code)
		}
		all := s.run("capture-pane", "-p", "-J", "-S", "-", "-t", "main") // with the scrollback
		if !strings.Contains(strings.ReplaceAll(all, "\n", ""), "Logged in to bilibili.tv as Mika") {
			t.Fatalf("no summary in the scrollback:\n%s", all)
		}
		for _, scr := range append(screens, all) {
			if l := leaks(srv.Secrets(), scr); l != nil {
				t.Fatalf("%v in:\n%s", l, scr)
			}
		}
	})
}

// provokeErrors makes the client fail every way it can against the fake,
// with a live ticket in hand, and returns the errors and the fakes'
// secrets.
func provokeErrors(t *testing.T) ([]error, []string) {
	t.Helper()
	var errs []error
	var secrets []string
	ctx := context.Background()
	newFake := func(o passporttest.Options) (*passporttest.Server, *passport.Client) {
		srv := passporttest.New(o)
		t.Cleanup(srv.Close)
		// a fresh connection per request: each queued fault is then one
		// failure, not hidden by net/http's retry on a reused connection
		hc := srv.Client()
		hc.Transport.(*http.Transport).DisableKeepAlives = true
		return srv, client(t, srv.PassportURL(), srv.APIURL(), srv.TrustedHosts(), hc)
	}

	srv, c := newFake(passporttest.Options{TicketCookie: true})
	tk, err := c.RequestTicket(ctx, "en_US")
	if err != nil {
		t.Fatal(err)
	}
	kinds := []passporttest.Fault{
		{Kind: passporttest.HTTPStatus, Status: 412}, {Kind: passporttest.HTTPStatus, Status: 429, RetryAfter: "3"},
		{Kind: passporttest.HTTPStatus, Status: 503}, {Kind: passporttest.HTMLPage}, {Kind: passporttest.TruncatedJSON},
		{Kind: passporttest.WrongTypes}, {Kind: passporttest.HugeBody}, {Kind: passporttest.CloseConn},
		{Kind: passporttest.APICode, Code: 86090, Message: "\x1b[31mred\x1b[0m"},
	}
	for _, f := range kinds {
		for _, ep := range []string{passporttest.EndpointPoll, passporttest.EndpointTicket} {
			if ep == passporttest.EndpointPoll && f.Kind == passporttest.WrongTypes {
				continue // its code is "0": a confirmed login whatever its data (the site's bundle), not an error
			}
			f.Endpoint = ep
			srv.Fail(f)
			var err error
			if ep == passporttest.EndpointPoll {
				_, err = c.PollQR(ctx, tk, "en_US")
			} else {
				_, err = c.RequestTicket(ctx, "en_US")
			}
			if err == nil {
				t.Fatalf("fault %v on %s: no error", f.Kind, ep)
			}
			errs = append(errs, err)
		}
	}
	// a poll cancelled in flight
	srv.Fail(passporttest.Fault{Endpoint: passporttest.EndpointPoll, Kind: passporttest.Hang})
	cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	if _, err := c.PollQR(cctx, tk, "en_US"); err != nil {
		errs = append(errs, err)
	} else {
		t.Fatal("a hung poll did not fail")
	}
	cancel()

	// the network failing under a poll of the live ticket
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String()
	l.Close()
	dnsFail := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host", Name: "passport.bilibili.tv", IsNotFound: true}
	}}
	for _, bad := range []*passport.Client{
		client(t, closed, closed, nil, &http.Client{Transport: &http.Transport{}}),
		client(t, srv.PassportURL(), srv.APIURL(), srv.TrustedHosts(), &http.Client{Transport: dnsFail}),
		client(t, srv.PassportURL(), srv.APIURL(), srv.TrustedHosts(), &http.Client{Transport: &http.Transport{}}), // unknown CA
	} {
		_, err := bad.PollQR(ctx, tk, "en_US")
		if err == nil {
			t.Fatal("a broken network gave no error")
		}
		errs = append(errs, err)
	}
	secrets = append(secrets, srv.Secrets()...)

	// completions that go wrong after a confirmation: an untrusted
	// redirect, a session the gateway rejects
	for _, o := range []passporttest.Options{
		{CookiesVia: passporttest.ViaRedirects, RedirectUntrusted: true, GoURL: passporttest.GoURLTrusted},
		{GoURL: passporttest.GoURLUntrusted},
		{User: passporttest.UserNotLoggedIn},
	} {
		srv, c := newFake(o)
		tk, err := c.RequestTicket(ctx, "en_US")
		if err != nil {
			t.Fatal(err)
		}
		srv.Confirm()
		r, err := c.PollQR(ctx, tk, "en_US")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Complete(ctx, r.Confirmation, "en_US"); err != nil {
			errs = append(errs, err)
		}
		secrets = append(secrets, srv.Secrets()...)
	}
	return errs, secrets
}

func client(t *testing.T, passportURL, apiURL string, trusted []string, hc *http.Client) *passport.Client {
	t.Helper()
	c, err := passport.New(passport.Options{PassportURL: passportURL, APIURL: apiURL, TrustedHosts: trusted, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
