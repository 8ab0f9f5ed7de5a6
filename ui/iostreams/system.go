//go:build !biliqrtest

package iostreams

import (
	"os"
	"time"

	"github.com/biliqr/biliqr/ui/termcaps"
)

// SystemConsole asks the console on standard input, the terminal keys
// come from.
func SystemConsole() termcaps.ConsoleQuery { return termcaps.SystemConsole(os.Stdin) }

// SystemPoll is the wait before each poll that the build sets: none in a
// release, which polls at the site's own pace.
func SystemPoll() time.Duration { return 0 }
