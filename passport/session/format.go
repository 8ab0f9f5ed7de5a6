// Package session writes a verified bilibili.tv login to a file other tools
// can read (Netscape cookies.txt for yt-dlp and curl, a Cookie header line
// for BBDownT, or JSON) and reads such a file back. Files are written
// atomically with mode 0600 because the cookies are the login itself.
//
// No function here puts a cookie value into an error or a log line.
package session

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/biliqr/biliqr/passport"
)

// Format is one on-disk layout of a saved session.
type Format string

// The formats biliqr writes (PROTOCOL.md "Cookie files other tools read").
const (
	Netscape Format = "netscape" // cookies.txt: yt-dlp --cookies, curl -b
	Header   Format = "header"   // one "name=value; …" line: BBDownT -c, curl -H "Cookie: …"
	JSON     Format = "json"     // biliqr's own, every attribute kept
)

// Formats lists the valid formats in the order help text shows them.
var Formats = []Format{Netscape, Header, JSON}

// MaxFileSize bounds what Decode and ReadFile accept: a real session is a
// few hundred bytes, a browser export a few dozen kilobytes.
const MaxFileSize = 1 << 20

// Errors Decode wraps, so callers can tell an empty file from a corrupt one.
var (
	ErrEmpty    = errors.New("file is empty")
	ErrTooLarge = fmt.Errorf("file is larger than %d bytes", MaxFileSize)
	ErrCorrupt  = errors.New("not a valid cookie file")
)

const netscapeMagic = "# Netscape HTTP Cookie File"

// httpOnlyPrefix marks an HttpOnly cookie in cookies.txt (curl's and
// yt-dlp's convention; plain readers see a comment and skip the line).
const httpOnlyPrefix = "#HttpOnly_"

// metaPrefix starts the comment that carries the account, so Decode can
// recover who the file belongs to.
const metaPrefix = "# biliqr:"

// maxName is the most runes of an account or cookie name kept from a file.
const maxName = 64

// ParseFormat turns a user-given name (case-insensitive) into a Format.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, v := range Formats {
		if f == v {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown cookie format %q (valid: netscape, header, json)", s)
}

// Encode writes s to w in format f. It refuses a session that would make a
// broken file (no cookies, a name or value with control characters or
// ';', a Netscape cookie without a domain) instead of writing it.
func Encode(w io.Writer, s passport.Session, f Format) error {
	if len(s.Cookies) == 0 {
		return errors.New("nothing to save: the session has no cookies")
	}
	for _, c := range s.Cookies {
		if err := checkCookie(c, f); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	switch f {
	case Netscape:
		encodeNetscape(&buf, s)
	case Header:
		encodeHeader(&buf, s)
	case JSON:
		if err := encodeJSON(&buf, s); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown cookie format %q (valid: netscape, header, json)", string(f))
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// checkCookie says whether c can be written in f without corrupting the
// file. The error names the cookie, never its value.
func checkCookie(c passport.Cookie, f Format) error {
	if !passport.ValidCookieName(c.Name) {
		return fmt.Errorf("cannot save cookie %q: invalid name", passport.SanitizeText(c.Name, maxName))
	}
	if !validValue(c.Value) {
		return fmt.Errorf("cannot save cookie %q: its value has characters no cookie file can hold", c.Name)
	}
	if f == Netscape || f == JSON {
		if !validDomain(c.Domain, true) || strings.ContainsFunc(c.Path, isCtl) {
			return fmt.Errorf("cannot save cookie %q: invalid domain or path", c.Name)
		}
	}
	if f == Header && strings.TrimSpace(c.Value) != c.Value {
		// A Cookie header line cannot hold it: readers (biliqr's own, curl's)
		// trim the spaces around each name=value.
		return &FormatError{Cookie: c.Name}
	}
	if f == Netscape && strings.TrimPrefix(c.Domain, ".") == "" {
		return fmt.Errorf("cannot save cookie %q in %s format: it has no domain", c.Name, f)
	}
	return nil
}

// FormatError says the header format cannot hold a cookie of the session as
// it is (its value begins or ends with a space); another -format can.
type FormatError struct{ Cookie string }

func (e *FormatError) Error() string {
	return fmt.Sprintf("cannot save the session in header format: the value of cookie %q begins or ends with a space, which a Cookie header cannot keep; log in again with -format netscape or -format json", e.Cookie)
}

// Kind is its own, so that scripts can tell it from a file that cannot
// be written.
func (e *FormatError) Kind() passport.Kind { return passport.KindFormat }

// CookieName is the cookie's name (never its value), for the UI's words.
func (e *FormatError) CookieName() string { return e.Cookie }

func encodeNetscape(buf *bytes.Buffer, s passport.Session) {
	buf.WriteString(netscapeMagic + "\n")
	writeSessionBlock(buf, s)
}

// The comments biliqr writes above a session; a merge recognises them
// (line.ours) and writes them anew with the session.
const (
	writtenByPrefix = "# Written by biliqr"
	httpOnlyNote    = "# Lines starting with " + httpOnlyPrefix + " are HttpOnly cookies (curl and yt-dlp read them)."
)

// writeSessionBlock writes the session's comments and cookie lines: all of
// a Netscape file but its magic first line, and what a merge puts into a
// shared one.
func writeSessionBlock(buf *bytes.Buffer, s passport.Session) {
	if s.Mid > 0 {
		fmt.Fprintf(buf, writtenByPrefix+" for bilibili.tv account %d. Keep it private: these cookies are a login.\n", s.Mid)
	} else {
		buf.WriteString(writtenByPrefix + " for bilibili.tv. Keep it private: these cookies are a login.\n")
	}
	buf.WriteString(httpOnlyNote + "\n")
	if meta := metaLine(s.Account); meta != "" {
		buf.WriteString(meta + "\n")
	}
	for _, c := range s.Cookies {
		domain := strings.TrimPrefix(c.Domain, ".")
		flag := "FALSE"
		if !c.HostOnly {
			domain = "." + domain
			flag = "TRUE" // must agree with the leading dot, or Python's cookiejar refuses the file
		}
		if c.HTTPOnly {
			domain = httpOnlyPrefix + domain
		}
		fields := []string{domain, flag, cookiePath(c), boolField(c.Secure), strconv.FormatInt(expiry(c.Expires), 10), c.Name, c.Value}
		buf.WriteString(strings.Join(fields, "\t") + "\n")
	}
}

// metaLine is "# biliqr: mid=N name=…", or "" when there is nothing to say.
func metaLine(a passport.Account) string {
	name := passport.SanitizeText(a.Name, maxName)
	if a.Mid <= 0 && name == "" {
		return ""
	}
	line := metaPrefix + " mid=" + strconv.FormatInt(max(a.Mid, 0), 10)
	if name != "" {
		line += " name=" + name
	}
	return line
}

func encodeHeader(buf *bytes.Buffer, s passport.Session) {
	for i, c := range s.Cookies {
		if i > 0 {
			buf.WriteString("; ")
		}
		buf.WriteString(c.Name + "=" + c.Value)
	}
	buf.WriteString("\n")
}

// jsonFile is the JSON format's layout.
type jsonFile struct {
	Mid  int64  `json:"mid"`
	Name string `json:"name"`
	// Verified is false when the gateway could not confirm the login;
	// Unverified then says why (a kind name such as "device_id_needed" and
	// the server's code, 0 where there was none). Absent in older files.
	Verified   *bool           `json:"verified,omitempty"`
	Unverified *jsonUnverified `json:"unverified,omitempty"`
	Cookies    []jsonCookie    `json:"cookies"`
}

type jsonUnverified struct {
	Reason string `json:"reason"`
	Code   int    `json:"code,omitempty"`
}

type jsonCookie struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Domain   string `json:"domain"`
	HostOnly bool   `json:"host_only"`
	Path     string `json:"path"`
	Expires  string `json:"expires,omitempty"` // RFC 3339; absent for a session cookie
	Secure   bool   `json:"secure"`
	HTTPOnly bool   `json:"http_only"`
}

func encodeJSON(buf *bytes.Buffer, s passport.Session) error {
	verified := s.Verified()
	out := jsonFile{Mid: s.Mid, Name: passport.SanitizeText(s.Name, maxName), Verified: &verified, Cookies: make([]jsonCookie, 0, len(s.Cookies))}
	if !verified {
		out.Unverified = &jsonUnverified{Reason: passport.KindOf(s.Unverified).String(), Code: passport.CodeOf(s.Unverified)}
	}
	for _, c := range s.Cookies {
		jc := jsonCookie{
			Name: c.Name, Value: c.Value, Domain: strings.TrimPrefix(c.Domain, "."), HostOnly: c.HostOnly,
			Path: c.Path, Secure: c.Secure, HTTPOnly: c.HTTPOnly,
		}
		if !c.Expires.IsZero() {
			jc.Expires = clampExpiry(c.Expires).Format(time.RFC3339)
		}
		out.Cookies = append(out.Cookies, jc)
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return errors.New("cannot encode the session as JSON") // the cause could quote a value
	}
	return nil
}

// Decode reads a session in any format Encode writes, and a Netscape file
// exported from a browser (comments, #HttpOnly_ lines, CRLF, blank lines).
// It returns which format it found. Errors wrap ErrEmpty, ErrTooLarge or
// ErrCorrupt and name line numbers, never cookie values.
func Decode(data []byte) (passport.Session, Format, error) {
	if len(data) > MaxFileSize {
		return passport.Session{}, "", ErrTooLarge
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from a Windows editor
	text := strings.TrimSpace(string(data))
	if text == "" {
		return passport.Session{}, "", ErrEmpty
	}
	// A Netscape file may hold a comment in another encoding; its cookie
	// lines must be UTF-8 (parseNetscapeLine).
	if strings.ContainsRune(text, 0) || !utf8.ValidString(text) && !looksNetscape(text) {
		return passport.Session{}, "", fmt.Errorf("%w: it is not text", ErrCorrupt)
	}
	var (
		s   passport.Session
		f   Format
		err error
	)
	switch {
	case strings.HasPrefix(text, "{"):
		f = JSON
		s, err = decodeJSON([]byte(text))
	case looksNetscape(text):
		f = Netscape
		s, err = decodeNetscape(string(data)) // untrimmed: the last value may end in a tab-separated ""
	default:
		f = Header
		s, err = decodeHeader(text)
	}
	if err != nil {
		return passport.Session{}, "", err
	}
	s.Name = passport.SanitizeText(s.Name, maxName) // shown in the TUI; the file may have been edited
	if s.Mid == 0 {
		s.Mid = passport.MidFromCookies(s.Cookies)
	}
	return s, f, nil
}

// looksNetscape: the magic first line (with or without "Netscape"), or any
// line holding a tab, which the header format can never contain.
func looksNetscape(text string) bool {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if first == netscapeMagic || first == "# HTTP Cookie File" {
		return true
	}
	return strings.Contains(text, "\t")
}

func decodeNetscape(text string) (passport.Session, error) {
	var s passport.Session
	var bad error // the first line that is not a cookie
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 4096), MaxFileSize+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		httpOnly := false
		if rest, ok := strings.CutPrefix(line, httpOnlyPrefix); ok {
			httpOnly, line = true, rest
		} else if strings.HasPrefix(strings.TrimLeft(line, " \t"), "#") {
			if meta, ok := strings.CutPrefix(line, metaPrefix); ok {
				s.Account = parseMeta(meta)
			}
			continue
		}
		c, err := parseNetscapeLine(line)
		if err != nil {
			// A shared jar may hold a line of another site that only its
			// own tool reads; the session's cookies are still usable. A
			// file with no readable cookie at all is corrupt.
			if bad == nil {
				bad = fmt.Errorf("%w: line %d: %s", ErrCorrupt, n, err)
			}
			continue
		}
		c.HTTPOnly = httpOnly
		s.Cookies = append(s.Cookies, c)
	}
	if err := sc.Err(); err != nil {
		return passport.Session{}, fmt.Errorf("%w: a line is too long", ErrCorrupt)
	}
	if len(s.Cookies) == 0 && bad != nil {
		return passport.Session{}, bad
	}
	if len(s.Cookies) == 0 {
		return passport.Session{}, fmt.Errorf("%w: it holds no cookies", ErrCorrupt)
	}
	return s, nil
}

// parseNetscapeLine parses the 7 fields; its errors are plain words with
// no field contents.
func parseNetscapeLine(line string) (passport.Cookie, error) {
	if !utf8.ValidString(line) {
		return passport.Cookie{}, errors.New("is not UTF-8 text")
	}
	fields := strings.Split(line, "\t")
	if len(fields) != 7 {
		return passport.Cookie{}, fmt.Errorf("has %d tab-separated fields, want 7", len(fields))
	}
	domain, flag, path, secure, exp, name, value := fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]
	// curl lets the flag, not the dot, decide subdomain matching; follow it.
	includeSubdomains, ok := parseBool(flag)
	if !ok {
		return passport.Cookie{}, errors.New("second field is not TRUE or FALSE")
	}
	sec, ok := parseBool(secure)
	if !ok {
		return passport.Cookie{}, errors.New("fourth field is not TRUE or FALSE")
	}
	expires, ok := parseExpiry(exp)
	if !ok {
		return passport.Cookie{}, errors.New("expiry is not a number")
	}
	domain = strings.TrimPrefix(strings.TrimSpace(domain), ".")
	if strings.HasPrefix(domain, ".") || !validDomain(domain, false) {
		return passport.Cookie{}, errors.New("invalid domain")
	}
	if strings.ContainsFunc(path, isCtl) {
		return passport.Cookie{}, errors.New("invalid path")
	}
	if path == "" {
		path = "/"
	}
	if !passport.ValidCookieName(name) {
		return passport.Cookie{}, errors.New("invalid cookie name")
	}
	if !validValue(value) {
		return passport.Cookie{}, errors.New("cookie value has control characters")
	}
	return passport.Cookie{
		Name: name, Value: value, Domain: domain, HostOnly: !includeSubdomains,
		Path: path, Expires: expires, Secure: sec,
	}, nil
}

// parseMeta reads "mid=N name=…" after "# biliqr:"; the name runs to the
// end of the line because it may hold spaces.
func parseMeta(meta string) passport.Account {
	var a passport.Account
	meta = strings.TrimSpace(meta)
	midPart, name, hasName := strings.Cut(meta, " name=")
	if !hasName {
		name, hasName = strings.CutPrefix(meta, "name=")
		if hasName {
			midPart = ""
		}
	}
	if v, ok := strings.CutPrefix(strings.TrimSpace(midPart), "mid="); ok {
		if mid, err := strconv.ParseInt(v, 10, 64); err == nil && mid > 0 {
			a.Mid = mid
		}
	}
	if hasName {
		a.Name = passport.SanitizeText(name, maxName)
	}
	return a
}

func decodeHeader(text string) (passport.Session, error) {
	if strings.ContainsAny(text, "\r\n") {
		return passport.Session{}, fmt.Errorf("%w: not a Netscape cookie file, JSON, or a one-line cookie header", ErrCorrupt)
	}
	// Accept a pasted "Cookie: a=b" too.
	if len(text) > 7 && strings.EqualFold(text[:7], "cookie:") {
		text = text[7:]
	}
	var s passport.Session
	for i, part := range strings.Split(text, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !passport.ValidCookieName(name) {
			return passport.Session{}, fmt.Errorf("%w: item %d is not name=value", ErrCorrupt, i+1)
		}
		if !validValue(value) {
			return passport.Session{}, fmt.Errorf("%w: item %d has control characters", ErrCorrupt, i+1)
		}
		// A header line knows nothing of domains or attributes.
		s.Cookies = append(s.Cookies, passport.Cookie{Name: name, Value: value})
	}
	if len(s.Cookies) == 0 {
		return passport.Session{}, fmt.Errorf("%w: it holds no cookies", ErrCorrupt)
	}
	return s, nil
}

func decodeJSON(data []byte) (passport.Session, error) {
	var in jsonFile
	if err := json.Unmarshal(data, &in); err != nil {
		// encoding/json's messages can quote input; describe without them.
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return passport.Session{}, fmt.Errorf("%w: broken JSON at byte %d", ErrCorrupt, se.Offset)
		case errors.As(err, &te):
			return passport.Session{}, fmt.Errorf("%w: JSON field %q has the wrong type", ErrCorrupt, te.Field)
		}
		return passport.Session{}, fmt.Errorf("%w: broken JSON", ErrCorrupt)
	}
	if len(in.Cookies) == 0 {
		return passport.Session{}, fmt.Errorf("%w: it holds no cookies", ErrCorrupt)
	}
	s := passport.Session{Account: passport.Account{Mid: max(in.Mid, 0), Name: in.Name}}
	for i, jc := range in.Cookies {
		n := i + 1
		if !passport.ValidCookieName(jc.Name) {
			return passport.Session{}, fmt.Errorf("%w: cookie %d has an invalid name", ErrCorrupt, n)
		}
		if !validValue(jc.Value) {
			return passport.Session{}, fmt.Errorf("%w: cookie %d has control characters in its value", ErrCorrupt, n)
		}
		if !validDomain(jc.Domain, true) || strings.ContainsFunc(jc.Path, isCtl) {
			return passport.Session{}, fmt.Errorf("%w: cookie %d has an invalid domain or path", ErrCorrupt, n)
		}
		c := passport.Cookie{
			Name: jc.Name, Value: jc.Value, Domain: strings.TrimPrefix(jc.Domain, "."), HostOnly: jc.HostOnly,
			Path: jc.Path, Secure: jc.Secure, HTTPOnly: jc.HTTPOnly,
		}
		if jc.Expires != "" {
			t, err := time.Parse(time.RFC3339, jc.Expires)
			if err != nil {
				return passport.Session{}, fmt.Errorf("%w: cookie %d has an expiry that is not an RFC 3339 time", ErrCorrupt, n)
			}
			c.Expires = clampExpiry(t)
		}
		s.Cookies = append(s.Cookies, c)
	}
	return s, nil
}

func cookiePath(c passport.Cookie) string {
	if c.Path == "" {
		return "/"
	}
	return c.Path
}

func boolField(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

func parseBool(s string) (bool, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "TRUE":
		return true, true
	case "FALSE":
		return false, true
	}
	return false, false
}

// expiry is the Netscape expiry field: 0 for a session cookie. A set time at
// or before the epoch becomes 1 so it stays "expired", not "session".
func expiry(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return max(t.Unix(), 1)
}

// parseExpiry accepts integers and, as some browser extensions write,
// fractional seconds. Zero or negative means a session cookie.
func parseExpiry(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true // Python's cookiejar (so yt-dlp) writes a session cookie so
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		fl, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || math.IsNaN(fl) || math.IsInf(fl, 0) || math.Abs(fl) > 1e15 {
			return time.Time{}, false
		}
		n = int64(fl)
	}
	if n <= 0 {
		return time.Time{}, true
	}
	return time.Unix(min(n, maxExpiry), 0).UTC(), true
}

// The expiry range every format can hold: 0001-01-01T00:00:01Z to
// 9999-12-31T23:59:59Z, the span of RFC 3339 but its first second, which
// is Go's zero time: a cookie that expired then would read back as one
// that never expires.
const (
	minExpiry = -62135596800 + 1
	maxExpiry = 253402300799
)

// clampExpiry is t in whole seconds within minExpiry…maxExpiry: a time
// outside (a year 0, a year 12000) becomes the nearest one every format
// can hold, still on the same side of now.
func clampExpiry(t time.Time) time.Time {
	return time.Unix(min(max(t.Unix(), minExpiry), maxExpiry), 0).UTC()
}

// validDomain: a host name or IP literal (ASCII; IDNs appear as punycode
// in cookie files). Anything else, like a leading '#', would change the
// meaning of a cookies.txt line.
func validDomain(s string, emptyOK bool) bool {
	s = strings.TrimPrefix(s, ".")
	if s == "" {
		return emptyOK
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		ok := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte(".-_:[]", b) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// validValue: no control characters (they would split lines or fields)
// and no ';' (it would split a Cookie header).
func validValue(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return isCtl(r) || r == ';' })
}

func isCtl(r rune) bool { return r < 0x20 || r == 0x7f }
