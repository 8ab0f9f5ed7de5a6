package ui

import (
	"errors"
	"github.com/biliqr/biliqr/passport"
	"unicode/utf8"
)

// MaxPathShown is how many characters of a path a message shows: enough
// for any real one, and a long one is cut in the middle (ShowPath), so the
// reason after it is never lost.
const MaxPathShown = 120

// ShowPath is a path, or any other user-given text, as the terminal may
// show it: through the same sanitizer as server text (an -o path can hold
// escape sequences too), and, past max characters, shortened in the
// middle, where a path says least: "/home/u/…/biliqr/cookies.txt".
func ShowPath(p string, max int) string {
	s := SanitizeText(p, 0)
	n := utf8.RuneCountInString(s)
	if max <= 0 || n <= max {
		return s
	}
	r := []rune(s)
	if max < 3 {
		return string(r[:max-1]) + "…"
	}
	head := (max - 1) / 3 // the end holds the file name: give it more
	tail := max - 1 - head
	return string(r[:head]) + "…" + string(r[n-tail:])
}

// fileDisplay is a file error that can say itself with its paths
// shortened (passport/session's FileError).
type fileDisplay interface {
	Display(path func(string) string) string
}

// FileReason says a file error in the writer's own words ("cannot write
// <path>: <why>"), its paths shortened in the middle so the reason stays.
func FileReason(err error) string {
	var fd fileDisplay
	if errors.As(err, &fd) {
		return SanitizeText(fd.Display(func(p string) string { return ShowPath(p, MaxPathShown) }), 0)
	}
	return SanitizeText(err.Error(), 300)
}

// SaveReason says why a save failed: a session the -format cannot hold in
// its own words (Describe), anything else in the writer's (FileReason).
func SaveReason(locale string, err error) string {
	if passport.KindOf(err) == passport.KindFormat {
		return Describe(locale, err)
	}
	return FileReason(err)
}
