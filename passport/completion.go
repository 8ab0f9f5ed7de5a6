package passport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

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
