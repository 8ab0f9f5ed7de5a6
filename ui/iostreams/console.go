//go:build !biliqrtest

package iostreams

import (
	"os"

	"github.com/biliqr/biliqr/ui/termcaps"
)

// systemConsole asks the console on standard input, the terminal keys
// come from.
func systemConsole() termcaps.ConsoleQuery { return termcaps.SystemConsole(os.Stdin) }
