package passporttest

import (
	"net/url"
	"strconv"

	"github.com/biliqr/biliqr/passport"
)

// The readings of a client that arrives as the site's own page does: the
// buvid3 device cookie, the platform=tv success body, the second verifier
// and dorothy's go_url (PROTOCOL.md).

// lacksDevice: RequireDevice is on and the request has no buvid3 in the
// site's format.
func (c *call) lacksDevice() bool {
	return c.s.opts.RequireDevice && !passport.WellFormedDevice(cookieValue(c.r, passport.DeviceCookie))
}

// account answers member/web/account, the check Bilibili International's
// own bilibili-studio app makes: code 0 with mid, uname and face.
func (c *call) account() {
	s, o := c.s, c.s.opts
	s.mu.Lock()
	sess := s.sessionOf(c.r)
	userCode := s.userCode
	s.mu.Unlock()
	code := passport.CodeOK
	switch {
	case o.Account == AccountLoggedOut || sess == nil:
		code = passport.CodeNotLoggedIn
	case c.lacksDevice():
		code = passport.CodeDeviceIDNeeded
	case o.Account == AccountMirrorsUser && o.User == UserNotLoggedIn:
		code = passport.CodeNotLoggedIn
	case o.Account == AccountMirrorsUser:
		code = userCode
	}
	if code != passport.CodeOK {
		c.envelope(code, messageOf(code), nil)
		return
	}
	c.envelope(0, "0", map[string]any{"mid": o.Mid, "uname": o.Name, "face": ""})
}

// cookieInfoData is the code-0 poll's data in the platform=tv shape: the
// session cookies and the tokens in the body. The domains list the
// passport host (where the fake's cookies belong) and one foreign domain a
// correct client skips.
func (c *call) cookieInfoData(sess *session) map[string]any {
	s, o := c.s, c.s.opts
	s.mu.Lock()
	v := *sess
	access, refresh := randHex(16), randHex(16)
	s.addSecret(access)
	s.addSecret(refresh)
	s.mu.Unlock()
	expires := s.now().Add(CookieLifetime).Unix()
	mid := strconv.FormatInt(o.Mid, 10)
	cookie := func(name, value string, httpOnly int) map[string]any {
		return map[string]any{"name": name, "value": value, "expires": expires, "http_only": httpOnly, "secure": 0}
	}
	s.emit(Event{Kind: EventLoggedIn, Host: c.host, Path: c.r.URL.Path})
	cookies := []any{cookie(CookieSESSDATA, v.sessdata, 1), cookie(CookieBiliJct, v.jct, 0),
		cookie(CookieUserID, mid, 0), cookie(CookieUserIDMd5, v.ckmd5, 0)}
	domains := []string{s.hostIP(HostPassport), "evil.example"}
	if o.CookieInfoFlood {
		for i := range FloodSize {
			cookies = append(cookies, map[string]any{"name": "f" + strconv.Itoa(i), "value": "1"})
			if i%2 == 0 {
				domains = append(domains, "d"+strconv.Itoa(i)+".bilibili.tv")
			} else {
				domains = append(domains, "d"+strconv.Itoa(i)+".x")
			}
		}
	}
	return map[string]any{
		"token_info":  map[string]any{"mid": o.Mid, "access_token": access, "refresh_token": refresh, "expires_in": int(CookieLifetime.Seconds())},
		"cookie_info": map[string]any{"cookies": cookies, "domains": domains},
	}
}

// FloodSize is how many filler cookies and domains Options.CookieInfoFlood
// adds: the 87 KB reply that once ran biliqr out of memory.
const FloodSize = 3000

// goURLPairsDorothy is the go_url of dorothy's working login (GoURLCookiePairsDorothy). It
// is never meant to be requested: the pairs are the session.
func (s *Server) goURLPairsDorothy(sess *session) string {
	s.mu.Lock()
	sessdata := sess.sessdata
	s.mu.Unlock()
	return s.PassportURL() + EndpointGo +
		"?" + CookieUserID + "=" + strconv.FormatInt(s.opts.Mid, 10) +
		"&" + CookieUserIDMd5 + "=" + sess.ckmd5 +
		"&Expires=" + strconv.FormatInt(int64(CookieLifetime.Seconds()), 10) +
		"&" + CookieSESSDATA + "=" + sessdata +
		"&" + CookieBiliJct + "=" + sess.jct +
		"&gourl=" + url.QueryEscape("https://www.bilibili.tv/")
}
