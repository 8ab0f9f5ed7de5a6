package passport

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxCookieBytes is the most bytes of name and value a cookie may have to be
// kept: RFC 6265 §6.1 asks clients to hold at least 4096 and lets them drop
// larger ones. Anything larger would make a session file no tool reads back.
const MaxCookieBytes = 4096

// MaxExpiry is the latest expiry any cookie keeps: 9999-12-31T23:59:59Z, the
// last instant RFC 3339 (and so the JSON format) can write. A Max-Age or
// Expires beyond it is clamped to it instead of overflowing.
var MaxExpiry = time.Unix(253402300799, 0).UTC()

// SessionExpires is when a session of these cookies ends: the earliest
// Expires of SESSDATA and bili_jct. Where SESSDATA has no Expires (a session
// cookie, or a header-format file that knows no attributes), the expiry its
// value embeds (PROTOCOL.md §2: "<8 hex>%2C<unix expiry>%2C…") is used. The
// attribute wins when both exist: it is what every client enforces; the
// embedded one is the server's own word but its shape is only inferred.
// Zero when nothing says.
func SessionExpires(cs []Cookie) time.Time {
	var earliest time.Time
	take := func(t time.Time) {
		if !t.IsZero() && (earliest.IsZero() || t.Before(earliest)) {
			earliest = t
		}
	}
	var sessdata *Cookie
	for i := range cs {
		switch cs[i].Name {
		case "SESSDATA":
			if sessdata == nil || !cs[i].Expires.IsZero() {
				sessdata = &cs[i]
			}
			take(cs[i].Expires)
		case "bili_jct":
			take(cs[i].Expires)
		}
	}
	if sessdata != nil && sessdata.Expires.IsZero() {
		take(EmbeddedExpiry(sessdata.Value))
	}
	return earliest
}

// EmbeddedExpiry is the unix expiry inside a SESSDATA value, zero when the
// value does not have the known shape. The separator is ",", sent
// percent-encoded ("%2C"); both spellings are read, as neither is certain.
func EmbeddedExpiry(v string) time.Time {
	if dec, err := url.QueryUnescape(v); err == nil {
		v = dec
	}
	parts := strings.Split(v, ",")
	if len(parts) < 3 {
		return time.Time{}
	}
	n, err := strconv.ParseInt(parts[1], 10, 64)
	// Plausible unix seconds only: 2001 to MaxExpiry.
	if err != nil || n < 1e9 || n > MaxExpiry.Unix() {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

// clampExpiry keeps t at or before MaxExpiry.
func clampExpiry(t time.Time) time.Time {
	if t.After(MaxExpiry) {
		return MaxExpiry
	}
	return t
}

// expiresAfter is now + maxAge seconds, clamped to MaxExpiry without
// overflowing time.Duration (which holds only about 292 years).
func expiresAfter(now time.Time, maxAge int) time.Time {
	if int64(maxAge) >= MaxExpiry.Unix()-now.Unix() {
		return MaxExpiry
	}
	// In seconds, not a Duration: Max-Age may exceed the ~292 years one holds.
	return time.Unix(now.Unix()+int64(maxAge), int64(now.Nanosecond())).In(now.Location())
}

// DroppedCookies names the cookies the server set that were not kept
// because they were larger than MaxCookieBytes (never their values).
func (c *Client) DroppedCookies() []string {
	c.jar.mu.Lock()
	defer c.jar.mu.Unlock()
	return append([]string(nil), c.jar.dropped...)
}

// TrustsCookieDomain says whether a cookie of domain (a leading dot is
// ignored) belongs to the trusted set: bilibili.tv, biliintl.com, their
// subdomains, and the configured hosts. A session file's lines of such
// domains are the session's; all others belong to other sites.
func (c *Client) TrustsCookieDomain(domain string) bool {
	return c.trust.trustedCookieDomain(strings.TrimPrefix(strings.TrimSpace(domain), "."))
}

// LogoutSends says whether the logout request would carry any saved cookie
// at all (domain, path, host-only and Secure rules applied, as when it is
// sent). Without one the server cannot end the session, and Logout sends
// nothing.
func (c *Client) LogoutSends(locale string) bool {
	return len(c.jar.cookiesFor(endpoint(c.passport, pathExit, locale, nil))) > 0
}
