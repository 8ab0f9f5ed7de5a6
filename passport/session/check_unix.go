//go:build unix

package session

import (
	"io/fs"
	"os"
	"syscall"
)

// canCreateIn says whether this process may create and rename files in dir
// (write and search permission, on a file system mounted read-write),
// without creating anything. It asks the kernel (access(2)), so it knows
// about ACLs and read-only mounts; root passes unless the mount is
// read-only, as root's writes would.
func canCreateIn(dir string) error {
	const wOK, xOK = 0x2, 0x1
	if err := syscall.Access(dir, wOK|xOK); err != nil {
		return &fs.PathError{Op: "access", Path: dir, Err: err}
	}
	return nil
}

// Links is how many names (hard links) the regular file at path has; 0
// when there is none. A save renames a new file over path, so every other
// name keeps the old contents.
func Links(path string) int {
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}
