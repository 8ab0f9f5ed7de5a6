package stream

import (
	"os"
	"syscall"
)

// signalName is the signal as the "cancelled" event names it.
func signalName(sig os.Signal) string {
	switch sig {
	case nil:
		return ""
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	case syscall.SIGQUIT:
		return "SIGQUIT"
	}
	return sig.String()
}
