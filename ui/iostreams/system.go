//go:build !biliqrtest

package iostreams

import (
	"os"

	"github.com/biliqr/biliqr/ui/termcaps"
)

// SystemConsole asks the console on standard input, the terminal keys
// come from.
func SystemConsole() termcaps.ConsoleQuery { return termcaps.SystemConsole(os.Stdin) }
