package ui

import (
	"unicode"
	"unicode/utf8"
)

// MidSentence prepares a sentence of ours to follow a colon inside another
// ("could not check: network trouble: …"): a capital first letter goes to
// lower case, unless the word is an acronym ("HTTP 503 …"). Scripts
// without case (Thai, Chinese) are left as they are.
func MidSentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
