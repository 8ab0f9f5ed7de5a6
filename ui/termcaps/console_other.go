//go:build !linux

package termcaps

import "os"

// SystemConsole: only Linux has virtual consoles to ask.
func SystemConsole(*os.File) ConsoleQuery {
	return func() (Console, bool) { return Console{}, false }
}
