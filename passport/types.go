// Package passport is the bilibili.tv QR-login client: it asks the passport
// host for a QR ticket, polls its scan status, verifies the session the
// confirming poll set against the gateway (as the site itself does), falls
// back to the go_url / SSO-list completion only when that session is not
// accepted, and keeps every cookie within the trusted hosts.
// It knows HTTP, JSON, cookies and trusted hosts, and nothing of the TUI.
// See PROTOCOL.md, beside this file, for every fact the code relies on.
package passport

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Default base URLs of the real service.
const (
	DefaultPassportURL = "https://passport.bilibili.tv"
	DefaultAPIURL      = "https://api.bilibili.tv"
)

// Poll codes of qrcode/auth/fetch (PROTOCOL.md §2).
const (
	CodeOK          = 0
	CodeExpired     = 10018100
	CodeNotScanned  = 10018101
	CodeScanned     = 10018102
	CodeNotLoggedIn = -101

	// Gateway codes of v2/user (PROTOCOL.md §4).
	CodeLoginRequired  = 10004005 // not logged in (yt-dlp; the site's bundle)
	CodePremiumNeeded  = 10004004 // premium membership needed (the site's bundle): inconclusive
	CodeDeviceIDNeeded = 10023006 // the request lacks a buvid device id (the site's bundle): inconclusive

	// Other codes seen (PROTOCOL.md "Error codes").
	CodeCSRF        = -111     // csrf check failed
	CodeAreaBlocked = 10003003 // area inaccessible
	CodeGeoBlocked  = 10004001 // geo-restricted
)

// Locale is one s_locale code the API understands (PROTOCOL.md "Locales").
type Locale struct {
	Code           string // s_locale value, e.g. "th_TH"
	Site           string // site path code, e.g. "th" ("" where the site has none)
	Native         string // the language's own name, e.g. "ไทย"
	English        string // English name, e.g. "Thai"
	AcceptLanguage string // matching Accept-Language, e.g. "th-TH"
}

// DefaultLocale is what the API assumes when none is sent.
const DefaultLocale = "en_US"

// Locales lists the codes in PROTOCOL.md's table order.
var Locales = []Locale{
	{Code: "en_US", Site: "en", Native: "English", English: "English", AcceptLanguage: "en-US"},
	{Code: "th_TH", Site: "th", Native: "ไทย", English: "Thai", AcceptLanguage: "th-TH"},
	{Code: "vi_VN", Site: "vi", Native: "Tiếng Việt", English: "Vietnamese", AcceptLanguage: "vi-VN"},
	{Code: "id_ID", Site: "id", Native: "Bahasa Indonesia", English: "Indonesian", AcceptLanguage: "id-ID"},
	{Code: "ms_MY", Site: "ms", Native: "Bahasa Melayu", English: "Malay", AcceptLanguage: "ms-MY"},
	{Code: "zh_ZH", Site: "", Native: "简体中文", English: "Simplified Chinese", AcceptLanguage: "zh-CN"},
}

// LookupLocale finds a locale by its s_locale code (exact match).
func LookupLocale(code string) (Locale, bool) {
	for _, l := range Locales {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

// Ticket is one QR login ticket. It is a secret until it expires: its String
// and GoString never print the ticket or the full URL.
type Ticket struct {
	ID     string // the ticket query parameter of QRURL, sent back when polling
	QRURL  string // exactly what the QR encodes
	QRType string // opaque; a string or a number on the wire
	// Host is QRURL's host; Trusted says whether it is in the trusted set.
	// An untrusted host is still shown (the phone app judges what it scans),
	// but the UI says plainly that it is unexpected.
	Host    string
	Trusted bool
	// Why a link is not Trusted: InsecureScheme is QRURL's scheme when it
	// is not https ("" otherwise); HostTrusted says whether the host alone
	// would be trusted (over https).
	InsecureScheme string
	HostTrusted    bool
	// UserInfo: QRURL carries user info (https://name@host/…), which no
	// login link of the service has.
	UserInfo bool
}

// String and GoString hide the ticket: a %v or %#v in a log shows the
// host only.
func (t Ticket) String() string { return fmt.Sprintf("ticket(host=%s, redacted)", t.Host) }

// GoString is String.
func (t Ticket) GoString() string { return t.String() }

// PollStatus is what qrcode/auth/fetch said about a ticket.
type PollStatus int

// What a poll can answer.
const (
	Waiting   PollStatus = iota + 1 // 10018101: not scanned yet
	Scanned                         // 10018102: scanned, confirm on the phone
	Expired                         // 10018100: get a new ticket
	Confirmed                       // 0: logged in; see PollResult.Confirmation
)

func (s PollStatus) String() string {
	switch s {
	case Waiting:
		return "waiting"
	case Scanned:
		return "scanned"
	case Expired:
		return "expired"
	case Confirmed:
		return "confirmed"
	}
	return fmt.Sprintf("PollStatus(%d)", int(s))
}

// PollResult is one answer of PollQR.
type PollResult struct {
	Status       PollStatus
	Confirmation Confirmation // set when Status == Confirmed
}

// Confirmation is the data of a code-0 poll.
type Confirmation struct {
	Mid   int64
	Name  string // sanitized; often empty
	GoURL string // may be empty; followed only when trusted
	IsNew bool
}

// Account is who a verified session belongs to.
type Account struct {
	Mid  int64
	Name string // sanitized; may be empty
	// Expires is when the session ends (SessionExpires of its cookies);
	// zero when nothing says.
	Expires time.Time
	// Premium is whether the account has Premium (v2/user's
	// vip_info.is_vip), MembershipUnknown when the reply does not say.
	Premium Membership
}

// Membership is what the gateway said of an account's Premium membership.
// A free account gets 480p at most and 10004004 for Premium videos, which
// yt-dlp words as if the cookies were bad: saying which it is matters.
type Membership int

// What the gateway may say of Premium membership.
const (
	MembershipUnknown Membership = iota // the reply did not say (no vip_info, or a shape not read)
	MembershipFree                      // vip_info.is_vip false or 0
	MembershipPremium                   // vip_info.is_vip true or 1
)

// Known says whether the gateway said either way.
func (m Membership) Known() bool { return m == MembershipFree || m == MembershipPremium }

// Cookie is one cookie the server set, with every attribute kept for export
// (the standard jar cannot list them).
type Cookie struct {
	Name     string
	Value    string // secret: never printed by String
	Domain   string // without a leading dot; see HostOnly
	HostOnly bool   // true when Set-Cookie had no Domain attribute
	Path     string
	Expires  time.Time // zero for a session cookie
	Secure   bool
	HTTPOnly bool
}

func (c Cookie) String() string {
	return fmt.Sprintf("cookie(%s; domain=%s; path=%s; value redacted)", c.Name, c.Domain, c.Path)
}

// GoString is String: the value stays hidden under %#v too.
func (c Cookie) GoString() string { return c.String() }

// Session is a login: the account and every cookie to hand on.
type Session struct {
	Account
	Cookies []Cookie
	// Unverified is why the gateway could not confirm the login, nil when it
	// did. It is set only when the code-0 poll (or a fallback) set SESSDATA
	// and the gateway answered neither "logged in" nor "logged out"
	// (PROTOCOL.md §4: 10004004 premium needed, 10023006 device id needed,
	// an unknown code, no answer): such a login very probably worked, so it
	// is kept and saved, marked unverified.
	Unverified error
}

// Verified says whether the gateway confirmed the session.
func (s Session) Verified() bool { return s.Unverified == nil }

// MidCookie is the cookie bilibili sets to the account's mid (PROTOCOL.md §2).
const MidCookie = "DedeUserID"

// MidFromCookies is the mid held by the first DedeUserID cookie with a
// positive number, or 0.
func MidFromCookies(cs []Cookie) int64 {
	for _, c := range cs {
		if c.Name != MidCookie {
			continue
		}
		if mid, err := strconv.ParseInt(strings.TrimSpace(c.Value), 10, 64); err == nil && mid > 0 {
			return mid
		}
	}
	return 0
}
