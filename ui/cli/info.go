package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/biliqr/biliqr/model/exit"
)

// Asked is what the informational flags asked for: the version, the
// manual page, or the completion script for a shell.
type Asked struct {
	Version, Man bool
	Completion   string
}

// Info writes what a asks for on w (a usage error on errW) and returns the
// exit status: 0, 1 when it could not be written, 2 for an unknown shell.
// done is false when a asks for nothing: the program goes on.
func Info(w, errW io.Writer, name string, b Build, defs []Flag, a Asked) (code exit.Status, done bool) {
	switch {
	case a.Version:
		fmt.Fprintln(w, name, b)
	case a.Man:
		if err := Man(w, Page{Name: name, Version: b.Version, Date: b.Day()}, defs); err != nil {
			return exit.Failed, true
		}
	case a.Completion != "":
		var ue *UsageError
		if err := Completion(w, a.Completion, name, defs); errors.As(err, &ue) {
			PrintUsageError(errW, name, ue.Msg)
			return exit.Usage, true
		} else if err != nil {
			return exit.Failed, true
		}
	default:
		return exit.OK, false
	}
	return exit.OK, true
}
