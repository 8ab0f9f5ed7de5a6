package passport

import (
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// jar is the cookie store of one Client. net/http/cookiejar cannot list its
// cookies with their attributes (needed to save a session) and knows nothing
// of the trusted set, so this is a small RFC 6265 store of our own. It is
// safe for concurrent use: the TUI polls and completes from goroutines.
type jar struct {
	mu      sync.Mutex
	now     func() time.Time
	trust   *trustSet
	seq     uint64 // creation order, for the RFC 6265 §5.4 send order
	entries map[jarKey]*jarEntry
	dropped []string // names of cookies too large to keep (MaxCookieBytes)
}

type jarKey struct{ domain, path, name string }

type jarEntry struct {
	Cookie
	seq uint64
}

func newJar(trust *trustSet, now func() time.Time) *jar {
	return &jar{now: now, trust: trust, entries: map[jarKey]*jarEntry{}}
}

// secureURL says whether a Secure cookie may travel to or come from u.
// Loopback http counts as secure so tests can run without TLS; real hosts
// are only ever requested over https anyway (trust.go).
func secureURL(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "https":
		return true
	case "http":
		return IsLoopbackHost(u.Hostname())
	}
	return false
}

func canonicalHost(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// domainMatch is RFC 6265 §5.1.3.
func domainMatch(host, domain string) bool {
	if host == domain {
		return true
	}
	return net.ParseIP(host) == nil && strings.HasSuffix(host, "."+domain)
}

// pathMatch is RFC 6265 §5.1.4.
func pathMatch(reqPath, cookiePath string) bool {
	if reqPath == cookiePath {
		return true
	}
	if strings.HasPrefix(reqPath, cookiePath) {
		return strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/'
	}
	return false
}

// defaultPath is RFC 6265 §5.1.4's default-path of a request URL.
func defaultPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" || p[0] != '/' {
		return "/"
	}
	i := strings.LastIndex(p, "/")
	if i == 0 {
		return "/"
	}
	return p[:i]
}

func requestPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	return p
}

// setCookies stores the Set-Cookie answers of a response for u (RFC 6265
// §5.3), dropping any cookie whose domain does not domain-match u's host or
// lies outside the trusted set (PROTOCOL.md "Hosts and trust").
func (j *jar) setCookies(u *url.URL, cs []*http.Cookie) {
	if len(cs) == 0 || !j.trust.trustedURL(u) {
		return
	}
	host := canonicalHost(u)
	secure := secureURL(u)
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	for _, hc := range cs {
		if hc == nil || hc.Name == "" {
			continue
		}
		if len(hc.Name)+len(hc.Value) > MaxCookieBytes {
			// Saved, it would make a file that biliqr and other tools
			// refuse to read back; RFC 6265 §6.1 lets a client drop it.
			j.dropped = append(j.dropped, SanitizeText(hc.Name, 64))
			continue
		}
		domain, hostOnly, ok := cookieDomain(host, hc.Domain)
		if !ok || !j.trust.trustedCookieDomain(domain) {
			continue
		}
		if hc.Secure && !secure {
			continue // RFC 6265bis: only a secure origin may set a Secure cookie
		}
		path := hc.Path
		if path == "" || path[0] != '/' {
			path = defaultPath(u)
		}
		c := Cookie{
			Name: hc.Name, Value: hc.Value, Domain: domain, HostOnly: hostOnly,
			Path: path, Secure: hc.Secure, HTTPOnly: hc.HttpOnly,
		}
		// Max-Age wins over Expires (RFC 6265 §5.3 step 3). net/http reports
		// "Max-Age=0" (or negative) as MaxAge < 0.
		remove := false
		switch {
		case hc.MaxAge < 0:
			remove = true
		case hc.MaxAge > 0:
			c.Expires = expiresAfter(now, hc.MaxAge)
		case !hc.Expires.IsZero():
			if !hc.Expires.After(now) {
				remove = true
			}
			c.Expires = clampExpiry(hc.Expires.UTC())
		}
		j.storeLocked(c, remove)
	}
}

// cookieDomain works out a cookie's domain from its Domain attribute as sent
// by host. ok is false when the attribute must make the cookie be ignored.
func cookieDomain(host, attr string) (domain string, hostOnly, ok bool) {
	if host == "" {
		return "", false, false
	}
	attr = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(attr), "."))
	if attr == "" {
		return host, true, true
	}
	if strings.HasSuffix(attr, ".") {
		return "", false, false
	}
	if net.ParseIP(host) != nil {
		// An IP host may only name itself; such a cookie is host-only.
		return host, true, attr == host
	}
	if !domainMatch(host, attr) {
		return "", false, false
	}
	return attr, false, true
}

func (j *jar) storeLocked(c Cookie, remove bool) {
	k := jarKey{c.Domain, c.Path, c.Name}
	if remove {
		delete(j.entries, k)
		return
	}
	if old, ok := j.entries[k]; ok {
		// Replacing keeps the old creation time (RFC 6265 §5.3 step 11.3).
		old.Cookie = c
		return
	}
	j.seq++
	j.entries[k] = &jarEntry{Cookie: c, seq: j.seq}
}

func (j *jar) expiredLocked(c *Cookie, now time.Time) bool {
	return !c.Expires.IsZero() && !c.Expires.After(now)
}

// cookiesFor lists the cookies to send to u, in RFC 6265 §5.4 order (longer
// paths first, then older first). Nothing is ever sent to an untrusted URL.
func (j *jar) cookiesFor(u *url.URL) []Cookie {
	if !j.trust.trustedURL(u) {
		return nil
	}
	host := canonicalHost(u)
	path := requestPath(u)
	secure := secureURL(u)
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	var out []*jarEntry
	for k, e := range j.entries {
		if j.expiredLocked(&e.Cookie, now) {
			delete(j.entries, k)
			continue
		}
		if e.HostOnly {
			if host != e.Domain {
				continue
			}
		} else if !domainMatch(host, e.Domain) {
			continue
		}
		if !pathMatch(path, e.Path) || (e.Secure && !secure) {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(a, b int) bool {
		if len(out[a].Path) != len(out[b].Path) {
			return len(out[a].Path) > len(out[b].Path)
		}
		return out[a].seq < out[b].seq
	})
	cs := make([]Cookie, len(out))
	for i, e := range out {
		cs[i] = e.Cookie
	}
	return cs
}

// header is the Cookie request header for u ("" when none apply).
func (j *jar) header(u *url.URL) string {
	cs := j.cookiesFor(u)
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		v := c.Value
		if strings.ContainsAny(v, " ,") {
			v = `"` + v + `"` // as net/http quotes such values
		}
		parts = append(parts, c.Name+"="+v)
	}
	return strings.Join(parts, "; ")
}

// all lists every unexpired cookie, ordered by domain, path, name.
func (j *jar) all() []Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	out := make([]Cookie, 0, len(j.entries))
	for k, e := range j.entries {
		if j.expiredLocked(&e.Cookie, now) {
			delete(j.entries, k)
			continue
		}
		out = append(out, e.Cookie)
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Domain != y.Domain {
			return x.Domain < y.Domain
		}
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		return x.Name < y.Name
	})
	return out
}

// load seeds the jar with cookies that came another way than Set-Cookie
// (a saved file, a reply's body), under the same rules: expired ones,
// malformed ones and ones for domains outside the trusted set are skipped
// (they could never be sent anyway), one over MaxCookieBytes is dropped
// with a note (DroppedCookies), and an expiry past MaxExpiry is clamped.
func (j *jar) load(cs []Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	for _, c := range cs {
		if len(c.Name)+len(c.Value) > MaxCookieBytes {
			j.dropped = append(j.dropped, SanitizeText(c.Name, 64))
			continue
		}
		c.Domain = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(c.Domain), "."))
		if c.Path == "" || c.Path[0] != '/' {
			c.Path = "/"
		}
		if !ValidCookieName(c.Name) || !validCookieValue(c.Value) ||
			!j.trust.trustedCookieDomain(c.Domain) || j.expiredLocked(&c, now) {
			continue
		}
		if net.ParseIP(c.Domain) != nil {
			c.HostOnly = true
		}
		c.Expires = clampExpiry(c.Expires)
		j.storeLocked(c, false)
	}
}

// clear forgets every cookie (after a logout).
func (j *jar) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries = map[jarKey]*jarEntry{}
}

// ValidCookieName says whether s is an RFC 7230 token, as net/http
// requires of a cookie name; such a name never holds what separates fields,
// items or lines in any cookie file format either.
func ValidCookieName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b <= ' ' || b >= 0x7f || strings.IndexByte(`()<>@,;:\"/[]?={}`, b) >= 0 {
			return false
		}
	}
	return true
}

// validCookieValue follows net/http's leniency: printable ASCII without
// '"', ';' and '\'.
func validCookieValue(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b >= 0x7f || b == '"' || b == ';' || b == '\\' {
			return false
		}
	}
	return true
}
