package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/biliqr/biliqr/passport"
)

// Errors FileError may wrap besides the os errors.
var (
	ErrSymlink    = errors.New("is a symbolic link; refusing to follow it (give the real file's path)")
	ErrIsDir      = errors.New("is a directory")
	ErrNotRegular = errors.New("is not a regular file")
)

// FileError is a failure to read or write a file at Path. Err is the cause:
// an os error (*fs.PathError, *os.LinkError, …) or one of this package's
// sentinels, so errors.Is(err, fs.ErrNotExist) and friends work.
type FileError struct {
	Op   string // "read" or "write"
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Display(func(p string) string { return p }) }

// Display is Error with each path as path makes it: the UI shortens long
// ones, so that the reason after them is never cut off.
func (e *FileError) Display(path func(string) string) string {
	return fmt.Sprintf("cannot %s %s: %s", e.Op, path(e.Path), describe(e.Err, path))
}

func (e *FileError) Unwrap() error { return e.Err }

// describe turns a cause into plain words without repeating the path the
// os error already carries.
func describe(err error, path func(string) string) string {
	var lock *LockError
	if errors.As(err, &lock) {
		return lock.display(path)
	}
	var access *fs.PathError
	if errors.As(err, &access) && access.Op == "access" { // CheckWritable's
		return fmt.Sprintf("cannot create files in %s (%s)", path(access.Path), describe(access.Err, path))
	}
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "parent is not a directory"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.EISDIR):
		return ErrIsDir.Error()
	case errors.Is(err, syscall.ENOSPC):
		return "no space left on the disk"
	case errors.Is(err, syscall.EROFS):
		return "the file system is read-only"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// Seams for tests: a failure injected at the last step must leave the old
// file untouched and no temp file behind.
var (
	rename   = os.Rename
	syncFile = (*os.File).Sync
)

// DefaultPath is where biliqr saves the session unless told otherwise:
// <user config dir>/biliqr/cookies.txt (XDG_CONFIG_HOME on Linux).
func DefaultPath(configDir string) string {
	return filepath.Join(configDir, "biliqr", "cookies.txt")
}

// ReadFile reads and decodes a saved session, refusing files larger than
// MaxFileSize. Only a regular file is ever opened: a symlink is refused as
// for writing (ErrSymlink), and a FIFO or device (ErrNotRegular) is never
// opened, as opening one can block for ever. Errors are *FileError with Op
// "read".
func ReadFile(path string) (passport.Session, Format, error) {
	fail := func(err error) (passport.Session, Format, error) {
		return passport.Session{}, "", &FileError{Op: "read", Path: path, Err: err}
	}
	f, err := openRegular(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	data, err := readWithin(io.LimitReader(f, MaxFileSize+1), ReadTimeout)
	if err != nil {
		return fail(err)
	}
	s, format, err := Decode(data)
	if err != nil {
		return fail(err)
	}
	return s, format, nil
}

// checkExisting refuses whatever is at path that a session file must not
// be replacing (a symlink, a directory, a FIFO …); nothing there is fine.
func checkExisting(path string) error {
	info, err := os.Lstat(path)
	switch {
	case err == nil:
		return checkType(info)
	case errors.Is(err, fs.ErrNotExist):
		return nil
	}
	return err // e.g. a parent is a file, or no permission to look
}

// checkType refuses what a session file must not be: a symlink, a
// directory, or anything else that is not a regular file.
func checkType(info fs.FileInfo) error {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return ErrSymlink
	case info.IsDir():
		return ErrIsDir
	case !info.Mode().IsRegular():
		return ErrNotRegular
	}
	return nil
}

// openRegular opens path for reading only if it is a regular file, and
// never follows a symlink. The type is checked before the open (Lstat), the
// open itself cannot block or follow a link (openFlags: O_NONBLOCK and
// O_NOFOLLOW where the system has them), and the opened file is checked
// again (Fstat), in case the path was swapped in between.
func openRegular(path string) (*os.File, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if err := checkType(before); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		if isLoop(err) {
			return nil, ErrSymlink // swapped for a link since the Lstat
		}
		return nil, err
	}
	after, err := f.Stat()
	if err == nil {
		err = checkType(after)
	}
	if err == nil && !os.SameFile(before, after) {
		err = errors.New("changed while it was being opened")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// WriteFile encodes s in format f and writes it atomically with mode 0600.
// An encoding error leaves any existing file untouched.
func WriteFile(path string, s passport.Session, f Format) error {
	var buf bytes.Buffer
	if err := Encode(&buf, s, f); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic replaces path with data so that a reader sees either the
// old file or the whole new one: missing parents are created 0700, data
// goes to a 0600 temp file in the same directory, is synced, and is renamed
// over path. It refuses a path that is a symlink, a directory or any other
// non-regular file. On failure the temp file is removed and the old file
// is left as it was. Errors are *FileError with Op "write".
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(context.Background(), path, data, nil)
}

// writeAtomic is WriteFileAtomic that gives up, leaving no temp file, when
// ctx ends before the rename, or when ready (if not nil), asked just
// before it, says the file must not be replaced now (its error is
// returned as it is).
func writeAtomic(ctx context.Context, path string, data []byte, ready func() error) error {
	fail := func(err error) error { return &FileError{Op: "write", Path: path, Err: err} }
	if err := checkExisting(path); err != nil {
		return fail(err)
	}
	dir := filepath.Dir(path)
	if err := mkdirAll(dir); err != nil {
		return fail(err)
	}
	tmp, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return fail(err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	// Chmod explicitly: CreateTemp's 0600 is already private, but this keeps
	// the mode exact whatever the umask.
	if err := tmp.Chmod(0o600); err != nil {
		return fail(err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := ctx.Err(); err != nil {
		return err // a signal: nothing is replaced, nothing left behind
	}
	if ready != nil {
		if err := ready(); err != nil {
			return err
		}
	}
	if err := rename(tmpName, path); err != nil {
		return fail(err)
	}
	ok = true
	syncDir(dir)
	return nil
}

// mkdirAll creates dir and any missing parents with mode exactly 0700
// (chmod after mkdir, so the umask cannot loosen or break it); existing
// directories keep their mode.
func mkdirAll(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		_, err := os.Stat(d)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil {
			if errors.Is(err, fs.ErrExist) {
				continue // made meanwhile by someone else: not ours to chmod
			}
			return err
		}
		if err := os.Chmod(missing[i], 0o700); err != nil {
			return err
		}
	}
	// Stat follows links, so a parent that is a file shows up here.
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return syscall.ENOTDIR
	}
	return nil
}

// syncDir makes the rename durable; best effort, as some systems cannot
// sync a directory and the file itself is already on disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
