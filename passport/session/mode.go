package session

import (
	"io/fs"
	"os"
	"runtime"
)

// LooseMode reports the permission bits of the session file at path when
// other users may open it (any group or other bit set), as ssh does for a
// private key. It says nothing for a missing or non-regular file, nor on
// Windows, whose files carry no such bits. WriteFileAtomic always writes
// 0600, so the next save tightens it.
func LooseMode(path string) (fs.FileMode, bool) {
	if runtime.GOOS == "windows" {
		return 0, false
	}
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o077 == 0 {
		return 0, false
	}
	return info.Mode().Perm(), true
}
