package session

import (
	"bytes"
	"strings"

	"github.com/biliqr/biliqr/passport"
)

// line is one line of a Netscape file: its text and its own line ending
// ("\n", "\r\n", or "" for a last line without one), kept so that a merge
// writes every line it keeps back byte for byte.
type line struct{ text, eol string }

func splitLines(text string) []line {
	var out []line
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, line{text: text})
			break
		}
		l := line{text: text[:i], eol: "\n"}
		if strings.HasSuffix(l.text, "\r") {
			l.text, l.eol = l.text[:len(l.text)-1], "\r\n"
		}
		out = append(out, l)
		text = text[i+1:]
	}
	return out
}

func (l line) blankOrComment() bool {
	t := strings.TrimSpace(l.text)
	return t == "" || strings.HasPrefix(t, "#") && !strings.HasPrefix(t, httpOnlyPrefix)
}

// cookieDomain is the domain field of a cookie line (lower case, without
// #HttpOnly_ and the leading dot); ok is false for comments and blank
// lines. A line that is not a valid cookie still names a domain here, so a
// broken line of the session is replaced rather than left behind.
func (l line) cookieDomain() (string, bool) {
	if l.blankOrComment() {
		return "", false
	}
	t := strings.TrimPrefix(strings.TrimLeft(l.text, " "), httpOnlyPrefix)
	d, _, _ := strings.Cut(t, "\t")
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), ".")), true
}

// ours says whether l is a comment biliqr writes above a session: the
// "Written by biliqr" line, the #HttpOnly_ explanation and the account line.
// They go with the session's cookies and are written anew with it.
func (l line) ours() bool {
	return strings.HasPrefix(l.text, writtenByPrefix) || strings.HasPrefix(l.text, metaPrefix) || l.text == httpOnlyNote
}

// mergeNetscape puts the session's lines into an existing Netscape file:
// every cookie line of a trusted domain (valid, expired or broken) and
// biliqr's own comments are taken out, and the new session's block goes
// where the first of them was (at the end when there was none). Every other
// line — other sites' cookies, their #HttpOnly_ lines, comments, blank
// lines — stays exactly as it was, in its place. With s nil the session is
// only taken out (a logout).
func mergeNetscape(old string, s *passport.Session, trusted Trusted) []byte {
	lines := splitLines(strings.TrimPrefix(old, "\xef\xbb\xbf"))
	bom := strings.HasPrefix(old, "\xef\xbb\xbf")
	eol := "\n"
	if len(lines) > 0 && lines[0].eol == "\r\n" {
		eol = "\r\n" // a file from Windows keeps its line endings
	}
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\xef\xbb\xbf")
	}
	placed := false
	place := func() {
		if placed || s == nil {
			return
		}
		placed = true
		var block bytes.Buffer
		writeSessionBlock(&block, *s)
		buf.WriteString(strings.ReplaceAll(block.String(), "\n", eol))
	}
	for i, l := range lines {
		if d, ok := l.cookieDomain(); ok && trusted(d) || l.ours() {
			place()
			continue
		}
		if l.eol == "" && i == len(lines)-1 && (s != nil && !placed) {
			l.eol = eol // the block follows: the last line needs its end
		}
		buf.WriteString(l.text + l.eol)
	}
	place()
	return buf.Bytes()
}
