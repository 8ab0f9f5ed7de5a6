package passport

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// loadBodyCookies takes the cookies a code-0 poll delivers in its body,
// data.cookie_info{cookies:[{name, value, expires, http_only, secure}],
// domains:[…]}: the shape of the platform=tv reply (Reyuki-san/bilibili-dl
// scripts/login-bilibili.py) that Bilibili International's own
// bilibili-intl/bilibili-studio parses too (PROTOCOL.md "Success in the
// body"). Each goes to every trusted domain listed, or to the passport's
// site domain when none is listed; untrusted domains are skipped. A cookie
// of the same name already in the jar (the reply's own Set-Cookie, a saved
// device cookie) wins. Whether expires is a unix time or a lifetime is not
// shown [inferred]: both are read.
func (c *Client) loadBodyCookies(info json.RawMessage) {
	m, ok := jsonObject(info)
	if !ok {
		return
	}
	var raw []json.RawMessage
	if json.Unmarshal(m["cookies"], &raw) != nil || len(raw) == 0 {
		return
	}
	targets := c.bodyCookieDomains(m["domains"])
	present := c.presentNames()
	taken := map[string]bool{}
	now := c.now()
	var add []Cookie
	for _, r := range raw {
		if len(taken) == maxBodyCookies {
			break
		}
		ck, ok := jsonObject(r)
		if !ok {
			continue
		}
		name, value := jsonString(ck["name"]), jsonString(ck["value"])
		if name == "" || value == "" || present[name] || taken[name] || !ValidCookieName(name) {
			continue
		}
		taken[name] = true
		n, _ := jsonInt(ck["expires"])
		for _, t := range targets {
			add = append(add, Cookie{
				Name: name, Value: value, Domain: t.domain, HostOnly: t.hostOnly, Path: "/",
				Expires: expiryOf(n, now), Secure: jsonBool(ck["secure"]), HTTPOnly: jsonBool(ck["http_only"]),
			})
		}
	}
	c.jar.load(add) // load drops malformed values
}

// The most cookies and domains a cookie_info is read for. Each cookie goes
// to each domain, so a reply listing 3,000 of each (87 KB) once built 9
// million cookies and ran out of memory. The session is a handful of
// cookies on two or three domains (PROTOCOL.md); the first of each, by
// distinct name and distinct trusted domain, are kept, the rest ignored.
// So a reply of any size up to maxBody makes at most 32×8 = 256 cookies,
// whose names and values are strings of the reply: memory stays within a
// few times the reply's size (BenchmarkLoadBodyCookiesFlood).
const (
	maxBodyCookies = 32
	maxBodyDomains = 8
)

// bodyTarget is a domain a cookie_info cookie goes to.
type bodyTarget struct {
	domain   string
	hostOnly bool
}

// bodyCookieDomains are the distinct trusted domains a cookie_info lists
// (at most maxBodyDomains), or the passport's site domain when it lists
// none. Untrusted ones are skipped here, before any cookie is made for
// them.
func (c *Client) bodyCookieDomains(domains json.RawMessage) []bodyTarget {
	var listed []json.RawMessage
	if json.Unmarshal(domains, &listed) != nil || len(listed) == 0 {
		d, hostOnly := c.siteDomain()
		return []bodyTarget{{d, hostOnly}}
	}
	var targets []bodyTarget
	seen := map[string]bool{}
	for _, d := range listed {
		if len(targets) == maxBodyDomains {
			break
		}
		d := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(jsonString(d)), "."))
		if d != "" && !seen[d] && c.trust.trustedCookieDomain(d) {
			seen[d] = true
			targets = append(targets, bodyTarget{domain: d})
		}
	}
	return targets
}

// presentNames are the names of the cookies the jar would send to the
// passport host: what a cookie delivered another way must not replace.
func (c *Client) presentNames() map[string]bool {
	present := map[string]bool{}
	for _, ck := range c.jar.cookiesFor(c.passport) {
		present[ck.Name] = true
	}
	return present
}

// expiryOf reads a lifetime a reply gives as a number: a unix time when it
// is that large, else seconds from now. Zero or negative means a session
// cookie. The rules are those of a Set-Cookie's: a time past is kept as
// it is, so that the jar drops the cookie as expired, and one past
// MaxExpiry is clamped to it (time.Unix would overflow).
func expiryOf(n int64, now time.Time) time.Time {
	switch {
	case n <= 0:
		return time.Time{}
	case n > MaxExpiry.Unix():
		return MaxExpiry
	case n > 1_000_000_000:
		return time.Unix(n, 0).UTC()
	}
	return expiresAfter(now, int(n)).UTC()
}

// jsonBool reads true, 1, "1" or "true" as true; anything else as false.
func jsonBool(raw json.RawMessage) bool {
	switch string(bytes.TrimSpace(raw)) {
	case "true", "1", `"1"`, `"true"`:
		return true
	}
	return false
}
