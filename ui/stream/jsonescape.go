package stream

import (
	"fmt"
	"strings"
	"unicode"
)

// escapeInvisible spells every control and invisible format character left
// in an encoded JSON line as a \u escape. encoding/json escapes C0 but
// leaves C1 controls (U+009B is a CSI to many terminals) and bidi
// overrides raw; a -json line read in a terminal must not act on it. The
// value is unchanged for a JSON reader: saved_to is still the exact path.
// Outside strings JSON has only ASCII, so every such rune is in a string.
func escapeInvisible(line []byte) []byte {
	s := string(line)
	if strings.IndexFunc(s, invisible) < 0 {
		return line
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case invisible(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case invisible(r): // outside the BMP: a UTF-16 surrogate pair
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	return []byte(b.String())
}

func invisible(r rune) bool {
	return r >= 0x80 && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r))
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
