package passport

import (
	"context"
	"net/http"
	"net/url"
)

// Logout ends the session on the server (PROTOCOL.md "Logout"): POST login/exit
// with csrf=<bili_jct> when there is a bili_jct. Code 0, or -101 or 10004005 (already out), clear the jar and
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
	// Either code that means "no session" means already logged out
	if env.Code != CodeOK && !notLoggedInCodes[env.Code] {
		return env.apiError(opExit)
	}
	c.jar.clear()
	return nil
}
