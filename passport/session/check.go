package session

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNoPath means the output path is empty.
var ErrNoPath = errors.New("no path given")

// CheckWritable finds, before a login, what would certainly make saving a
// session at path fail, so that it can be said before the user scans a
// code: path is a symlink, a directory or another non-regular file (a FIFO,
// a device), or so is its lock file (<path>.lock), or its name is too long
// to add ".lock" to; a parent is not a directory; or the directory that would hold
// it (or, when parents are missing, the nearest existing one) cannot be
// written in. It creates nothing. Whatever can still go wrong later (a full
// disk, a directory changed meanwhile) is WriteFileAtomic's to report.
// Errors are *FileError with Op "write".
func CheckWritable(path string) error {
	fail := func(err error) error { return &FileError{Op: "write", Path: path, Err: err} }
	if path == "" {
		return fail(ErrNoPath)
	}
	if err := checkExisting(path); err != nil {
		return fail(err)
	}
	if err := checkLockPath(path); err != nil {
		return fail(err)
	}
	// The nearest directory that exists: the file's own, or the one its
	// missing parents would be made in. Stat follows links, as mkdirAll does.
	dir := filepath.Dir(path)
	for {
		info, err := os.Stat(dir)
		if err == nil {
			if !info.IsDir() {
				return fail(syscall.ENOTDIR)
			}
			break
		}
		parent := filepath.Dir(dir)
		if !errors.Is(err, fs.ErrNotExist) || parent == dir {
			return fail(err)
		}
		dir = parent
	}
	if err := canCreateIn(dir); err != nil {
		return fail(err)
	}
	return nil
}
