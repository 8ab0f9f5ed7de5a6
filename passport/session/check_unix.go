//go:build unix

package session

import (
	"io/fs"
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
