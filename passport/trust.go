package passport

import (
	"net"
	"net/url"
	"strings"
)

// trustedDomains are the registrable domains of the real service
// (PROTOCOL.md "Hosts and trust").
var trustedDomains = []string{"bilibili.tv", "biliintl.com"}

// trustSet decides which URLs may be requested (and sent cookies) and which
// cookie domains may be stored.
type trustSet struct {
	// hostPorts are exact "host:port" entries: the configured base URLs and
	// TrustedHosts entries that name a port.
	hostPorts map[string]bool
	// anyPort are TrustedHosts entries without a port: that host, any port.
	anyPort map[string]bool
}

func newTrustSet() *trustSet {
	return &trustSet{hostPorts: map[string]bool{}, anyPort: map[string]bool{}}
}

// addURL trusts the host and port of a configured base URL.
func (t *trustSet) addURL(u *url.URL) {
	t.hostPorts[net.JoinHostPort(strings.ToLower(u.Hostname()), effectivePort(u))] = true
}

// addHost trusts an Options.TrustedHosts entry: "host", "host:port" or
// "[::1]:port".
func (t *trustSet) addHost(entry string) {
	entry = strings.ToLower(strings.TrimSpace(entry))
	if entry == "" {
		return
	}
	if h, p, err := net.SplitHostPort(entry); err == nil {
		t.hostPorts[net.JoinHostPort(h, p)] = true
		return
	}
	t.anyPort[strings.Trim(entry, "[]")] = true
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "http" {
		return "80"
	}
	return "443"
}

// isBuiltinDomain reports whether host is bilibili.tv, biliintl.com or a
// subdomain of either.
func isBuiltinDomain(host string) bool {
	_, ok := builtinDomainOf(host)
	return ok
}

// builtinDomainOf is the trusted registrable domain host is, or is a
// subdomain of ("bilibili.tv" for api.bilibili.tv).
func builtinDomainOf(host string) (string, bool) {
	host = strings.ToLower(host)
	for _, d := range trustedDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return d, true
		}
	}
	return "", false
}

// trustedURL says whether u may be requested at all. The real service is
// trusted only over https on the default port; configured hosts (tests, a
// staging server) keep their port and may use plain http when loopback.
func (t *trustSet) trustedURL(u *url.URL) bool {
	if u == nil || u.User != nil || u.Host == "" || u.Opaque != "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return false
	}
	switch scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(host) {
			return false
		}
	default:
		return false
	}
	if scheme == "https" && (u.Port() == "" || u.Port() == "443") && isBuiltinDomain(host) {
		return true
	}
	if t.anyPort[host] {
		return true
	}
	return t.hostPorts[net.JoinHostPort(host, effectivePort(u))]
}

// trustedCookieDomain says whether a cookie for domain (no leading dot) may
// be kept: a builtin domain, a configured host, or (for names, not IPs) a
// subdomain of a configured host.
func (t *trustSet) trustedCookieDomain(domain string) bool {
	domain = strings.ToLower(domain)
	if domain == "" {
		return false
	}
	if isBuiltinDomain(domain) {
		return true
	}
	match := func(h string) bool {
		if h == domain {
			return true
		}
		return net.ParseIP(h) == nil && strings.HasSuffix(domain, "."+h)
	}
	for h := range t.anyPort {
		if match(h) {
			return true
		}
	}
	for hp := range t.hostPorts {
		if h, _, err := net.SplitHostPort(hp); err == nil && match(h) {
			return true
		}
	}
	return false
}

// IsLoopbackHost reports whether host (a hostname or IP, brackets and port
// allowed) is localhost, in 127.0.0.0/8, or ::1. Only such hosts may be
// reached over plain http, which keeps tests off the real network.
func IsLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
