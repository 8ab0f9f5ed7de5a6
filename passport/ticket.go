package passport

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseTicket returns the ticket query parameter of a qr_url (PROTOCOL.md
// §1). A qr_url holding a byte that is not printable text (a control or C1
// character, a bidi override or other invisible format character, invalid
// UTF-8) is refused: it would reach the terminal inside the link and could
// rewrite what the screen shows. That refusal is retryable, like any other
// garbled reply. The error never repeats the URL.
func ParseTicket(qrURL string) (string, error) {
	if reason := unprintable(qrURL); reason != "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: reason}
	}
	u, err := url.Parse(qrURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: "QR URL does not parse", Permanent: true}
	}
	id := u.Query().Get("ticket")
	if id == "" {
		// A hash-routed page (…/#/login?ticket=…) would carry it in the
		// fragment; no source shows one, but reading it costs nothing.
		if f := u.EscapedFragment(); strings.Contains(f, "?") {
			if q, err := url.ParseQuery(f[strings.Index(f, "?")+1:]); err == nil {
				id = q.Get("ticket")
			}
		}
	}
	if id == "" {
		return "", &UnexpectedReplyError{Op: opTicket, Reason: "QR URL holds no ticket", Permanent: true}
	}
	return id, nil
}

// unprintable says why s is not printable text, or "" when it is: every
// rune valid UTF-8 and printable (unicode.IsPrint: letters, marks, numbers,
// punctuation, symbols and the ASCII space; no C0/C1 control, no format
// character such as U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C).
func unprintable(s string) string {
	if !utf8.ValidString(s) {
		return "QR URL is not valid UTF-8 text"
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return "QR URL holds a control or invisible character"
		}
	}
	return ""
}

// RequestTicket asks for a new QR ticket (PROTOCOL.md §1). A qr_url on an
// untrusted host is still returned, with Trusted false.
func (c *Client) RequestTicket(ctx context.Context, locale string) (Ticket, error) {
	env, err := c.callJSON(ctx, opTicket, http.MethodGet, endpoint(c.passport, pathTicket, locale, c.platform), locale)
	if err != nil {
		return Ticket{}, err
	}
	if env.Code != CodeOK {
		return Ticket{}, env.apiError(opTicket)
	}
	data, ok := jsonObject(env.Data)
	if !ok {
		return Ticket{}, &UnexpectedReplyError{Op: opTicket, Reason: "reply has no data", Permanent: noData(env.Data)}
	}
	qrURL := jsonString(data["qr_url"])
	if qrURL == "" {
		return Ticket{}, &UnexpectedReplyError{Op: opTicket, Reason: "reply has no qr_url", Permanent: true}
	}
	id, err := ParseTicket(qrURL)
	if err != nil {
		return Ticket{}, err
	}
	u, _ := url.Parse(qrURL) // parsed fine in ParseTicket
	t := Ticket{
		ID:      id,
		QRURL:   qrURL,
		QRType:  opaqueString(data["qr_type"]),
		Host:    SanitizeText(u.Host, 255),
		Trusted: c.trust.trustedURL(u),
	}
	t.HostTrusted = t.Trusted
	if !t.Trusted {
		// say which part is wrong: an http link to www.bilibili.tv has a
		// bad scheme, and https://user@www.bilibili.tv/ user info, not an
		// unexpected host
		if !strings.EqualFold(u.Scheme, "https") {
			t.InsecureScheme = SanitizeText(strings.ToLower(u.Scheme), 20)
		}
		t.UserInfo = u.User != nil
		clean := *u
		clean.Scheme, clean.User = "https", nil
		t.HostTrusted = c.trust.trustedURL(&clean)
	}
	return t, nil
}

// opaqueString turns a JSON string or number into text ("" otherwise): the
// API docs send qr_type as a string, BBDownT's fixtures as a number
// (PROTOCOL.md §1).
func opaqueString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		return SanitizeText(jsonString(raw), 64)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
