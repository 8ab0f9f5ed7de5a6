// Package passporttest is an in-process fake of the bilibili.tv passport and
// gateway hosts that plays ../PROTOCOL.md: QR ticket, scan status,
// SSO list and targets, go_url, verification and logout. Every test of the
// project and `biliqr -demo` use it; it never touches a real network host.
//
// It runs four HTTPS servers (one self-signed certificate covers them all;
// use Server.Client or Server.CertPool to trust it):
//
//	passport   127.0.0.1:<port>  ticket, poll, sso/list, logout, go_url, SSO target
//	api        127.0.0.1:<port>  /intl/gateway/web/v2/user
//	second     127.0.0.2:<port>  stands in for *.biliintl.com: an SSO target
//	untrusted  127.0.0.3:<port>  targets a correct client never contacts
//
// (second and untrusted fall back to 127.0.0.1 when those addresses cannot be
// bound.) Cookies ignore ports (RFC 6265), so the host-only session cookies
// the passport host sets on 127.0.0.1 also reach the api host on 127.0.0.1,
// just as the real cookies on .bilibili.tv reach api.bilibili.tv: that is what
// lets a plain cookie jar complete the flow here.
//
// A test scripts the fake (Scan, Confirm, Expire, Fail) and then inspects what
// it saw (Requests, Count, Conns, Events, Secrets). Options select between the
// readings PROTOCOL.md marks [inferred]; the zero Options is the documented
// reading.
package passporttest

import (
	"net/http"
	"net/url"
	"time"
)

// Endpoint paths. The first five are the real service's; the /fake ones are
// the fake's stand-ins for go_url, SSO targets and redirect hops.
const (
	EndpointTicket    = "/x/intl/passport-login/qrcode/auth/url"
	EndpointPoll      = "/x/intl/passport-login/qrcode/auth/fetch"
	EndpointSSO       = "/x/intl/passport-login/web/sso/list"
	EndpointUser      = "/intl/gateway/web/v2/user"
	EndpointAccount   = "/x/intl/member/web/account"
	EndpointLogout    = "/x/intl/passport-login/web/login/exit"
	EndpointGo        = "/fake/go"
	EndpointSSOTarget = "/fake/sso"
	EndpointRedirect  = "/fake/hop"
)

// Host labels used in Request.Host, Event.Host and Conns.
const (
	HostPassport  = "passport"
	HostAPI       = "api"
	HostSecond    = "second"
	HostUntrusted = "untrusted"
)

// Cookie names the fake sets.
const (
	CookieSESSDATA  = "SESSDATA"
	CookieBiliJct   = "bili_jct"
	CookieUserID    = "DedeUserID"
	CookieUserIDMd5 = "DedeUserID__ckMd5"
	// CookieSecond is set by the SSO target on the second host.
	CookieSecond = "SSO_SECOND"
	// CookieTicket is set by the ticket reply when Options.TicketCookie is on.
	CookieTicket = "qr_session"
	// CookieForeign is the Domain=evil.example cookie of ForeignDomainCookie.
	CookieForeign = "evil"
	// CookieHuge is the 5000-byte cookie of Options.HostileSizes.
	CookieHuge = "huge"
	// Set with the session by Options.SiteCookies, as logged-in browsers
	// hold them: joy_jct (bili_jct's value), mid (DedeUserID's), buvid4.
	CookieJoyJct = "joy_jct"
	CookieMid    = "mid"
	CookieBuvid4 = "buvid4"
)

// Defaults of the account the fake logs in.
const (
	DefaultName = "Demo User"
	DefaultMid  = int64(1709658507)
)

// DataShape is what `data` is on replies with a non-zero code.
type DataShape int

// The shapes of "data".
const (
	DataMissing     DataShape = iota // no "data" key (default)
	DataNull                         // "data": null
	DataEmptyObject                  // "data": {}
)

// CookieSource is which reply carries the session cookies.
type CookieSource int

const (
	// ViaPoll sends Set-Cookie on the code-0 poll reply (default, documented).
	ViaPoll CookieSource = iota
	// ViaGoURL means only following go_url sets them. GoURLEmpty is read as
	// GoURLTrusted here, since an empty go_url could not deliver anything.
	ViaGoURL
	// ViaSSO means only an SSO target from sso/list sets them. A host can only set
	// cookies for itself, so sso/list then lists a target on the passport host
	// that sets the session cookies (they reach the api host as explained in
	// the package doc), besides the second-host target that sets CookieSecond.
	// sso/list answers 0 without cookies once a ticket was confirmed, as the
	// real server must know the pending login some other way.
	ViaSSO
	// ViaRedirects means the go_url (or, with GoURLEmpty, the passport-host SSO
	// target as in ViaSSO) redirects RedirectHops times, alternating between
	// the second and passport hosts; the last hop, on the passport host, sets
	// the cookies.
	ViaRedirects
)

// GoURLKind is what the code-0 poll puts in go_url.
type GoURLKind int

// The go_urls a confirming poll may carry.
const (
	GoURLEmpty       GoURLKind = iota // "" (default, documented)
	GoURLTrusted                      // https://<passport>/fake/go?k=…
	GoURLUntrusted                    // https://<untrusted>/fake/go?k=…
	GoURLCookiePairs                  // https://<passport>/fake/go?k=…&SESSDATA=…&bili_jct=…&DedeUserID=…&DedeUserID__ckMd5=… (dorothy)
	// GoURLCookiePairsRaw is GoURLCookiePairs with each value exactly as
	// its cookie holds it (SESSDATA keeps its %2C and *), not query-escaped
	// again: dorothy's regexp copies the pairs into a Cookie header
	// unchanged, so this is the shape dorothy works with.
	GoURLCookiePairsRaw
	// GoURLCookiePairsDorothy is the go_url of dorothy's working login, raw values in
	// its order: DedeUserID, DedeUserID__ckMd5, Expires (the lifetime in
	// seconds), SESSDATA, bili_jct, then a trailing gourl (escaped).
	GoURLCookiePairsDorothy
)

// UserShape is how v2/user answers a valid session.
type UserShape int

// The shapes of v2/user's reply.
const (
	UserDocumented    UserShape = iota // data{is_login:true, mid, uname}
	UserIsLoginOnly                    // data{is_login:true}
	UserNameOtherKeys                  // data{is_login:true, mid, user:{name}, nickname}
	UserNotLoggedIn                    // code 0, data{is_login:false} even with a valid session
)

// VIPShape is what v2/user says of Premium membership (vip_info.is_vip,
// which the site's bundle reads).
type VIPShape int

// The shapes of vip_info the fake plays.
const (
	VIPMissing    VIPShape = iota // no vip_info (default): membership unknown
	VIPPremium                    // vip_info{is_vip:true}
	VIPFree                       // vip_info{is_vip:false}
	VIPPremiumInt                 // vip_info{is_vip:1}
	VIPFreeInt                    // vip_info{is_vip:0}
	VIPNull                       // vip_info:null: membership unknown
)

// ConfirmDataShape is what `data` is on the code-0 poll.
type ConfirmDataShape int

// The shapes of the confirming poll's "data".
const (
	ConfirmDataDocumented ConfirmDataShape = iota // {mid, is_new, go_url, user_profile} (the API docs)
	ConfirmDataMissing                            // no "data" key
	ConfirmDataNull                               // "data": null
	ConfirmDataString                             // "data": "ok" (not an object)
	// ConfirmDataCookieInfo is the platform=tv shape: no Set-Cookie; the
	// session in data.cookie_info{cookies, domains}, and data.token_info
	// {mid, access_token, refresh_token, expires_in} (tokens are secrets).
	ConfirmDataCookieInfo
)

// AccountShape is how member/web/account answers.
type AccountShape int

const (
	// AccountMirrorsUser answers as v2/user would — its UserCode for a valid
	// session (code 0 with mid and uname when that is 0), -101 without one.
	AccountMirrorsUser AccountShape = iota
	// AccountSettles answers code 0 with mid and uname for a valid session,
	// whatever v2/user answers.
	AccountSettles
	// AccountLoggedOut answers -101 for every request.
	AccountLoggedOut
)

// ExpiryKind is how the session cookies carry their lifetime.
type ExpiryKind int

// How the session cookie says when it ends.
const (
	ExpiryExpires ExpiryKind = iota // Expires=<Now+180 days> (default)
	ExpirySession                   // neither Expires nor Max-Age
	ExpiryMaxAge                    // Max-Age=15552000
)

// CookieLifetime is the lifetime the fake gives session cookies.
const CookieLifetime = 180 * 24 * time.Hour

// Options choose between the readings of PROTOCOL.md's [inferred] points.
// The zero value is the documented reading.
type Options struct {
	// StateFile, if set, keeps the fake's valid sessions between runs:
	// read at New, written at Close (biliqr -demo; see state.go).
	StateFile string

	QRTypeNumber bool      // qr_type as the number 1 instead of "qrcode_login"
	NonZeroData  DataShape // `data` on replies with a non-zero code
	OmitTTL      bool      // no "ttl" in the envelope
	ExtraFields  bool      // unknown fields in every envelope and data object

	CookiesVia   CookieSource
	RedirectHops int       // redirects of ViaRedirects; default 3
	GoURL        GoURLKind // see GoURLKind
	// RedirectUntrusted makes the first redirect of a ViaRedirects chain point
	// at the untrusted host; a correct client stops there.
	RedirectUntrusted bool
	// SSOListNotLoggedInFirst: sso/list answers -101 until go_url was
	// followed (always, when there is no go_url).
	SSOListNotLoggedInFirst bool
	// SSORelative lists the passport-host SSO target as a relative URL
	// ("/fake/sso?k=…"), which resolves against the passport host.
	SSORelative bool
	// SSOFailingTarget adds a trusted target on the second host, listed
	// first, that answers HTTP 500.
	SSOFailingTarget bool

	User UserShape
	// VIP is what v2/user says of Premium membership (default: nothing).
	VIP VIPShape
	// UserCode, when non-zero, makes v2/user answer this code (with no data)
	// for a valid session instead of is_login:true: 10023006 (no buvid
	// device id), 10004004 (premium needed), 10004005 (login required), or
	// any other. Requests without a session still get -101.
	UserCode int
	// ConfirmData is what `data` is on the code-0 poll; the default is the
	// API docs' object. The site's bundle reads nothing of it.
	ConfirmData ConfirmDataShape
	// AnonymousCode0: v2/user without a valid session answers code 0 with
	// is_login:false instead of -101.
	AnonymousCode0 bool
	// Account is how member/web/account answers (default: as v2/user).
	Account AccountShape
	// RequireDevice: v2/user and member/web/account answer 10023006 (no
	// buvid device id) unless the request carries a buvid3 in the site's
	// format, as the site's bundle's error table says the service does.
	RequireDevice bool
	// HostileSizes: the session's SESSDATA lives Max-Age=3e11 s (past what
	// a time.Duration holds, and past year 9999), and a cookie of 5000
	// bytes (CookieHuge, over RFC 6265's 4096) comes with it.
	HostileSizes bool
	// CookieInfoFlood: with ConfirmDataCookieInfo, cookie_info also lists
	// FloodSize filler cookies and as many domains (half of them
	// subdomains of bilibili.tv, half untrusted), after the session's: a
	// reply that would make millions of cookies if each went to each
	// domain.
	CookieInfoFlood bool
	// SiteCookies: the session also sets CookieJoyJct, CookieMid and
	// CookieBuvid4, as logged-in browsers hold them (browser dumps).
	SiteCookies bool
	// RotateOnVerify: the first v2/user reply for a session sets a new
	// SESSDATA and the old value stops being valid, so the client must keep
	// cookies a verify reply sets.
	RotateOnVerify bool

	CookieDomain        bool // Domain=<host IP> on every Set-Cookie (the jar treats it as host-only)
	CookieExpiry        ExpiryKind
	NoSecure            bool // omit Secure (PlainHTTP implies it)
	NoHTTPOnly          bool // omit HttpOnly on SESSDATA
	ForeignDomainCookie bool // also set CookieForeign with Domain=evil.example

	// TicketCookie: the ticket reply sets CookieTicket and a poll without it
	// answers 10018100, so a client must use one jar for the whole flow.
	TicketCookie bool

	QRURLNoTicket bool   // qr_url without the ticket parameter
	QRURLHost     string // host in qr_url; default www.bilibili.tv, as the real service
	QRURLScheme   string // scheme of qr_url; default https, as the real service

	// TicketIDs, when set, makes ticket IDs instead of random hex, so a
	// golden screen can hold the same QR on every run.
	TicketIDs func(n int) string

	Name string // account name; default DefaultName
	Mid  int64  // account mid; default DefaultMid

	// AutoScanAfterPolls: after this many polls of a ticket answered "not
	// scanned" it becomes scanned. AutoConfirmAfterPolls: after this many
	// further polls answered "scanned" it becomes confirmed (the next poll
	// answers 0). 0 = off. The demo uses these, so it needs no timers.
	AutoScanAfterPolls, AutoConfirmAfterPolls int

	// TicketLifetime > 0 makes a ticket expire once Now() is that far past
	// its issue; 0 = only Expire ends a ticket.
	TicketLifetime time.Duration
	Now            func() time.Time // default time.Now; cookie dates and TicketLifetime

	// ConfirmWithoutCookies: the code-0 poll sets no cookie at all, and
	// v2/user answers is_login:true to anyone: a confirmed login with no
	// session to keep.
	ConfirmWithoutCookies bool
	// CookieFlood adds this many throwaway Set-Cookie headers to the reply
	// that sets the session; past 3,000 Go's client drops every cookie of
	// the reply, the session's too.
	CookieFlood int

	// PlainHTTP serves http:// instead of https:// (and implies NoSecure,
	// since a jar never sends Secure cookies over http).
	PlainHTTP bool
}

// FaultKind is how a queued Fault breaks a reply.
type FaultKind int

// The faults the fake can play.
const (
	HTTPStatus    FaultKind = iota + 1 // Status (default 503), Retry-After: RetryAfter if set, a short text body
	HTMLPage                           // 200 text/html risk-control page
	TruncatedJSON                      // 200 application/json cut off mid-object
	WrongTypes                         // code as a string, data as an array, …
	HugeBody                           // 200 valid JSON envelope larger than 2 MiB
	Hang                               // no answer until the request is cancelled or the server closes
	// CloseConn closes the connection without an answer. net/http clients
	// silently retry a GET whose reused keep-alive connection closes before
	// any reply, so use Times >= 2 (or a fresh connection) to make it seen.
	CloseConn
	APICode // envelope with Code and Message (which may hold hostile text)
	// BadHeader is a 200 reply whose header holds a control byte, which Go's
	// client refuses as malformed.
	BadHeader
	// HugeHeaders is a 200 reply whose header is over Go's client limit
	// (10 MB), which the client aborts.
	HugeHeaders
)

// Fault is one queued misbehaviour. It hits the next Times requests (default
// 1) whose path is Endpoint ("" = any path), on any host.
type Fault struct {
	Endpoint   string
	Kind       FaultKind
	Status     int
	RetryAfter string
	Code       int
	Message    string
	Times      int
}

// Request is one request the fake saw.
type Request struct {
	Host    string // HostPassport, HostAPI, HostSecond or HostUntrusted
	Method  string
	Path    string
	Query   url.Values
	Header  http.Header
	Cookies []*http.Cookie
	Ticket  string // the ticket query parameter, if any

	// Filled once answered: HTTP status (0 while unanswered or when the
	// connection was dropped) and the envelope code when Enveloped.
	Status    int
	Code      int
	Enveloped bool
}

// EventKind says what an Event reports.
type EventKind int

// The events the fake reports.
const (
	EventAnswered EventKind = iota + 1 // a reply was written (Status, Code)
	EventHanging                       // a Hang fault is now holding a request
	EventTicket                        // a ticket was issued (Ticket)
	EventLoggedIn                      // session cookies were handed out
)

// Event is a non-blocking notification so tests can wait without sleeping.
type Event struct {
	Kind      EventKind
	Host      string
	Path      string
	Status    int
	Code      int
	Enveloped bool
	Ticket    string
}
