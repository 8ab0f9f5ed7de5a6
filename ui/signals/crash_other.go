//go:build !unix

package signals

// AbortOnCrash: Go's own crash handling (see crash_unix.go).
func AbortOnCrash() {}
