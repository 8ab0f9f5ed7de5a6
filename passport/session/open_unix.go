//go:build unix

package session

import (
	"errors"
	"syscall"
)

// openFlags make opening a session file safe whatever is at the path:
// O_NONBLOCK so that a FIFO or device swapped in after the type check
// cannot block the open, O_NOFOLLOW so that a symlink is never followed.
// Neither changes how a regular file reads.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW

// isLoop: the open met a symlink despite O_NOFOLLOW (ELOOP; FreeBSD and
// NetBSD say EMLINK).
func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) }
