//go:build unix

package signals

import (
	"runtime/debug"
	"syscall"
)

// AbortOnCrash makes a crash Go cannot recover from — out of memory, a
// fatal runtime error, a panic outside the app's commands — end biliqr by
// SIGABRT (status 134 in a shell, as for any program that aborts) instead
// of Go's exit status 2, which the README keeps for bad usage. No core
// file is written: biliqr's memory holds the session's cookies.
func AbortOnCrash() {
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{}) //nolint:errcheck // lowering a limit: only a soft limit of 0 matters, and the hard one allows it
	debug.SetTraceback("crash")
}
