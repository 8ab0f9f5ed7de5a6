package session

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// maxNameBytes is the longest file name most file systems take (NAME_MAX).
const maxNameBytes = 255

// lockSuffix names the lock file beside the session file (lockFile).
const lockSuffix = ".lock"

// LockError says what is at the lock file's path (<file>.lock) is not a file
// biliqr can lock: a symbolic link, a directory, a FIFO …  Err is one of
// ErrSymlink, ErrIsDir, ErrNotRegular.
type LockError struct {
	Path string
	Err  error
}

func (e *LockError) Error() string { return e.display(func(p string) string { return p }) }

func (e *LockError) Unwrap() error { return e.Err }

// display says what is wrong with the lock file and what to do, with its
// path as path makes it.
func (e *LockError) display(path func(string) string) string {
	what := "is not a regular file"
	switch {
	case errors.Is(e.Err, ErrSymlink):
		what = "is a symbolic link, which biliqr never follows"
	case errors.Is(e.Err, ErrIsDir):
		what = "is a directory"
	}
	return fmt.Sprintf("its lock file %s %s; move that out of the way (biliqr makes a new, empty lock file)", path(e.Path), what)
}

// ErrNameTooLong says the session file's name leaves no room for the lock
// file's (<name>.lock) within maxNameBytes.
var ErrNameTooLong = fmt.Errorf("has a name too long for the lock file beside it (<name>%s) to stay within %d bytes; give a shorter -o", lockSuffix, maxNameBytes)

// checkLockPath finds at start what would make lockFile fail: a lock file
// that is not a regular file, or a name too long to add ".lock" to.
func checkLockPath(path string) error {
	if len(filepath.Base(path))+len(lockSuffix) > maxNameBytes {
		return ErrNameTooLong
	}
	lockPath := path + lockSuffix
	info, err := os.Lstat(lockPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	}
	if err := checkType(info); err != nil {
		return &LockError{Path: lockPath, Err: err}
	}
	return nil
}

// tempPattern is the temp file's name pattern for a save into path:
// ".<name>.tmp-N", or, when that would be too long a name, ".biliqr.tmp-N"
// (N is up to 10 digits).
func tempPattern(path string) string {
	name := "." + filepath.Base(path) + ".tmp-"
	if len(name)+10 > maxNameBytes {
		return ".biliqr.tmp-*"
	}
	return name + "*"
}
