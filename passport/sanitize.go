package passport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SanitizeText makes server text safe to show in a terminal: it removes
// ANSI/OSC escape sequences (7-bit and C1 forms), C0/C1 control characters,
// bidi overrides and other invisible format characters, turns invalid UTF-8
// into U+FFFD, collapses runs of whitespace into one space, trims the ends,
// and cuts the result to max runes, the last being "…". max <= 0 means no
// limit.
func SanitizeText(s string, max int) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	emit := func(r rune) {
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			emit(utf8.RuneError)
			i += size
			continue
		}
		switch {
		case r == 0x1b: // ESC: a sequence introducer
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // C1 DCS, SOS, OSC, PM, APC
			i = skipString(s, i+size)
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
		case unicode.IsControl(r) || dropFormat(r):
			// removed
		case !unicode.IsPrint(r) && r != 0x200c && r != 0x200d: // ZWNJ, ZWJ: see dropFormat
			// unassigned, private use: no terminal agrees on how wide it
			// draws, so it could shift what follows; shown as a mark
			emit(utf8.RuneError)
		default:
			emit(r)
		}
		i += size
	}
	return cutRunes(b.String(), max)
}

// cutRunes cuts s to max runes, the last being "…"; max <= 0 means no
// limit.
func cutRunes(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	n := 0
	for i := range s {
		if n == max-1 {
			s = strings.TrimRight(s[:i], " ")
			break
		}
		n++
	}
	return s + "…"
}

// dropFormat reports invisible format characters (Unicode Cf: bidi
// embeddings, overrides, isolates and marks, zero-width space, BOM, …) that
// can reorder or hide text. ZWJ and ZWNJ are kept: emoji and some scripts
// need them.
func dropFormat(r rune) bool {
	if r == 0x200c || r == 0x200d {
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// skipEscape skips what follows an ESC at s[i:], returning the index after
// the sequence.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Other two- or three-byte escapes: intermediates 0x20–0x2F, then one
	// final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte of a
// control sequence.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x7e:
			// Not a CSI byte: the sequence is broken; let the caller judge
			// this byte on its own.
			return i
		}
		i++
	}
	return i
}

// skipString skips an OSC/DCS/SOS/PM/APC body up to its terminator: BEL,
// ESC \ or C1 ST. An unterminated string swallows the rest, as a terminal
// would.
func skipString(s string, i int) int {
	for i < len(s) {
		if s[i] == 0x07 {
			return i + 1
		}
		if s[i] == 0x1b {
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // a new sequence starts; the caller handles it
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); r == 0x9c {
			return i + size
		}
		i++
	}
	return i
}
