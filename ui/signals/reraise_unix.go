//go:build unix

package signals

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/biliqr/biliqr/model/exit"
)

// quiet are signals a Listener enables and drops: SIGWINCH, which Bubble
// Tea notifies itself of when its program starts (and whose default
// action is to ignore it).
var quiet = []os.Signal{syscall.SIGWINCH}

// reraise ends the process by n as Go does when nothing catches n: it
// gives n back to the runtime and sends it again. Should that not end the
// process, the exit status says n all the same.
func reraise(n syscall.Signal) {
	time.AfterFunc(time.Second, func() { os.Exit(int(exit.Signal(n))) })
	signal.Reset(n)
	syscall.Kill(syscall.Getpid(), n) //nolint:errcheck // the AfterFunc ends it otherwise
	select {}
}
