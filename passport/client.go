package passport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
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

// send does one request to a trusted URL with the jar's cookies and stores
// the cookies of the answer. The caller owns the body. Errors never carry
// the URL: it may hold a ticket or a csrf token.
func (c *Client) send(ctx context.Context, op, method string, u *url.URL, locale string) (*http.Response, error) {
	if !c.trust.trustedURL(u) {
		return nil, &UnexpectedReplyError{Op: op, Reason: "refused to contact an untrusted host", Permanent: true}
	}
	c.ensureDevice()
	var body io.Reader
	if method == http.MethodPost {
		body = http.NoBody
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, &UnexpectedReplyError{Op: op, Reason: "cannot build the request"}
	}
	h := req.Header
	h.Set("User-Agent", c.ua)
	h.Set("Accept", "application/json")
	h.Set("Accept-Language", acceptLanguage(locale))
	h.Set("Referer", "https://www.bilibili.tv/")
	h.Set("Origin", "https://www.bilibili.tv")
	if method == http.MethodPost {
		h.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if ck := c.jar.header(u); ck != "" {
		h.Set("Cookie", ck)
	}
	began := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		host, proxy := hostOf(u), c.proxyFor(req)
		if cerr := ctx.Err(); cerr != nil {
			return nil, &cancelledAt{op: op, host: host, proxy: proxy, err: cerr}
		}
		// url.Error prints the URL, ticket included: keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		ev := requestEvent(op, req, began)
		ev.Err, ev.Proxy = err.Error(), proxy
		c.traceEvent(ev)
		if reason := malformedReply(err); reason != "" {
			// The reply arrived; it is the reply that is wrong, not the
			// network. Garbled, so asked again as a garbled body would be.
			return nil, &UnexpectedReplyError{Op: op, Reason: reason}
		}
		return nil, &TransportError{Op: op, Err: err, Host: host, Proxy: proxy}
	}
	resp.Request = resp.Request.WithContext(context.WithValue(resp.Request.Context(), beganKey{}, began))
	c.jar.setCookies(u, resp.Cookies())
	return resp, nil
}

// traceEvent reports ev to Options.Trace, if any.
func (c *Client) traceEvent(ev TraceEvent) {
	if c.trace != nil {
		c.trace(ev)
	}
}

// drainClose reads a little of what is left so the connection can be kept
// alive, then closes the body.
func drainClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	_ = resp.Body.Close()
}

func (c *Client) statusError(op string, resp *http.Response) error {
	te := &TransportError{
		Op:         op,
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
	}
	if resp.Request != nil {
		te.Host, te.Proxy = hostOf(resp.Request.URL), c.proxyFor(resp.Request)
	}
	return te
}

// hostOf is u's host as a person would type it: the port only when it
// is not the scheme's own.
func hostOf(u *url.URL) string {
	host, port := u.Hostname(), u.Port()
	if port == "" || (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		return host
	}
	return net.JoinHostPort(host, port)
}

// proxyFor is the proxy req goes through (host:port, never its user info),
// "" for none or when the transport is not one whose proxy can be asked.
func (c *Client) proxyFor(req *http.Request) string {
	t, ok := c.hc.Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return ""
	}
	p, err := t.Proxy(req)
	if err != nil || p == nil {
		return ""
	}
	return SanitizeText(p.Host, 255)
}

// parseRetryAfter reads delay-seconds or an HTTP-date (RFC 9110 §10.2.3),
// capped at a day so a silly value cannot stall the app forever.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	const maxWait = 24 * time.Hour
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(maxWait/time.Second) {
			return maxWait
		}
		return time.Duration(n) * time.Second
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	d := t.Sub(now)
	if d < 0 {
		return 0
	}
	return min(d, maxWait)
}

// callJSON does one request and decodes the reply envelope.
func (c *Client) callJSON(ctx context.Context, op, method string, u *url.URL, locale string) (envelope, error) {
	resp, err := c.send(ctx, op, method, u, locale)
	if err != nil {
		return envelope{}, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		drainClose(resp)
		c.traceEvent(c.replyEvent(op, resp))
		return envelope{}, c.statusError(op, resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		_ = resp.Body.Close()
		if cerr := ctx.Err(); cerr != nil {
			return envelope{}, fmt.Errorf("%s: %w", op, cerr)
		}
		return envelope{}, &TransportError{Op: op, Err: err}
	}
	if len(body) > maxBody {
		_ = resp.Body.Close() // not worth draining: the connection goes
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply too large"}
	}
	drainClose(resp)
	env, err := decodeEnvelope(op, body)
	c.traceJSON(op, resp, env, err)
	return env, err
}

// envelope is the {code, message, ttl, data} wrapper of every JSON reply.
type envelope struct {
	Code    int
	Message string          // sanitized
	Data    json.RawMessage // nil when missing or null
}

// decodeEnvelope parses a reply body. ttl and unknown fields are ignored;
// code must be an integer (a numeric string is tolerated).
func decodeEnvelope(op string, body []byte) (envelope, error) {
	b := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	switch {
	case len(b) == 0:
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "empty reply"}
	case b[0] == '<':
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is an HTML page, not JSON"}
	case b[0] != '{':
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is not a JSON object"}
	}
	var raw struct {
		Code    json.RawMessage `json:"code"`
		Message json.RawMessage `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply is not valid JSON"}
	}
	code, ok := jsonInt(raw.Code)
	if !ok || code < math.MinInt32 || code > math.MaxInt32 {
		return envelope{}, &UnexpectedReplyError{Op: op, Reason: "reply has no integer code"}
	}
	env := envelope{Code: int(code)}
	env.Message = SanitizeText(jsonString(raw.Message), maxMessage)
	if d := bytes.TrimSpace(raw.Data); len(d) > 0 && !bytes.Equal(d, []byte("null")) {
		env.Data = d
	}
	return env, nil
}

func (e envelope) apiError(op string) error {
	return &APIError{Op: op, Code: e.Code, Message: e.Message}
}

// jsonInt reads an integer from a JSON number or numeric string.
func jsonInt(raw json.RawMessage) (int64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0, false
	}
	s := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	// 1.7e9 or 12.0: integral floats within the exact range of float64.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
		return int64(f), true
	}
	return 0, false
}

// jsonString returns raw's string value, or "" for anything else.
func jsonString(raw json.RawMessage) string {
	var s string
	if len(raw) == 0 || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// jsonObject decodes raw as an object, ok=false for anything else.
func jsonObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	return m, true
}

// lookup walks nested objects: lookup(m, "user", "name").
func lookup(m map[string]json.RawMessage, keys ...string) json.RawMessage {
	for i, k := range keys {
		v, ok := m[k]
		if !ok {
			return nil
		}
		if i == len(keys)-1 {
			return v
		}
		if m, ok = jsonObject(v); !ok {
			return nil
		}
	}
	return nil
}

// ParseTicket returns the ticket query parameter of a qr_url (PROTOCOL.md
// §1). A qr_url holding a byte that is not printable text (a control or C1
// character, a bidi override or other invisible format character, invalid
// UTF-8) is refused: it would reach the terminal inside the link and could
// rewrite what the screen shows. That refusal is retryable, like any other
// garbled reply. The error never repeats the URL.
func ParseTicket(qrURL string) (string, error) {
	if reason := unprintable(qrURL); reason != "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: reason}
	}
	u, err := url.Parse(qrURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: "QR URL does not parse", Permanent: true}
	}
	id := u.Query().Get("ticket")
	if id == "" {
		// A hash-routed page (…/#/login?ticket=…) would carry it in the
		// fragment; no source shows one, but reading it costs nothing.
		if f := u.EscapedFragment(); strings.Contains(f, "?") {
			if q, err := url.ParseQuery(f[strings.Index(f, "?")+1:]); err == nil {
				id = q.Get("ticket")
			}
		}
	}
	if id == "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: "QR URL holds no ticket", Permanent: true}
	}
	return id, nil
}

// unprintable says why s is not printable text, or "" when it is: every
// rune valid UTF-8 and printable (unicode.IsPrint: letters, marks, numbers,
// punctuation, symbols and the ASCII space; no C0/C1 control, no format
// character such as U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C).
func unprintable(s string) string {
	if !utf8.ValidString(s) {
		return "QR URL is not valid UTF-8 text"
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return "QR URL holds a control or invisible character"
		}
	}
	return ""
}

// RequestTicket asks for a new QR ticket (PROTOCOL.md §1). A qr_url on an
// untrusted host is still returned, with Trusted false.
func (c *Client) RequestTicket(ctx context.Context, locale string) (Ticket, error) {
	env, err := c.callJSON(ctx, opTicket, http.MethodGet, endpoint(c.passport, pathTicket, locale, c.platform), locale)
	if err != nil {
		return Ticket{}, err
	}
	if env.Code != CodeOK {
		return Ticket{}, env.apiError(opTicket)
	}
	data, ok := jsonObject(env.Data)
	if !ok {
		return Ticket{}, &UnexpectedReplyError{Op: opTicket, Reason: "reply has no data", Permanent: noData(env.Data)}
	}
	qrURL := jsonString(data["qr_url"])
	if qrURL == "" {
		return Ticket{}, &UnexpectedReplyError{Op: opTicket, Reason: "reply has no qr_url", Permanent: true}
	}
	id, err := ParseTicket(qrURL)
	if err != nil {
		return Ticket{}, err
	}
	u, _ := url.Parse(qrURL) // parsed fine in ParseTicket
	t := Ticket{
		ID:      id,
		QRURL:   qrURL,
		QRType:  opaqueString(data["qr_type"]),
		Host:    SanitizeText(u.Host, 255),
		Trusted: c.trust.trustedURL(u),
	}
	t.HostTrusted = t.Trusted
	if !t.Trusted {
		// say which part is wrong: an http link to www.bilibili.tv has a
		// bad scheme, and https://user@www.bilibili.tv/ user info, not an
		// unexpected host
		if !strings.EqualFold(u.Scheme, "https") {
			t.InsecureScheme = SanitizeText(strings.ToLower(u.Scheme), 20)
		}
		t.UserInfo = u.User != nil
		clean := *u
		clean.Scheme, clean.User = "https", nil
		t.HostTrusted = c.trust.trustedURL(&clean)
	}
	return t, nil
}

// opaqueString turns a JSON string or number into text ("" otherwise): the
// API docs send qr_type as a string, BBDownT's fixtures as a number
// (PROTOCOL.md §1).
func opaqueString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		return SanitizeText(jsonString(raw), 64)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// PollQR asks whether the ticket was scanned or confirmed (PROTOCOL.md §2).
// Any code other than the four known ones is an *APIError, never success.
func (c *Client) PollQR(ctx context.Context, t Ticket, locale string) (PollResult, error) {
	if t.ID == "" {
		return PollResult{}, errors.New("passport: PollQR needs a ticket")
	}
	u := endpoint(c.passport, pathPoll, locale, url.Values{"ticket": {t.ID}, "platform": c.platform["platform"]})
	env, err := c.callJSON(ctx, opPoll, http.MethodGet, u, locale)
	if err != nil {
		return PollResult{}, err
	}
	switch env.Code {
	case CodeNotScanned:
		return PollResult{Status: Waiting}, nil
	case CodeScanned:
		return PollResult{Status: Scanned}, nil
	case CodeExpired:
		return PollResult{Status: Expired}, nil
	case CodeOK:
	default:
		return PollResult{}, env.apiError(opPoll)
	}
	// Code 0 is a confirmed login whatever its data (the site's own bundle
	// reloads the page on code 0 and reads nothing of it; PROTOCOL.md §2):
	// missing, null or not an object, the cookies decide, and the account
	// comes from verification or DedeUserID. BBDownT calls such a reply
	// malformed; the site's own reading wins.
	data, _ := jsonObject(env.Data)
	conf := Confirmation{GoURL: strings.TrimSpace(jsonString(data["go_url"]))}
	conf.Mid, _ = jsonInt(data["mid"])
	_ = json.Unmarshal(data["is_new"], &conf.IsNew) // anything but a bool reads as false
	name := jsonString(lookup(data, "user_profile", "name"))
	if strings.TrimSpace(name) == "" {
		name = jsonString(data["name"])
	}
	conf.Name = SanitizeText(name, maxName)
	// The platform=tv shape: cookies and tokens in the body. The tokens are
	// secrets and not kept at all; only the mid is read.
	c.loadBodyCookies(data["cookie_info"])
	if conf.Mid <= 0 {
		conf.Mid, _ = jsonInt(lookup(data, "token_info", "mid"))
	}
	return PollResult{Status: Confirmed, Confirmation: conf}, nil
}

// Complete turns a confirmed login (a code-0 poll) into a Session, the way
// the site itself does (PROTOCOL.md §3, the site's bundle): the session is
// what the code-0 poll's Set-Cookie put in the jar, so it is verified (§4)
// first, and nothing else is requested when that succeeds. Only when verification says
// "not logged in" (or cannot tell and the jar holds no SESSDATA yet) are
// BBDownT's steps tried, as fallbacks no live source has proven: go_url
// cookie pairs (dorothy), sso/list, go_url and the SSO targets; then
// verification again (fallback.go).
//
// The result is one of three:
//   - verified: a Session with Unverified nil;
//   - logged out: ErrNotLoggedIn, and nothing may be saved;
//   - inconclusive (a code that is neither, no answer, a garbled reply)
//     with SESSDATA in the jar: a Session with Unverified set to why. The
//     login very probably worked, and throwing it away would cost the user a
//     new scan. Without SESSDATA it is an error like any other.
func (c *Client) Complete(ctx context.Context, conf Confirmation, locale string) (Session, error) {
	acct, err := c.verify(ctx, locale)
	if cerr := ctx.Err(); cerr != nil {
		return Session{}, fmt.Errorf("%s: %w", opUser, cerr)
	}
	if errors.Is(err, ErrNotLoggedIn) || (err != nil && !c.hasSessionCookie()) {
		acct, err = c.completeFallbacks(ctx, conf, locale)
		if cerr := ctx.Err(); cerr != nil {
			return Session{}, cerr
		}
	}
	var unverified error
	switch {
	case err == nil:
	case errors.Is(err, ErrNotLoggedIn) && !c.hasSessionCookie():
		// still ErrNotLoggedIn to errors.Is; KindOf says no_session
		return Session{}, fmt.Errorf("%w: %w", ErrNoSessionSent, err)
	case errors.Is(err, ErrNotLoggedIn), !c.hasSessionCookie():
		return Session{}, err
	default:
		unverified = err
	}
	if !c.hasSessionCookie() {
		// The poll said confirmed and the gateway may even say is_login,
		// yet no SESSDATA came (none set, or more Set-Cookie headers than
		// Go parses, when it drops them all): there is no session to keep,
		// whatever else the jar holds (our own buvid3).
		return Session{}, ErrNoSessionSent
	}
	cookies := c.Cookies()
	// The gateway may not say who it is [inferred]: the DedeUserID cookie
	// is the mid, and the poll's data may hold both (the API docs,
	// PROTOCOL.md §2).
	if acct.Mid == 0 {
		acct.Mid = MidFromCookies(cookies)
	}
	if acct.Mid == 0 {
		acct.Mid = conf.Mid
	}
	if acct.Name == "" {
		acct.Name = conf.Name
	}
	return Session{Account: acct, Cookies: cookies, Unverified: unverified}, nil
}

// hasSessionCookie says whether the jar holds a SESSDATA that would be sent
// to the gateway: the cookie that makes a session.
func (c *Client) hasSessionCookie() bool {
	for _, ck := range c.jar.cookiesFor(endpoint(c.api, pathUser, "", nil)) {
		if ck.Name == "SESSDATA" && ck.Value != "" {
			return true
		}
	}
	return false
}

// noData: a success without data at all is the server's settled answer;
// data of the wrong type is more likely a garbled reply, worth a retry.
func noData(raw json.RawMessage) bool {
	t := strings.TrimSpace(string(raw))
	return t == "" || t == "null"
}

// siteDomain is where cookies that name no domain belong: the passport's
// registrable domain (.bilibili.tv in production), or the passport host
// itself elsewhere (tests, -passport-url).
func (c *Client) siteDomain() (domain string, hostOnly bool) {
	host := strings.ToLower(c.passport.Hostname())
	if d, ok := builtinDomainOf(host); ok {
		return d, false
	}
	return host, true
}

// notLoggedInCodes are the gateway codes that mean "no session"
// (PROTOCOL.md §4: -101 not logged in, 10004005 login required). Every
// other non-zero code is inconclusive: the site's bundle's own error table
// has 10004004 for
// "premium needed" and 10023006 for "no buvid device id", neither of which
// says the cookies are no session.
var notLoggedInCodes = map[int]bool{CodeNotLoggedIn: true, CodeLoginRequired: true}

// Verify asks the gateway whether the jar holds a session (PROTOCOL.md §4):
// v2/user, then member/web/account when v2/user cannot tell. nil: it does.
// ErrNotLoggedIn: it does not (-101, 10004005, is_login false). Any other
// error means the check was inconclusive: an *APIError with another code
// (10004004, 10023006, unknown), a *TransportError, or an
// *UnexpectedReplyError, each as v2/user gave it.
func (c *Client) Verify(ctx context.Context, locale string) (Account, error) {
	return c.verify(ctx, locale)
}

// verifyUser asks v2/user, and once more when the reply rotated the
// cookies it was judged with, so the saved cookies are the ones known good
// (BBDownT; PROTOCOL.md §4).
func (c *Client) verifyUser(ctx context.Context, locale string) (Account, error) {
	u := endpoint(c.api, pathUser, locale, nil)
	before := c.jar.header(u)
	acct, err := c.verifyOnce(ctx, u, locale)
	if err == nil && c.jar.header(u) != before {
		acct, err = c.verifyOnce(ctx, u, locale)
	}
	return acct, err
}

func (c *Client) verifyOnce(ctx context.Context, u *url.URL, locale string) (Account, error) {
	data, err := c.gatewayData(ctx, opUser, u, locale)
	if err != nil {
		return Account{}, err
	}
	switch isLogin := string(bytes.TrimSpace(data["is_login"])); isLogin {
	case "true":
	case "false":
		return Account{}, ErrNotLoggedIn
	default:
		// Code 0 without a yes or no: neither reading can be ruled out.
		return Account{}, &UnexpectedReplyError{Op: opUser, Reason: "reply says nothing of is_login"}
	}
	// The site's bundle reads nickname for the user's name; the other keys
	// are seen in related APIs and looked at only defensively [inferred].
	var acct Account
	for _, path := range [][]string{
		{"nickname"}, {"name"}, {"uname"}, {"user", "name"}, {"profile", "name"}, {"user_info", "uname"},
	} {
		if n := SanitizeText(jsonString(lookup(data, path...)), maxName); n != "" {
			acct.Name = n
			break
		}
	}
	for _, path := range [][]string{{"mid"}, {"user", "mid"}} {
		if n, ok := jsonInt(lookup(data, path...)); ok && n > 0 {
			acct.Mid = n
			break
		}
	}
	acct.Premium = membership(lookup(data, "vip_info", "is_vip"))
	return acct, nil
}

// membership reads vip_info.is_vip, which the site's bundle reads as a
// truthy value: true/false, or 1/0 (a number or a numeric string, as other
// bilibili APIs send vip flags). Anything else, or no vip_info, says
// nothing.
func membership(raw json.RawMessage) Membership {
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return MembershipPremium
	case "false":
		return MembershipFree
	}
	switch n, ok := jsonInt(raw); {
	case !ok:
		return MembershipUnknown
	case n == 0:
		return MembershipFree
	case n == 1:
		return MembershipPremium
	}
	return MembershipUnknown
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

// Logout ends the session on the server (PROTOCOL.md "Logout"): POST login/exit
// with csrf=<bili_jct> when there is a bili_jct. Code 0, or -101 (already out), clear the jar and
// return nil. With no cookie for the passport host there is nothing to end
// and nothing is sent.
func (c *Client) Logout(ctx context.Context, locale string) error {
	base := endpoint(c.passport, pathExit, locale, nil)
	cookies := c.jar.cookiesFor(base)
	if len(cookies) == 0 {
		return nil
	}
	// csrf only when there is a bili_jct, as the site's own page does; the
	// form body stays empty either way.
	var extra url.Values
	for _, ck := range cookies {
		if ck.Name == "bili_jct" && ck.Value != "" {
			extra = url.Values{"csrf": {ck.Value}}
			break
		}
	}
	u := endpoint(c.passport, pathExit, locale, extra)
	env, err := c.callJSON(ctx, opExit, http.MethodPost, u, locale)
	if err != nil {
		return err
	}
	if env.Code != CodeOK && env.Code != CodeNotLoggedIn {
		return env.apiError(opExit)
	}
	c.jar.clear()
	return nil
}
