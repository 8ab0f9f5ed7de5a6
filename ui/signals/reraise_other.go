//go:build !unix

package signals

import (
	"os"
	"syscall"

	"github.com/biliqr/biliqr/model/exit"
)

// quiet: no signal to enable early here (see reraise_unix.go).
var quiet []os.Signal

// reraise ends the process with the status a death by n reports: there
// is no sending a signal to oneself here.
func reraise(n syscall.Signal) { os.Exit(int(exit.Signal(n))) }
