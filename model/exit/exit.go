// Package exit holds biliqr's exit statuses: a contract scripts rely on
// (the help and the man page list them from ui/cli's table).
package exit

import (
	"strconv"
	"syscall"
)

// Status is the status biliqr exits with.
type Status int

// The statuses. -check reads as a test: OK is logged in, Failed is not
// logged in (or ends within -within), CannotCheck is "ask again later".
const (
	OK          Status = 0   // logged in and saved, or a valid saved session kept
	Failed      Status = 1   // failed; -check: not logged in, or no usable file
	Usage       Status = 2   // bad usage: a message says what is wrong
	CannotCheck Status = 3   // -check only: could not check (the session may well be good)
	Cancelled   Status = 130 // cancelled by the user (q, Esc, Ctrl+C), as SIGINT would
)

// Signal is the status of a process ended by sig, as a shell reports a
// death by signal n: 128+n (129 SIGHUP, 130 SIGINT, 131 SIGQUIT, 143
// SIGTERM).
func Signal(sig syscall.Signal) Status { return Status(128 + int(sig)) }

// String is the status as a number.
func (s Status) String() string { return strconv.Itoa(int(s)) }
