package passport

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const (
	maxBody      = 1 << 20  // largest JSON reply read
	maxDrain     = 64 << 10 // most of an unwanted body read so the connection can be reused
	maxRedirects = 8        // PROTOCOL.md "Hosts and trust"
	maxMessage   = 200      // runes of server text kept in an APIError
	maxName      = 64       // runes of an account name

	defaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " +
		"(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

	pathTicket = "/x/intl/passport-login/qrcode/auth/url"
	pathPoll   = "/x/intl/passport-login/qrcode/auth/fetch"
	pathSSO    = "/x/intl/passport-login/web/sso/list"
	pathExit   = "/x/intl/passport-login/web/login/exit"
	pathUser   = "/intl/gateway/web/v2/user"

	opTicket = "qrcode/auth/url"
	opPoll   = "qrcode/auth/fetch"
	opSSO    = "web/sso/list"
	opTarget = "sso target"
	opGoURL  = "go_url"
	opUser   = "web/v2/user"
	opExit   = "login/exit"
)

// Options configures a Client. The zero value talks to the real service.
type Options struct {
	PassportURL string // "" = DefaultPassportURL
	APIURL      string // "" = DefaultAPIURL
	// HTTPClient does the requests; nil = a client with sane timeouts that
	// honours the proxy environment. Its Jar and CheckRedirect are ignored:
	// the Client keeps its own jar and checks every redirect itself.
	HTTPClient *http.Client
	// TrustedHosts are extra hosts that may be requested and hold cookies
	// (tests): "host" (any port) or "host:port". Plain http only for loopback.
	TrustedHosts []string
	UserAgent    string           // "" = a browser-like UA
	Now          func() time.Time // nil = time.Now; used for cookie expiry
	// Trace, if set, is told of every answer: for a bug report against the
	// real service (the live login test). It never carries a secret.
	Trace func(TraceEvent)
	// Rand is where the buvid3 device cookie's randomness comes from; nil =
	// crypto/rand. Tests inject it to assert a deterministic value.
	Rand io.Reader
	// Platform is the QR login's platform parameter (ticket and poll); ""
	// = web, as the site. Only the live test sets it ("tv"), to see what
	// a platform=tv code-0 reply holds (PROTOCOL.md "Open questions").
	Platform string
}

// TraceEvent is one answer the client got, described without secrets: no
// URL, no ticket, no cookie value.
type TraceEvent struct {
	Op      string        // e.g. "qrcode/auth/fetch"
	Method  string        // GET, POST
	Host    string        // host[:port] asked (see hostOf)
	Path    string        // the URL's path (no query)
	Query   []string      // the names of the query parameters, sorted: never their values
	Proxy   string        // the proxy's host:port, when the request went through one
	Sent    []string      // names of the cookies the request carried
	Elapsed time.Duration // from sending to the reply's header (or the failure)
	Status  int           // HTTP status, 0 when no answer came
	Code    int           // the envelope's code, when HasCode
	HasCode bool          // the reply was a JSON envelope
	IsLogin string        // v2/user: data.is_login as sent ("true", "false", "" when absent)
	Cookies []string      // names of the cookies the reply set
	Err     string        // why there was no usable answer (no secrets)
	// SentDevice: the request carried a buvid3; SetDevice: the reply set
	// one of its own.
	SentDevice, SetDevice bool
	// SessionExpires is when the SESSDATA the reply set expires (zero when
	// it set none, or a session cookie).
	SessionExpires time.Time
	// DataFields are the names (never values) of the fields of data on a
	// code-0 poll, v2/user or member/web/account reply.
	DataFields []string
}

// Client talks to the passport and gateway hosts with one cookie jar for the
// whole login. It is safe for concurrent use.
type Client struct {
	passport *url.URL
	api      *url.URL
	hc       *http.Client
	trust    *trustSet
	jar      *jar
	ua       string
	now      func() time.Time
	trace    func(TraceEvent)
	rand     io.Reader
	platform url.Values // the QR login's platform, when not web
	// deviceOnce guards the one look for a buvid3 before the first request.
	deviceOnce sync.Once
}

// New checks the options and builds a Client. Base URLs must be https, or
// http on a loopback host (tests); their hosts join the trusted set.
func New(opts Options) (*Client, error) {
	c := &Client{trust: newTrustSet(), ua: opts.UserAgent, now: opts.Now, trace: opts.Trace, rand: opts.Rand}
	if opts.Platform != "" {
		c.platform = url.Values{"platform": {opts.Platform}}
	}
	if c.ua == "" {
		c.ua = defaultUserAgent
	}
	if c.now == nil {
		c.now = time.Now
	}
	var err error
	if c.passport, err = baseURL("PassportURL", opts.PassportURL, DefaultPassportURL); err != nil {
		return nil, err
	}
	if c.api, err = baseURL("APIURL", opts.APIURL, DefaultAPIURL); err != nil {
		return nil, err
	}
	c.trust.addURL(c.passport)
	c.trust.addURL(c.api)
	for _, h := range opts.TrustedHosts {
		c.trust.addHost(h)
	}
	c.jar = newJar(c.trust, c.now)

	var hc http.Client
	if opts.HTTPClient != nil {
		hc = *opts.HTTPClient
	} else {
		hc = http.Client{Transport: defaultTransport(), Timeout: 20 * time.Second}
	}
	hc.Jar = nil
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if hc.Transport == nil {
		// the default transport, named, so that proxyFor can ask it
		hc.Transport = http.DefaultTransport
	}
	c.hc = &hc
	return c, nil
}

func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          8,
		MaxIdleConnsPerHost:   1, // the flow is sequential: one kept-alive connection per host
		IdleConnTimeout:       90 * time.Second,
	}
}

// OptionError is an Options field New cannot use. Field names the field
// ("PassportURL", "APIURL"), so that a caller can name its own flag for it.
type OptionError struct {
	Field  string
	Reason string // "must be https (http only for loopback hosts)"
}

func (e *OptionError) Error() string { return "passport: " + e.Field + " " + e.Reason }

func baseURL(field, s, def string) (*url.URL, error) {
	if s == "" {
		s = def
	}
	bad := func(reason string) (*url.URL, error) { return nil, &OptionError{Field: field, Reason: reason} }
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Hostname() == "" || u.Opaque != "" {
		return bad("is not an absolute URL")
	}
	if u.User != nil {
		return bad("must not hold user info")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return bad("must be https (http only for loopback hosts)")
		}
	default:
		return bad("must be https (http only for loopback hosts)")
	}
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	return u, nil
}

// endpoint builds base+path with s_locale, platform and extra query values
// (escaped by url.Values: a ticket is opaque).
func endpoint(base *url.URL, path, locale string, extra url.Values) *url.URL {
	q := url.Values{}
	for k, v := range extra {
		q[k] = v
	}
	if locale == "" {
		locale = DefaultLocale
	}
	q.Set("s_locale", locale)
	if q.Get("platform") == "" {
		q.Set("platform", "web")
	}
	u := *base
	u.Path = strings.TrimRight(base.Path, "/") + path
	u.RawPath = ""
	u.RawQuery = q.Encode()
	return &u
}

func acceptLanguage(locale string) string {
	if l, ok := LookupLocale(locale); ok && l.AcceptLanguage != "" {
		return l.AcceptLanguage
	}
	return "en-US"
}

// Cookies lists every kept cookie with its attributes, ordered by domain,
// path and name; expired ones are dropped.
func (c *Client) Cookies() []Cookie { return c.jar.all() }

// LoadCookies seeds the jar from a saved session. Expired cookies, malformed
// ones and ones for domains outside the trusted set are skipped.
//
// Cookies that name no domain (read from a header-format file, which keeps
// only name=value pairs) are taken as cookies of the passport's site, so a
// session saved with -format header can still be checked and logged out.
func (c *Client) LoadCookies(cs []Cookie) {
	domain, hostOnly := c.siteDomain()
	filled := make([]Cookie, len(cs))
	for i, ck := range cs {
		if strings.TrimSpace(ck.Domain) == "" {
			ck.Domain, ck.HostOnly = domain, hostOnly
		}
		filled[i] = ck
	}
	c.jar.load(filled)
}
