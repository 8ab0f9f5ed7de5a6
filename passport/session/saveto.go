package session

import (
	"bytes"
	"context"

	"github.com/biliqr/biliqr/passport"
)

// SaveTo is where a login's session goes: the file at path in format f,
// or, for path "-", stdout (its old content replaced), which is written to
// standard output once the screen is restored. It says where the session
// went ("" for standard output).
func SaveTo(path string, f Format, stdout *bytes.Buffer) func(context.Context, passport.Session) (string, error) {
	return func(_ context.Context, s passport.Session) (string, error) {
		if path == "-" {
			stdout.Reset()
			return "", Encode(stdout, s, f)
		}
		return path, WriteFile(path, s, f)
	}
}
