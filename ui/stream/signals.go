package stream

import (
	"os"
	"syscall"
)

// ExitStatus is the shell's status for a process ended by sig: 128 + its
// number (130 for SIGINT, 129 SIGHUP, 143 SIGTERM).
func ExitStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

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
	}
	return sig.String()
}
