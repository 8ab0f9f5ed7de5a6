package ui

import (
	"strings"
	"syscall"
	"testing"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/session"
	"github.com/biliqr/biliqr/ui/i18n"
)

// A save that failed after a good login is titled for what happened, in
// every language: the login worked and is kept, only the file is missing.
func TestNotSavedTitle(t *testing.T) {
	err := &session.FileError{Op: "write", Path: "/tmp/cookies.txt", Err: syscall.ENOSPC}
	for _, loc := range i18n.Locales() {
		out := Render(Screen{Width: 80, Height: 24, Locale: loc, State: state.SaveFailed, Err: err})
		if !strings.Contains(out, i18n.T(loc, i18n.TextNotSavedTitle)) || strings.Contains(out, i18n.T(loc, i18n.TextFailed)) {
			t.Errorf("%s: the failed-save screen is not titled %q:\n%s", loc, i18n.T(loc, i18n.TextNotSavedTitle), out)
		}
		out = Render(Screen{Width: 80, Height: 24, Locale: loc, State: state.Failed, Err: err})
		if !strings.Contains(out, i18n.T(loc, i18n.TextFailed)) {
			t.Errorf("%s: a failed login lost its title", loc)
		}
	}
}
