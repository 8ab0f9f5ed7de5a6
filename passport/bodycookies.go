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
	type target struct {
		domain   string
		hostOnly bool
	}
	var targets []target
	var listed []json.RawMessage
	if json.Unmarshal(m["domains"], &listed) == nil && len(listed) > 0 {
		for _, d := range listed {
			d := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(jsonString(d)), "."))
			if d != "" {
				targets = append(targets, target{domain: d}) // load drops untrusted ones
			}
		}
	} else {
		d, hostOnly := c.siteDomain()
		targets = append(targets, target{d, hostOnly})
	}
	present := c.presentNames()
	now := c.now()
	var add []Cookie
	for _, r := range raw {
		ck, ok := jsonObject(r)
		if !ok {
			continue
		}
		name, value := jsonString(ck["name"]), jsonString(ck["value"])
		if name == "" || value == "" || present[name] {
			continue
		}
		n, _ := jsonInt(ck["expires"])
		for _, t := range targets {
			add = append(add, Cookie{
				Name: name, Value: value, Domain: t.domain, HostOnly: t.hostOnly, Path: "/",
				Expires: expiryOf(n, now), Secure: jsonBool(ck["secure"]), HTTPOnly: jsonBool(ck["http_only"]),
			})
		}
	}
	c.jar.load(add) // load drops malformed names and values
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
