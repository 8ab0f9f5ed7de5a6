package passport

// The fallbacks: what biliqr tries after a code-0 poll only when the
// session that poll set is not accepted (Complete). The site's own page
// (www.bilibili.tv bundle vendor-fd5e6eea, kept in Reyuki-san/bilibili-dl
// commit 7d4ad19) does none of this: on code 0 it reloads. The steps come
// from clients whose completion no live run has proven, and they stay
// while the live login test (BILIQR_LIVE_LOGIN) has not said which the
// real service needs (PROTOCOL.md "Complete"):
//   - go_url cookie pairs (gamersindo1223/dorothy login.js, commit a84a509,
//     2023-12): importGoURLCookies;
//   - web/sso/list, asked again after following go_url when it answers -101,
//     then every trusted SSO target (LOVAHE/BBDownT IntlLoginClient.cs; its
//     live test never logs in): completeFallbacks, ssoTargets;
//   - go_url followed once as a URL (BBDownT): goURLToFollow, follow.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// completeFallbacks are the completion steps of LOVAHE/BBDownT
// (BBDownT/IntlLoginClient.cs), with dorothy's go_url cookie pairs first,
// each best effort, then verification. They run only on a login the
// gateway did not accept, so they can never spoil a session that already
// verified.
func (c *Client) completeFallbacks(ctx context.Context, conf Confirmation, locale string) (Account, error) {
	c.importGoURLCookies(conf.GoURL)
	goURL := c.goURLToFollow(conf.GoURL)
	followed := false
	followGo := func() {
		followed = true
		_ = c.follow(ctx, opGoURL, goURL, locale) // best effort
	}

	env, err := c.callJSON(ctx, opSSO, http.MethodGet, endpoint(c.passport, pathSSO, locale, nil), locale)
	if cerr := ctx.Err(); cerr != nil {
		return Account{}, fmt.Errorf("%s: %w", opSSO, cerr)
	}
	if err == nil && env.Code == CodeNotLoggedIn && goURL != nil {
		followGo()
		env, err = c.callJSON(ctx, opSSO, http.MethodGet, endpoint(c.passport, pathSSO, locale, nil), locale)
		if cerr := ctx.Err(); cerr != nil {
			return Account{}, fmt.Errorf("%s: %w", opSSO, cerr)
		}
	}
	if err == nil && env.Code == CodeOK {
		for _, target := range c.ssoTargets(env.Data) {
			_ = c.follow(ctx, opTarget, target, locale) // one failure does not stop the others
			if cerr := ctx.Err(); cerr != nil {
				return Account{}, fmt.Errorf("%s: %w", opTarget, cerr)
			}
		}
	}

	acct, err := c.verify(ctx, locale)
	if errors.Is(err, ErrNotLoggedIn) && goURL != nil && !followed {
		followGo()
		acct, err = c.verify(ctx, locale)
	}
	return acct, err
}

// ssoTargets is BBDownT's second step: every trusted URL of data.sso, relative ones resolved
// against the passport host. Untrusted and malformed entries are skipped.
func (c *Client) ssoTargets(data json.RawMessage) []*url.URL {
	m, ok := jsonObject(data)
	if !ok {
		return nil
	}
	var list []json.RawMessage
	if json.Unmarshal(m["sso"], &list) != nil {
		return nil
	}
	var out []*url.URL
	for _, raw := range list {
		s := strings.TrimSpace(jsonString(raw))
		if s == "" {
			continue
		}
		u, err := c.passport.Parse(s)
		if err != nil || !c.trust.trustedURL(u) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// goURLToFollow is go_url as a trusted URL to request, or nil. Only an
// absolute http(s) URL or a path on the passport host counts: go_url in the
// cookie-pair shape (dorothy) is imported, never requested.
func (c *Client) goURLToFollow(s string) *url.URL {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://") &&
		(!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//")) {
		return nil
	}
	u, err := c.passport.Parse(s)
	if err != nil || !c.trust.trustedURL(u) {
		return nil
	}
	return u
}

// sessionCookieNames are the cookies a go_url may carry as name=value pairs.
var sessionCookieNames = map[string]bool{
	"SESSDATA": true, "bili_jct": true, "DedeUserID": true, "DedeUserID__ckMd5": true, "sid": true,
}

// importGoURLCookies is the go_url fallback of
// gamersindo1223/dorothy login.js (commit a84a509, 2023-12, a login that
// worked then): go_url carried the session as cookie pairs, in the order
// DedeUserID, DedeUserID__ckMd5, Expires, SESSDATA, bili_jct (and a
// trailing gourl), and that script copied them into its Cookie header. Read
// either from the query (or fragment) of such a URL or from a "name=value;
// name=value" string [inferred]. Only known session cookie names are taken,
// and only when none of that name is in the jar already (a Set-Cookie
// carries better attributes). They go to the passport's site domain
// (.bilibili.tv in production; the passport host itself elsewhere).
// Nothing is requested here, so this is safe for an untrusted go_url too.
func (c *Client) importGoURLCookies(s string) {
	pairs := goURLPairs(s)
	if len(pairs) == 0 {
		return
	}
	domain, hostOnly := c.siteDomain()
	// Expires: bilibili.com's cross-domain URL carries a lifetime in
	// seconds; a unix time is tolerated too. Unusable values mean a session
	// cookie.
	n, _ := strconv.ParseInt(pairs.Get("Expires"), 10, 64)
	expires := expiryOf(n, c.now())
	present := c.presentNames()
	var add []Cookie
	for name, vals := range pairs {
		if !sessionCookieNames[name] || present[name] || len(vals) == 0 || vals[0] == "" {
			continue
		}
		add = append(add, Cookie{
			Name: name, Value: vals[0], Domain: domain, HostOnly: hostOnly, Path: "/",
			Expires: expires, Secure: true, HTTPOnly: name == "SESSDATA",
		})
	}
	c.jar.load(add)
}

// goURLPairs splits go_url into its name=value pairs, taken raw as dorothy's
// regexp takes them: a SESSDATA value keeps its %2C, exactly as the cookie
// would hold it.
func goURLPairs(s string) url.Values {
	s = strings.TrimSpace(s)
	if s == "" || !strings.Contains(s, "=") {
		return nil
	}
	raw := s
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(s, "/") {
		u, err := url.Parse(s)
		if err != nil {
			return nil
		}
		raw = u.RawQuery + "&" + u.EscapedFragment()
		if i := strings.Index(u.EscapedFragment(), "?"); i >= 0 {
			raw = u.RawQuery + "&" + u.EscapedFragment()[i+1:]
		}
	}
	pairs := url.Values{}
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == ';' || r == '&' }) {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok {
			pairs.Add(strings.TrimSpace(name), strings.TrimSpace(value))
		}
	}
	return pairs
}

// follow requests u and follows up to maxRedirects redirects, each one
// checked against the trusted set before it is requested. The body is
// discarded: only the cookies matter.
func (c *Client) follow(ctx context.Context, op string, u *url.URL, locale string) error {
	for hop := 0; ; hop++ {
		if !c.trust.trustedURL(u) {
			return &UnexpectedReplyError{Op: op, Reason: "redirect to an untrusted host refused"}
		}
		resp, err := c.send(ctx, op, http.MethodGet, u, locale)
		if err != nil {
			return err
		}
		drainClose(resp)
		c.traceEvent(c.replyEvent(op, resp))
		switch resp.StatusCode {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			loc := resp.Header.Get("Location")
			if loc == "" {
				return &UnexpectedReplyError{Op: op, Reason: "redirect without a location"}
			}
			if hop >= maxRedirects {
				return &UnexpectedReplyError{Op: op, Reason: "too many redirects"}
			}
			next, err := u.Parse(loc)
			if err != nil {
				return &UnexpectedReplyError{Op: op, Reason: "redirect location does not parse"}
			}
			u = next
			continue
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return c.statusError(op, resp)
		}
		return nil
	}
}
