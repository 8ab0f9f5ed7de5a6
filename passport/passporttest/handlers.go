package passporttest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/biliqr/biliqr/passport"
)

// call is one request being answered.
type call struct {
	s    *Server
	host string // host label
	idx  int    // index in s.requests
	w    http.ResponseWriter
	r    *http.Request
}

type route struct {
	method string
	fn     func(*call)
}

// routes is which endpoints each host serves. The untrusted host answers
// every path with a plain page (see handler): it only needs to be seen.
var routes = map[string]map[string]route{
	HostPassport: {
		EndpointTicket:    {http.MethodGet, (*call).ticket},
		EndpointPoll:      {http.MethodGet, (*call).poll},
		EndpointSSO:       {http.MethodGet, (*call).ssoList},
		EndpointLogout:    {http.MethodPost, (*call).logout},
		EndpointGo:        {http.MethodGet, (*call).goURL},
		EndpointSSOTarget: {http.MethodGet, (*call).ssoTarget},
		EndpointRedirect:  {http.MethodGet, (*call).hop},
	},
	HostAPI: {
		EndpointUser:    {http.MethodGet, (*call).user},
		EndpointAccount: {http.MethodGet, (*call).account},
	},
	HostSecond: {
		EndpointSSOTarget: {http.MethodGet, (*call).ssoTarget},
		EndpointRedirect:  {http.MethodGet, (*call).hop},
	},
}

func (s *Server) handler(host string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{s: s, host: host, idx: s.record(host, r), w: w, r: r}
		if f, ok := s.takeFault(r.URL.Path); ok {
			c.fault(f)
			return
		}
		if host == HostUntrusted {
			c.page(http.StatusOK, "untrusted host")
			return
		}
		rt, ok := routes[host][r.URL.Path]
		switch {
		case !ok:
			c.envelopeStatus(http.StatusNotFound, -404, "not found", nil)
		case r.Method != rt.method:
			c.envelopeStatus(http.StatusMethodNotAllowed, -405, "method not allowed", nil)
		default:
			rt.fn(c)
		}
	})
}

// ticket issues a QR ticket (PROTOCOL.md §1).
func (c *call) ticket() {
	s := c.s
	s.mu.Lock()
	t := &ticket{id: s.nextTicketID(), issued: s.now(), state: s.pending}
	s.pending = stWaiting
	s.addSecret(t.id)
	if s.opts.TicketCookie {
		t.cookie = randHex(8)
		s.addSecret(t.cookie)
	}
	s.tickets = append(s.tickets, t)
	s.byID[t.id] = t
	s.mu.Unlock()
	s.emit(Event{Kind: EventTicket, Host: c.host, Path: c.r.URL.Path, Ticket: t.id})

	scheme := s.opts.QRURLScheme
	if scheme == "" {
		scheme = "https"
	}
	u := scheme + "://" + s.opts.QRURLHost + "/h5/" + siteOf(c.r) + "/qrcode/login"
	if !s.opts.QRURLNoTicket {
		u += "?ticket=" + url.QueryEscape(t.id)
	}
	var qrType any = "qrcode_login"
	if s.opts.QRTypeNumber {
		qrType = 1
	}
	if t.cookie != "" {
		c.setCookie(CookieTicket, t.cookie, false, true)
	}
	c.envelope(0, "0", map[string]any{"qr_url": u, "qr_type": qrType})
}

// siteOf maps s_locale (or BBDownT's sLocale) to the qr_url site code; locales
// without a site (zh_ZH) and unknown ones get the default, en.
func siteOf(r *http.Request) string {
	q := r.URL.Query()
	code := q.Get("s_locale")
	if code == "" {
		code = q.Get("sLocale")
	}
	if l, ok := passport.LookupLocale(code); ok && l.Site != "" {
		return l.Site
	}
	return "en"
}

// poll answers the scan status of a ticket (PROTOCOL.md §2).
func (c *call) poll() {
	s := c.s
	id := c.r.URL.Query().Get("ticket")
	s.mu.Lock()
	t := s.byID[id]
	if t != nil && s.opts.TicketCookie && cookieValue(c.r, CookieTicket) != t.cookie {
		t = nil
	}
	code, sess := s.advanceLocked(t)
	s.mu.Unlock()
	if sess == nil {
		c.envelope(code, messageOf(code), nil)
		return
	}
	c.confirmed(sess)
}

// advanceLocked answers one poll of t (nil: unknown ticket) and moves it
// on as the options script; a login is made on the code-0 answer. Callers
// hold s.mu.
func (s *Server) advanceLocked(t *ticket) (int, *session) {
	o := s.opts
	if t == nil {
		return passport.CodeExpired, nil
	}
	if o.TicketLifetime > 0 && t.state < stUsed && !s.now().Before(t.issued.Add(o.TicketLifetime)) {
		t.state = stExpired
	}
	switch t.state {
	case stWaiting:
		t.polls++
		if o.AutoScanAfterPolls > 0 && t.polls >= o.AutoScanAfterPolls {
			t.state, t.polls = stScanned, 0
		}
		return passport.CodeNotScanned, nil
	case stScanned:
		t.polls++
		if o.AutoConfirmAfterPolls > 0 && t.polls >= o.AutoConfirmAfterPolls {
			t.state, t.polls = stConfirmed, 0
		}
		return passport.CodeScanned, nil
	case stConfirmed:
		t.state = stUsed // code 0 only once per ticket
		return passport.CodeOK, s.newSession()
	}
	return passport.CodeExpired, nil
}

// confirmed is the code-0 poll of a login, shaped by the options.
func (c *call) confirmed(sess *session) {
	s, o := c.s, c.s.opts
	if o.CookiesVia == ViaPoll && o.ConfirmData != ConfirmDataCookieInfo {
		c.setSession(sess)
	}
	switch o.ConfirmData {
	case ConfirmDataMissing:
		c.envelope(0, "0", nil)
		return
	case ConfirmDataNull:
		c.raw(0, []byte(`{"code":0,"message":"0","ttl":1,"data":null}`))
		return
	case ConfirmDataString:
		c.raw(0, []byte(`{"code":0,"message":"0","ttl":1,"data":"ok"}`))
		return
	case ConfirmDataCookieInfo:
		c.envelope(0, "0", c.cookieInfoData(sess))
		return
	}
	c.envelope(0, "0", map[string]any{
		"mid":    o.Mid,
		"is_new": false,
		"go_url": s.goURLFor(sess),
		"user_profile": map[string]any{
			"is_userBlankProfile": false,
			"name":                o.Name,
			"face":                "",
		},
	})
}

// goURLFor is the go_url of a login, per Options.GoURL.
func (s *Server) goURLFor(sess *session) string {
	q := url.Values{"k": {sess.nonce}}
	switch s.opts.GoURL {
	case GoURLTrusted:
		return s.PassportURL() + EndpointGo + "?" + q.Encode()
	case GoURLUntrusted:
		return s.UntrustedURL() + EndpointGo + "?" + q.Encode()
	case GoURLCookiePairs:
		s.mu.Lock()
		q.Set(CookieSESSDATA, sess.sessdata)
		s.mu.Unlock()
		q.Set(CookieBiliJct, sess.jct)
		q.Set(CookieUserID, strconv.FormatInt(s.opts.Mid, 10))
		q.Set(CookieUserIDMd5, sess.ckmd5)
		return s.PassportURL() + EndpointGo + "?" + q.Encode()
	case GoURLCookiePairsRaw:
		s.mu.Lock()
		sessdata := sess.sessdata
		s.mu.Unlock()
		return s.PassportURL() + EndpointGo + "?" + q.Encode() +
			"&" + CookieSESSDATA + "=" + sessdata + "&" + CookieBiliJct + "=" + sess.jct +
			"&" + CookieUserID + "=" + strconv.FormatInt(s.opts.Mid, 10) + "&" + CookieUserIDMd5 + "=" + sess.ckmd5
	case GoURLCookiePairsDorothy:
		return s.goURLPairsDorothy(sess)
	}
	return ""
}

// cookiesFromSSO says whether the session cookies come only through the
// passport-host SSO target, so sso/list must answer before they exist.
func (s *Server) cookiesFromSSO() bool {
	return s.opts.CookiesVia == ViaSSO || (s.opts.CookiesVia == ViaRedirects && s.opts.GoURL == GoURLEmpty)
}

// goURL is the fake's go_url target.
func (c *call) goURL() {
	s := c.s
	sess := c.sessionByNonce()
	if sess == nil {
		c.page(http.StatusNotFound, "unknown login")
		return
	}
	s.mu.Lock()
	sess.goFollowed = true
	s.mu.Unlock()
	switch s.opts.CookiesVia {
	case ViaGoURL:
		c.setSession(sess)
	case ViaRedirects:
		c.redirect(0, sess)
		return
	}
	c.page(http.StatusOK, "login complete")
}

// ssoList answers web/sso/list (PROTOCOL.md §3).
func (c *call) ssoList() {
	s, o := c.s, c.s.opts
	s.mu.Lock()
	sess := s.sessionOf(c.r)
	if sess == nil && s.cookiesFromSSO() && s.last != nil && s.last.valid {
		sess = s.last
	}
	if sess != nil && o.SSOListNotLoggedInFirst && !sess.goFollowed {
		sess = nil
	}
	s.mu.Unlock()
	if sess == nil {
		c.envelope(passport.CodeNotLoggedIn, messageOf(passport.CodeNotLoggedIn), nil)
		return
	}
	k := "?" + url.Values{"k": {sess.nonce}}.Encode()
	list := []string{}
	if o.CookiesVia == ViaPoll {
		// The site's own flow (its bundle) never needs sso/list: nothing to visit.
		c.envelope(0, "0", map[string]any{"sso": list})
		return
	}
	if o.SSOFailingTarget {
		list = append(list, s.SecondURL()+EndpointSSOTarget+"?fail=1")
	}
	if s.cookiesFromSSO() {
		base := s.PassportURL()
		if o.SSORelative {
			base = ""
		}
		list = append(list, base+EndpointSSOTarget+k)
	}
	list = append(list, s.SecondURL()+EndpointSSOTarget+k, s.UntrustedURL()+EndpointSSOTarget+k)
	c.envelope(0, "0", map[string]any{"sso": list})
}

// ssoTarget is an SSO target: on the second host it sets CookieSecond; on
// the passport host it delivers the session when the cookies come via SSO.
func (c *call) ssoTarget() {
	s := c.s
	if c.r.URL.Query().Get("fail") != "" {
		c.page(http.StatusInternalServerError, "sso target failed")
		return
	}
	sess := c.sessionByNonce()
	if sess == nil {
		c.page(http.StatusNotFound, "unknown login")
		return
	}
	switch {
	case c.host == HostSecond:
		c.setCookie(CookieSecond, sess.second, true, true)
	case s.opts.CookiesVia == ViaSSO:
		c.setSession(sess)
	case s.cookiesFromSSO(): // ViaRedirects without go_url
		c.redirect(0, sess)
		return
	}
	c.page(http.StatusOK, "sso ok")
}

// redirectCodes are cycled through so a client meets every redirect kind.
var redirectCodes = []int{http.StatusFound, http.StatusMovedPermanently, http.StatusSeeOther,
	http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

// redirect sends the client from hop `from` (0 = the go_url or SSO target)
// to hop from+1. Hops alternate hosts so the last one is the passport host,
// the only one whose cookies reach the api host.
func (c *call) redirect(from int, sess *session) {
	s := c.s
	next := from + 1
	base := s.SecondURL()
	switch {
	case s.opts.RedirectUntrusted && from == 0:
		base = s.UntrustedURL()
	case (s.hops-next)%2 == 0:
		base = s.PassportURL()
	}
	loc := base + EndpointRedirect + "?" + url.Values{"k": {sess.nonce}, "n": {strconv.Itoa(next)}}.Encode()
	status := redirectCodes[from%len(redirectCodes)]
	c.w.Header().Set("Location", loc)
	c.w.WriteHeader(status)
	c.s.answered(c.idx, status, 0, false)
}

// hop is one redirect hop; the last sets the session cookies.
func (c *call) hop() {
	sess := c.sessionByNonce()
	n, err := strconv.Atoi(c.r.URL.Query().Get("n"))
	if sess == nil || err != nil || n < 1 || n > c.s.hops {
		c.page(http.StatusNotFound, "unknown hop")
		return
	}
	if n < c.s.hops {
		c.redirect(n, sess)
		return
	}
	c.setSession(sess)
	c.page(http.StatusOK, "login complete")
}

// user answers the gateway's "who is this cookie" (PROTOCOL.md §4).
func (c *call) user() {
	s, o := c.s, c.s.opts
	s.mu.Lock()
	sess := s.sessionOf(c.r)
	rotated := ""
	if sess != nil && o.RotateOnVerify && !sess.rotated {
		delete(s.sessions, sess.sessdata)
		sess.sessdata = s.newSESSDATA()
		s.sessions[sess.sessdata] = sess
		sess.rotated = true
		rotated = sess.sessdata
	}
	userCode := s.userCode
	s.mu.Unlock()
	if c.lacksDevice() {
		c.envelope(passport.CodeDeviceIDNeeded, messageOf(passport.CodeDeviceIDNeeded), nil)
		return
	}

	if o.User == UserNotLoggedIn || (sess == nil && o.AnonymousCode0) {
		c.envelope(0, "0", map[string]any{"is_login": false})
		return
	}
	if sess == nil && o.ConfirmWithoutCookies {
		c.envelope(0, "0", map[string]any{"is_login": true})
		return
	}
	if sess == nil {
		c.envelope(passport.CodeNotLoggedIn, messageOf(passport.CodeNotLoggedIn), nil)
		return
	}
	if userCode != 0 {
		c.envelope(userCode, messageOf(userCode), nil)
		return
	}
	if rotated != "" {
		c.setCookie(CookieSESSDATA, rotated, true, !o.NoHTTPOnly)
	}
	data := map[string]any{"is_login": true}
	switch o.User {
	case UserDocumented:
		data["mid"], data["uname"] = o.Mid, o.Name
	case UserNameOtherKeys:
		data["mid"], data["nickname"] = o.Mid, o.Name
		data["user"] = map[string]any{"name": o.Name}
	}
	if info, ok := vipInfo(o.VIP); ok {
		data["vip_info"] = info
	}
	c.envelope(0, "0", data)
}

// vipInfo is v2/user's vip_info for shape (ok false: none at all).
func vipInfo(shape VIPShape) (any, bool) {
	switch shape {
	case VIPPremium:
		return map[string]any{"is_vip": true}, true
	case VIPFree:
		return map[string]any{"is_vip": false}, true
	case VIPPremiumInt:
		return map[string]any{"is_vip": 1}, true
	case VIPFreeInt:
		return map[string]any{"is_vip": 0}, true
	case VIPNull:
		return nil, true
	}
	return nil, false
}

// logout ends a session: POST with csrf=<bili_jct> and the session cookies.
func (c *call) logout() {
	s := c.s
	csrf := c.r.URL.Query().Get("csrf")
	if csrf == "" {
		csrf = c.r.PostFormValue("csrf")
	}
	code := passport.CodeOK
	s.mu.Lock()
	sess := s.sessionOf(c.r)
	switch {
	case sess == nil:
		code = passport.CodeNotLoggedIn
	case csrf != sess.jct:
		code = -111
	default:
		sess.valid = false
		delete(s.sessions, sess.sessdata)
	}
	s.mu.Unlock()
	if code == passport.CodeOK {
		for _, name := range []string{CookieSESSDATA, CookieBiliJct, CookieUserID, CookieUserIDMd5} {
			ck := &http.Cookie{Name: name, Path: "/", MaxAge: -1}
			if s.opts.CookieDomain {
				ck.Domain = s.hostIP(c.host)
			}
			http.SetCookie(c.w, ck)
		}
	}
	c.envelope(code, messageOf(code), nil)
}

// messageOf is the server's text for a code (English; the real service
// localizes it, which no client relies on).
func messageOf(code int) string {
	switch code {
	case passport.CodeOK:
		return "0"
	case passport.CodeNotScanned:
		return "QR code not scanned"
	case passport.CodeScanned:
		return "QR code scanned, confirm on the phone"
	case passport.CodeExpired:
		return "QR code expired"
	case passport.CodeNotLoggedIn:
		return "not logged in"
	case -111:
		return "csrf check failed"
	case passport.CodeDeviceIDNeeded:
		return "buvid required"
	case passport.CodePremiumNeeded:
		return "premium membership required"
	case passport.CodeLoginRequired:
		return "login required"
	}
	return "error"
}

func (c *call) sessionByNonce() *session {
	k := c.r.URL.Query().Get("k")
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.s.nonces[k]
}

func cookieValue(r *http.Request, name string) string {
	if ck, err := r.Cookie(name); err == nil {
		return ck.Value
	}
	return ""
}

// setSession adds the Set-Cookie headers of a login on this host.
func (c *call) setSession(sess *session) {
	s := c.s
	s.mu.Lock()
	v := *sess
	s.mu.Unlock()
	for i := range s.opts.CookieFlood {
		c.w.Header().Add("Set-Cookie", "flood"+strconv.Itoa(i)+"=1; Path=/")
	}
	if s.opts.ConfirmWithoutCookies {
		s.emit(Event{Kind: EventLoggedIn, Host: c.host, Path: c.r.URL.Path})
		return
	}
	c.setCookie(CookieSESSDATA, v.sessdata, true, !s.opts.NoHTTPOnly)
	c.setCookie(CookieBiliJct, v.jct, true, false)
	c.setCookie(CookieUserID, strconv.FormatInt(s.opts.Mid, 10), true, false)
	c.setCookie(CookieUserIDMd5, v.ckmd5, true, false)
	if s.opts.SiteCookies {
		c.setCookie(CookieJoyJct, v.jct, true, false)
		c.setCookie(CookieMid, strconv.FormatInt(s.opts.Mid, 10), true, false)
		c.setCookie(CookieBuvid4, v.buvid4, true, false)
	}
	if s.opts.ForeignDomainCookie {
		http.SetCookie(c.w, &http.Cookie{Name: CookieForeign, Value: "1", Domain: "evil.example", Path: "/"})
	}
	if s.opts.HostileSizes {
		c.w.Header().Add("Set-Cookie", CookieHuge+"="+strings.Repeat("h", 5000)+"; Path=/")
	}
	s.emit(Event{Kind: EventLoggedIn, Host: c.host, Path: c.r.URL.Path})
}

// setCookie adds one Set-Cookie with the attributes the options ask for.
func (c *call) setCookie(name, value string, persistent, httpOnly bool) {
	o := c.s.opts
	ck := &http.Cookie{Name: name, Value: value, Path: "/", Secure: !o.NoSecure, HttpOnly: httpOnly}
	if o.CookieDomain {
		ck.Domain = c.s.hostIP(c.host)
	}
	if persistent && o.HostileSizes && name == CookieSESSDATA {
		c.w.Header().Add("Set-Cookie", ck.String()+"; Max-Age=300000000000")
		return
	}
	if persistent {
		switch o.CookieExpiry {
		case ExpiryExpires:
			ck.Expires = c.s.now().Add(CookieLifetime).UTC()
		case ExpiryMaxAge:
			ck.MaxAge = int(CookieLifetime.Seconds())
		}
	}
	http.SetCookie(c.w, ck)
}

// envelope writes a 200 JSON envelope.
func (c *call) envelope(code int, msg string, data map[string]any) {
	c.envelopeStatus(http.StatusOK, code, msg, data)
}

func (c *call) envelopeStatus(status, code int, msg string, data map[string]any) {
	c.write(status, "application/json; charset=utf-8", c.s.envelopeBody(code, msg, data), code, true)
}

// raw writes a 200 JSON body exactly as given (shapes envelope cannot make).
func (c *call) raw(code int, body []byte) {
	c.write(http.StatusOK, "application/json; charset=utf-8", body, code, true)
}

// page writes a small HTML page (targets, hops, errors outside the API).
func (c *call) page(status int, text string) {
	c.write(status, "text/html; charset=utf-8",
		[]byte("<!DOCTYPE html><html><body><p>"+text+"</p></body></html>"), 0, false)
}

func (c *call) write(status int, ctype string, body []byte, code int, enveloped bool) {
	h := c.w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(status)
	c.w.Write(body) //nolint:errcheck // the client may be gone; nothing to do
	c.s.answered(c.idx, status, code, enveloped)
}

// envelopeBody is {"code","message","ttl","data"} shaped by the options.
func (s *Server) envelopeBody(code int, msg string, data map[string]any) []byte {
	env := map[string]any{"code": code, "message": msg}
	if !s.opts.OmitTTL {
		env["ttl"] = 1
	}
	switch {
	case code == 0 && data != nil:
		env["data"] = data
	case code != 0 && s.opts.NonZeroData == DataNull:
		env["data"] = nil
	case code != 0 && s.opts.NonZeroData == DataEmptyObject:
		env["data"] = map[string]any{}
	}
	if s.opts.ExtraFields {
		addExtras(env)
	}
	b, err := json.Marshal(env)
	if err != nil {
		panic("passporttest: " + err.Error())
	}
	return b
}

// addExtras puts unknown fields into m and every object inside it.
func addExtras(m map[string]any) {
	for _, v := range m {
		if sub, ok := v.(map[string]any); ok {
			addExtras(sub)
		}
	}
	m["x_unknown"] = map[string]any{"nested": []any{1, "two", nil, 3.5}}
	m["x_flag"] = true
}
