package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/biliqr/biliqr/passport"
)

// Trusted says whether a cookie domain (no leading dot) is the session's:
// bilibili.tv, biliintl.com, their subdomains and the configured hosts
// (passport.Client.TrustsCookieDomain). Every other domain belongs to
// another site, whose lines a save keeps exactly as they were.
type Trusted func(domain string) bool

// Errors of a file at the output path that is not ours to replace. They are
// wrapped in a *FileError.
var (
	// ErrForeign: not a cookie file, nor a session biliqr wrote.
	ErrForeign = errors.New("is not a cookie file or a session biliqr wrote; biliqr leaves it as it is: give another -o")
	// ErrSharedFormat: a Netscape jar that holds other sites' cookies (or no
	// bilibili.tv ones) cannot become a header or JSON file without losing them.
	ErrSharedFormat = errors.New("is a Netscape cookie file of other sites too, which -format header or json would replace; use -format netscape (the session is merged into it) or another -o")
	// ErrLargeJar: a Netscape jar that is, or with the session merged in
	// could grow, larger than MaxFileSize, which biliqr would not read back.
	ErrLargeJar = fmt.Errorf("is a Netscape cookie file too large to merge the session into: with it, it could pass %d bytes (1 MiB), the most biliqr reads back; biliqr leaves it as it is: give another -o (yt-dlp and curl can each take a file of their own)", MaxFileSize)
	// ErrLargeFile: any other file larger than MaxFileSize.
	ErrLargeFile = fmt.Errorf("is larger than %d bytes (1 MiB), the most biliqr reads, and is no session biliqr wrote; biliqr leaves it as it is: give another -o", MaxFileSize)
)

// mergeRoom is what a merge may add to a jar at most, as the start-up
// check counts it: a session's block is a few kilobytes (every cookie is
// at most passport.MaxCookieBytes), and this leaves room for a dozen
// cookies of that size.
const mergeRoom = 64 << 10

// Target is what a file at the output path holds, as far as saving into it
// goes.
type Target struct {
	Exists bool   // a non-empty file is there
	Format Format // its format, when it Exists
	// Session: it holds cookies of the trusted domains (a saved session,
	// valid or not, worth checking before a new login).
	Session bool
	// Others counts the cookie lines of other sites (Netscape only): the
	// file is a shared jar, and a save merges into it.
	Others int
	// Size is the file's length in bytes.
	Size int
}

// Shared says whether the file holds cookies of other sites too.
func (t Target) Shared() bool { return t.Others > 0 }

// Inspect reads what is at path and says whether it is ours to save into,
// before any QR code is shown, so that nothing is lost by a login:
//   - nothing there, or an empty file: a new file will be written;
//   - a Netscape cookie file (the magic first line, or every line a cookie):
//     a jar, the session is merged into it;
//   - a JSON file of the shape biliqr writes (mid, name, cookies with
//     biliqr's fields and no others), or a one-line Cookie header that holds
//     a bilibili.tv session cookie (SESSDATA, bili_jct or DedeUserID): a
//     session of ours, replaced;
//   - anything else (a text file, an image, someone else's JSON, a file over
//     MaxFileSize): ErrForeign, never overwritten.
//
// Symlinks, directories and other non-regular files are refused as by
// ReadFile. Errors are *FileError with Op "read".
func Inspect(path string, trusted Trusted) (Target, error) {
	t, _, err := inspect(path, trusted)
	return t, err
}

// CheckFormat says whether a session in format f may be saved over t: a
// shared jar stays Netscape, and one that a merge could take past
// MaxFileSize is not merged into (what biliqr writes, it reads back).
func (t Target) CheckFormat(f Format) error {
	if t.Exists && t.Format == Netscape && f != Netscape && (t.Shared() || !t.Session) {
		return ErrSharedFormat
	}
	if t.Exists && t.Format == Netscape && f == Netscape && t.Size+mergeRoom > MaxFileSize {
		return ErrLargeJar
	}
	return nil
}

// readRaw reads a regular file whole, up to MaxFileSize.
func readRaw(path string) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readWithin(io.LimitReader(f, MaxFileSize+1), ReadTimeout) // see deadline.go
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return data, ErrTooLarge // what was read, to say what the file is
	}
	return data, nil
}

func classify(data []byte, trusted Trusted) (Target, error) {
	text := string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if strings.TrimSpace(text) == "" {
		return Target{}, nil // nothing in it to lose
	}
	// A jar may hold a comment in another encoding (a Latin-1 note): it is
	// kept byte for byte, as every other site's line is.
	if strings.ContainsRune(text, 0) || !utf8.ValidString(text) && !isNetscapeJar(text) {
		return Target{}, ErrForeign
	}
	t := Target{Exists: true, Size: len(data)}
	switch {
	case isNetscapeJar(text):
		t.Format = Netscape
		for _, l := range splitLines(text) {
			switch d, ok := l.cookieDomain(); {
			case !ok:
			case trusted(d):
				t.Session = true
			default:
				t.Others++
			}
		}
	case isOurJSON(text):
		t.Format, t.Session = JSON, true
	case isOurHeader(text):
		t.Format, t.Session = Header, true
	default:
		return Target{}, ErrForeign
	}
	return t, nil
}

// isNetscapeJar: the magic first line (with or without "Netscape", as curl
// and Python accept), or at least one line and every line not a comment or
// blank a 7-field cookie line.
func isNetscapeJar(text string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(text, " \t\r\n"), "\n")
	first = strings.TrimSpace(first)
	if first == netscapeMagic || first == "# HTTP Cookie File" {
		return true
	}
	cookies := 0
	for _, l := range splitLines(text) {
		if l.blankOrComment() {
			continue
		}
		if _, err := parseNetscapeLine(strings.TrimPrefix(l.text, httpOnlyPrefix)); err != nil {
			return false
		}
		cookies++
	}
	return cookies > 0
}

// isOurJSON: exactly the layout encodeJSON writes — an object with the keys
// "mid", "name" and "cookies" (plus, from newer versions, "verified" and
// "unverified"), each cookie with biliqr's fields and no others. Any other
// JSON is someone else's.
func isOurJSON(text string) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal([]byte(text), &top) != nil {
		return false
	}
	for _, k := range []string{"mid", "name", "cookies"} {
		if _, ok := top[k]; !ok {
			return false
		}
	}
	for k := range top {
		switch k {
		case "mid", "name", "cookies", "verified", "unverified":
		default:
			return false
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(top["cookies"])))
	dec.DisallowUnknownFields()
	var cs []jsonCookie
	return dec.Decode(&cs) == nil && len(cs) > 0
}

// isOurHeader: one "name=value; …" line as encodeHeader writes, holding a
// cookie only a bilibili.tv session has. A line without one may be anyone's.
func isOurHeader(text string) bool {
	s, err := decodeHeader(strings.TrimSpace(text))
	if err != nil {
		return false
	}
	for _, c := range s.Cookies {
		switch c.Name {
		case "SESSDATA", "bili_jct", passport.MidCookie:
			return true
		}
	}
	return false
}
