//go:build !unix

package session

// openFlags: elsewhere (Windows) there is no O_NONBLOCK or O_NOFOLLOW; the
// Lstat before the open and the Stat after it still refuse anything but a
// regular file.
const openFlags = 0

func isLoop(error) bool { return false }
