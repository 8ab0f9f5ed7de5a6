//go:build biliqrtest

package iostreams

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/biliqr/biliqr/ui/termcaps"
)

// SystemConsole, in the binary the end-to-end tests build (-tags
// biliqrtest) and only there, answers as BILIQR_TEST_CONSOLE says, so
// that a test plays a Linux console without one: "unicode:2588,41" is a
// console in Unicode mode whose font holds U+2588 and U+0041, "bytes:"
// one not in Unicode mode. Unset: the real console.
func SystemConsole() termcaps.ConsoleQuery {
	spec, ok := os.LookupEnv("BILIQR_TEST_CONSOLE")
	if !ok {
		return termcaps.SystemConsole(os.Stdin)
	}
	mode, list, _ := strings.Cut(spec, ":")
	c := termcaps.Console{Unicode: mode == "unicode", Glyphs: map[rune]bool{}}
	for _, h := range strings.Split(list, ",") {
		if r, err := strconv.ParseUint(strings.TrimSpace(h), 16, 32); err == nil {
			c.Glyphs[rune(r)] = true
		}
	}
	return func() (termcaps.Console, bool) { return c, true }
}

// SystemPoll, in the binary the end-to-end tests build and only there, is
// BILIQR_TEST_POLL (see ParsePoll): a test of a whole login through the
// binary need not sit through the site's 2 s polls.
func SystemPoll() time.Duration { return ParsePoll(os.Getenv("BILIQR_TEST_POLL")) }
