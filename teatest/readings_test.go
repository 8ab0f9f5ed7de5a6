package teatest

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// Nothing here can reach bilibili.tv, so the app is run whole against every
// reading of the service that PROTOCOL.md marks [inferred]: passing only
// against the documented one would prove little about the real service.

// outcome is how a reading must end.
type outcome int

const (
	loginOK     outcome = iota // logged in, saved, exit 0
	notLoggedIn                // "did not complete", nothing saved, exit 1
	noTicket                   // qr_url without a ticket: a clear error, exit 1
	noSession                  // confirmed, but no session cookie arrived: "sent no session", exit 1
)

type reading struct {
	name string
	fake passporttest.Options
	want outcome
	// qrScreen and doneScreen are extra texts the QR and done screens show.
	qrScreen, doneScreen []string
	// check runs after the run with what was saved (nil when nothing was).
	check func(t *testing.T, srv *passporttest.Server, s *passport.Session)
}

func readings() []reading {
	type opts = passporttest.Options
	hops := func(n int) func(*testing.T, *passporttest.Server, *passport.Session) {
		return func(t *testing.T, srv *passporttest.Server, _ *passport.Session) {
			if got := srv.Count(passporttest.EndpointRedirect); got != n {
				t.Errorf("%d redirect hops requested, want %d", got, n)
			}
		}
	}
	return []reading{
		// The envelope.
		{name: "documented", fake: opts{}},
		{name: "qr_type number", fake: opts{QRTypeNumber: true}},
		{name: "data null on non-zero codes", fake: opts{NonZeroData: passporttest.DataNull}},
		{name: "data {} on non-zero codes", fake: opts{NonZeroData: passporttest.DataEmptyObject}},
		{name: "extra fields everywhere", fake: opts{ExtraFields: true}},
		{name: "ttl missing", fake: opts{OmitTTL: true}},
		{name: "envelope all odd", fake: opts{QRTypeNumber: true, NonZeroData: passporttest.DataNull, ExtraFields: true, OmitTTL: true, TicketCookie: true}},

		// Where the session cookies come from.
		{name: "cookies via go_url", fake: opts{CookiesVia: passporttest.ViaGoURL, GoURL: passporttest.GoURLTrusted},
			check: func(t *testing.T, srv *passporttest.Server, _ *passport.Session) {
				if srv.CountAt(passporttest.HostPassport, passporttest.EndpointGo) != 1 {
					t.Error("go_url not followed exactly once")
				}
			}},
		{name: "cookies via go_url, sso/list -101 first", fake: opts{CookiesVia: passporttest.ViaGoURL, SSOListNotLoggedInFirst: true, ExtraFields: true},
			check: func(t *testing.T, srv *passporttest.Server, _ *passport.Session) {
				if srv.Count(passporttest.EndpointSSO) != 2 || srv.Count(passporttest.EndpointGo) != 1 {
					t.Errorf("sso/list %d times, go_url %d times; want 2 and 1",
						srv.Count(passporttest.EndpointSSO), srv.Count(passporttest.EndpointGo))
				}
			}},
		// dorothy copies the pairs in go_url into a Cookie header as they are.
		{name: "cookies as raw pairs in go_url", fake: opts{CookiesVia: passporttest.ViaGoURL, GoURL: passporttest.GoURLCookiePairsRaw},
			check: func(t *testing.T, srv *passporttest.Server, _ *passport.Session) {
				// The pairs alone must do: following the go_url would have
				// set the cookies another way.
				if n := srv.Count(passporttest.EndpointGo); n != 0 {
					t.Errorf("go_url requested %d times; the pairs in it should have sufficed", n)
				}
			}},
		// Query-escaped pairs read raw are not a session; following the
		// go_url then still completes the login.
		{name: "cookies as escaped pairs in go_url", fake: opts{CookiesVia: passporttest.ViaGoURL, GoURL: passporttest.GoURLCookiePairs}},
		{name: "cookies via SSO on two trusted hosts", fake: opts{CookiesVia: passporttest.ViaSSO}, check: secondHostCookie},
		{name: "cookies via relative SSO URL", fake: opts{CookiesVia: passporttest.ViaSSO, SSORelative: true}, check: secondHostCookie},
		{name: "cookies via SSO, first target fails", fake: opts{CookiesVia: passporttest.ViaSSO, SSOFailingTarget: true}, check: secondHostCookie},
		{name: "cookies via 3 redirects from go_url", fake: opts{CookiesVia: passporttest.ViaRedirects, GoURL: passporttest.GoURLTrusted}, check: hops(3)},
		{name: "cookies via 8 redirects from go_url", fake: opts{CookiesVia: passporttest.ViaRedirects, GoURL: passporttest.GoURLTrusted, RedirectHops: 8}, check: hops(8)},
		{name: "cookies via 8 redirects from an SSO target", fake: opts{CookiesVia: passporttest.ViaRedirects, RedirectHops: 8, SSORelative: true}, check: hops(8)},
		// A ninth redirect is not followed, so the cookies never come and
		// verification says so.
		{name: "9 redirects: stops following", fake: opts{CookiesVia: passporttest.ViaRedirects, GoURL: passporttest.GoURLTrusted, RedirectHops: 9},
			want: noSession, check: hops(8)},
		{name: "redirect to an untrusted host", fake: opts{CookiesVia: passporttest.ViaRedirects, GoURL: passporttest.GoURLTrusted, RedirectUntrusted: true},
			want: noSession},

		// go_url and sso/list.
		// The site's flow (its bundle): a session the poll set is verified and kept
		// as it is; a trusted go_url is not followed and sso/list not asked.
		{name: "go_url trusted, cookies on the poll", fake: opts{GoURL: passporttest.GoURLTrusted},
			check: func(t *testing.T, srv *passporttest.Server, _ *passport.Session) {
				if n, m := srv.Count(passporttest.EndpointGo), srv.Count(passporttest.EndpointSSO); n != 0 || m != 0 {
					t.Errorf("go_url requested %d times, sso/list %d times; the poll's session verified", n, m)
				}
			}},
		{name: "go_url untrusted", fake: opts{GoURL: passporttest.GoURLUntrusted}},
		// BBDownT would give up here (sso/list never answers 0); biliqr trusts
		// verification.
		{name: "go_url untrusted, sso/list always -101", fake: opts{GoURL: passporttest.GoURLUntrusted, SSOListNotLoggedInFirst: true}},
		{name: "anonymous v2/user answers code 0", fake: opts{CookiesVia: passporttest.ViaGoURL, AnonymousCode0: true}},
		{name: "verify rotates SESSDATA", fake: opts{RotateOnVerify: true, CookiesVia: passporttest.ViaSSO}},

		// v2/user.
		// The account is still known from the poll's reply (and DedeUserID):
		// the done screen must not claim "mid 0".
		{name: "v2/user with only is_login", fake: opts{User: passporttest.UserIsLoginOnly},
			doneScreen: []string{"mid 1709658507"},
			check: func(t *testing.T, _ *passporttest.Server, s *passport.Session) {
				if s.Mid != passporttest.DefaultMid {
					t.Errorf("saved account mid %d, want %d from the poll's reply", s.Mid, passporttest.DefaultMid)
				}
			}},
		{name: "v2/user name under other keys", fake: opts{User: passporttest.UserNameOtherKeys, Name: "Mika Ōta", Mid: 42},
			doneScreen: []string{"Logged in as Mika Ōta (mid 42)"}},
		{name: "v2/user is_login false with cookies", fake: opts{User: passporttest.UserNotLoggedIn}, want: notLoggedIn},
		{name: "v2/user is_login false, cookies via SSO", fake: opts{User: passporttest.UserNotLoggedIn, CookiesVia: passporttest.ViaSSO}, want: notLoggedIn},

		// Cookie attributes.
		{name: "cookies with Domain", fake: opts{CookieDomain: true}},
		{name: "session cookies (no Expires)", fake: opts{CookieExpiry: passporttest.ExpirySession}},
		{name: "Max-Age instead of Expires", fake: opts{CookieExpiry: passporttest.ExpiryMaxAge}},
		{name: "no Secure, no HttpOnly", fake: opts{NoSecure: true, NoHTTPOnly: true}},
		{name: "foreign-domain cookie", fake: opts{ForeignDomainCookie: true}},
		{name: "all attributes odd, via redirects", fake: opts{CookiesVia: passporttest.ViaRedirects, GoURL: passporttest.GoURLTrusted,
			CookieDomain: true, CookieExpiry: passporttest.ExpiryMaxAge, NoSecure: true, NoHTTPOnly: true, ForeignDomainCookie: true}},
		{name: "session cookies via SSO with Domain and a foreign one", fake: opts{CookiesVia: passporttest.ViaSSO,
			CookieDomain: true, CookieExpiry: passporttest.ExpirySession, ForeignDomainCookie: true}},

		// qr_url.
		{name: "qr_url without a ticket", fake: opts{QRURLNoTicket: true}, want: noTicket},
		{name: "qr_url on an unexpected host", fake: opts{QRURLHost: "qr.example.net"},
			qrScreen: []string{"unexpected host", "qr.example.net"}},
	}
}

// secondHostCookie: the SSO target on the second trusted host (standing in
// for *.biliintl.com) was visited and its cookie kept.
func secondHostCookie(t *testing.T, srv *passporttest.Server, s *passport.Session) {
	t.Helper()
	if srv.CountAt(passporttest.HostSecond, passporttest.EndpointSSOTarget) == 0 {
		t.Error("the second host's SSO target was never visited")
	}
	for _, c := range s.Cookies {
		if c.Name == passporttest.CookieSecond {
			return
		}
	}
	t.Errorf("the second host's cookie was not saved: %v", s.Cookies)
}

// TestReadings runs the whole app, from the QR to the saved session,
// against each reading of the service.
func TestReadings(t *testing.T) {
	t.Parallel()
	for _, rd := range readings() {
		t.Run(rd.name, func(t *testing.T) {
			t.Parallel()
			runReading(t, rd)
		})
	}
}

func runReading(t *testing.T, rd reading) {
	// Wide enough that no message wraps. The done screen stays until a key:
	// left to close by itself, the program may leave the alternate screen
	// in the same output chunk as the done frame, and the emulator would
	// then never show it.
	// The tickets are pinned because the layout at 120×40 depends on them:
	// about one in 45 encodes small enough to be drawn at two columns per
	// module, which narrows the text column to 40.
	fake := rd.fake
	if fake.TicketIDs == nil {
		fake.TicketIDs = fixedTickets
	}
	a := startApp(t, appOpts{fake: fake, w: 120, h: 40, config: func(c *model.Config) {
		c.AutoQuitAfter = time.Hour
	}})
	srv := a.srv
	var last string
	switch rd.want {
	case noTicket:
		// Waiting for the reason, not the headline, so an app that keeps
		// retrying fails here at once instead of after a timeout.
		last = a.waitScreen("holds no ticket")
		if !strings.Contains(last, "Login failed") || strings.Contains(last, "retrying") {
			t.Errorf("a qr_url without a ticket is not a plain failure; screen:\n%s", last)
		}
		a.key(keyRune('q'))
	default:
		// Extra texts are checked on the screen that first shows the
		// headline, so a missing one fails at once, not after a timeout.
		qr := a.waitScreen("Scan with the bilibili.tv app")
		screenHas(t, "QR", qr, rd.qrScreen)
		srv.Scan()
		a.waitScreen("Scanned")
		srv.Confirm()
		switch rd.want {
		case notLoggedIn:
			last = a.waitScreen("Login failed", "did not complete", "Nothing was saved")
			a.key(keyRune('q'))
		case noSession:
			last = a.waitScreen("Login failed", "confirmed the login but sent no session", "r try again")
			a.key(keyRune('q'))
		default:
			last = a.waitScreen("Logged in as")
			screenHas(t, "done", last, rd.doneScreen)
			a.key(keyEnter)
		}
	}
	res := a.finish()

	wantExit := 0
	if rd.want != loginOK {
		wantExit = 1
	}
	if int(res.ExitCode()) != wantExit {
		t.Errorf("exit %d, want %d (%+v)", res.ExitCode(), wantExit, res)
	}
	noUntrustedContact(t, srv)
	noSecretsShown(t, srv, string(a.fed), last)

	var saved *passport.Session
	select {
	case s := <-a.saved:
		saved = &s
	default:
	}
	if rd.want != loginOK {
		if saved != nil {
			t.Fatalf("a failed login saved a session: %v", saved.Cookies)
		}
		if rd.check != nil {
			rd.check(t, srv, nil)
		}
		return
	}
	if saved == nil {
		t.Fatal("logged in but nothing saved")
	}
	checkSession(t, rd, srv, saved)
	if rd.check != nil {
		rd.check(t, srv, saved)
	}
}

func screenHas(t *testing.T, which, screen string, parts []string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(screen, p) {
			t.Errorf("%s screen lacks %q:\n%s", which, p, screen)
		}
	}
}

// noUntrustedContact: the untrusted host saw no request and no connection,
// so it was never sent a cookie either.
func noUntrustedContact(t *testing.T, srv *passporttest.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.Host == passporttest.HostUntrusted {
			t.Errorf("untrusted host got %s %s", r.Method, r.Path)
		}
	}
	if n := srv.Conns(passporttest.HostUntrusted); n != 0 {
		t.Errorf("untrusted host got %d connections", n)
	}
}

// noSecretsShown: no cookie value or nonce was ever written to the
// terminal, and no ticket is readable on the final screen (the ticket does
// travel in the QR and in its OSC 8 link, by design).
func noSecretsShown(t *testing.T, srv *passporttest.Server, raw, screen string) {
	t.Helper()
	tickets := map[string]bool{}
	for _, id := range srv.Tickets() {
		tickets[id] = true
	}
	for _, s := range srv.Secrets() {
		if strings.Contains(screen, s) || (!tickets[s] && strings.Contains(raw, s)) {
			t.Fatal("a secret (ticket, cookie value or nonce) reached the terminal")
		}
	}
}

// checkSession: the saved session is the one the fake handed out, with the
// attributes the reading gave it, and nothing from outside the trusted set.
func checkSession(t *testing.T, rd reading, srv *passporttest.Server, s *passport.Session) {
	t.Helper()
	o := rd.fake
	byName := map[string]passport.Cookie{}
	var header []string
	for _, c := range s.Cookies {
		if c.Name == passporttest.CookieForeign || c.Domain == "evil.example" {
			t.Errorf("foreign-domain cookie saved: %v", c)
		}
		byName[c.Name] = c
		header = append(header, c.Name+"="+c.Value)
	}
	if !srv.SessionValid(strings.Join(header, "; ")) {
		t.Error("the saved cookies are not a valid session on the fake")
	}
	passportHost := strings.TrimPrefix(srv.PassportURL(), "https://")
	passportHost = passportHost[:strings.LastIndex(passportHost, ":")]
	wantUser := "1709658507"
	if o.Mid != 0 {
		wantUser = strconv.FormatInt(o.Mid, 10)
	}
	now := time.Now()
	for _, name := range []string{passporttest.CookieSESSDATA, passporttest.CookieBiliJct, passporttest.CookieUserID} {
		c, ok := byName[name]
		switch {
		case !ok:
			t.Errorf("%s not saved", name)
			continue
		case c.Value == "":
			t.Errorf("%s saved empty", name)
		case name == passporttest.CookieUserID && c.Value != wantUser:
			t.Errorf("DedeUserID %q, want %q", c.Value, wantUser)
		}
		// Cookies ignore ports, and an IP host may only name itself: every
		// session cookie belongs to the passport host, host-only.
		if c.Domain != passportHost || !c.HostOnly || c.Path != "/" {
			t.Errorf("%s: domain %q host-only %v path %q", name, c.Domain, c.HostOnly, c.Path)
		}
		if o.GoURL == passporttest.GoURLCookiePairsRaw {
			// Pairs carry no attributes: the client gives them safe ones.
			if !c.Secure || c.HTTPOnly != (name == passporttest.CookieSESSDATA) {
				t.Errorf("%s from go_url pairs: secure %v httponly %v", name, c.Secure, c.HTTPOnly)
			}
			continue
		}
		if c.Secure != !o.NoSecure {
			t.Errorf("%s: secure %v, reading says %v", name, c.Secure, !o.NoSecure)
		}
		wantHTTPOnly := name == passporttest.CookieSESSDATA && !o.NoHTTPOnly
		if c.HTTPOnly != wantHTTPOnly {
			t.Errorf("%s: httponly %v, want %v", name, c.HTTPOnly, wantHTTPOnly)
		}
		switch o.CookieExpiry {
		case passporttest.ExpirySession:
			if !c.Expires.IsZero() {
				t.Errorf("%s: a session cookie saved with expiry %v", name, c.Expires)
			}
		default: // Expires or Max-Age: about 180 days from now
			if d := c.Expires.Sub(now) - passporttest.CookieLifetime; d < -time.Minute || d > time.Minute {
				t.Errorf("%s: expires %v, want about now+%v", name, c.Expires, passporttest.CookieLifetime)
			}
		}
	}
	if o.User == passporttest.UserDocumented || o.User == passporttest.UserNameOtherKeys {
		wantName := o.Name
		if wantName == "" {
			wantName = passporttest.DefaultName
		}
		if s.Name != wantName {
			t.Errorf("account name %q, want %q", s.Name, wantName)
		}
	}
}
