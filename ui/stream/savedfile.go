package stream

import (
	"context"
	"io"

	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui/signals"
)

// SavedFile is what -check and -logout act on: the saved session at Path,
// asked about with Client in Locale, until Ctx ends (Cancel ends it).
type SavedFile struct {
	Ctx         context.Context
	Cancel      func()
	Client      session.Verifier
	Path        string
	Locale      string
	Out, ErrOut io.Writer
}

// RunCheck is -check: a warning if other users can read the file, then one
// line (JSON with asJSON) of what session.Check found, under the same
// signals as a login; it returns the exit status.
func RunCheck(f SavedFile, asJSON bool) int {
	if perm, loose := session.LooseMode(f.Path); loose {
		WarnLooseMode(f.ErrOut, f.Path, uint32(perm))
	}
	return signals.Run(f.Cancel, func() int {
		a, err := session.Check(f.Ctx, f.Client, f.Path, f.Locale)
		return Check(f.Out, f.Locale, a, err, asJSON)
	})
}

// RunLogout is -logout: the session ends on the server, then the file
// goes, under the same signals as a login; it returns the exit status.
func RunLogout(f SavedFile) int {
	return signals.Run(f.Cancel, func() int {
		return Logout(f.Out, f.ErrOut, f.Locale, f.Path, session.Logout(f.Ctx, f.Client, f.Path, f.Locale))
	})
}
