package session

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/biliqr/biliqr/passport"
)

// CheckTarget is the start-up check of the output path: what would make the
// save fail (CheckWritable) and what is not ours to replace (Inspect,
// CheckFormat). It returns what the file holds, so the caller knows
// whether there is a saved session to verify first. It creates nothing.
func CheckTarget(path string, f Format, trusted Trusted) (Target, error) {
	if err := CheckWritable(path); err != nil {
		return Target{}, err
	}
	t, err := Inspect(path, trusted)
	if err != nil {
		return t, err
	}
	if err := t.CheckFormat(f); err != nil {
		return t, &FileError{Op: "write", Path: path, Err: err}
	}
	return t, nil
}

// Save writes session s to path in format f, keeping what is not ours:
//   - nothing there (or an empty file): a new file;
//   - a Netscape cookie file and f netscape: the session is merged into it
//     (mergeNetscape), every other line kept byte for byte;
//   - a session of ours in any format: replaced;
//   - anything else: refused (ErrForeign, ErrSharedFormat), untouched.
//
// The read–merge–write holds the file's lock (lockFile), so two saves at
// once lose nothing; the write is WriteFileAtomic's (0600, temp file and
// rename, never through a symlink). On any error the file is as it was.
func Save(path string, s passport.Session, f Format, trusted Trusted) error {
	var fresh bytes.Buffer
	if err := Encode(&fresh, s, f); err != nil {
		return err
	}
	fail := func(err error) error { return &FileError{Op: "write", Path: path, Err: err} }
	// What is certainly not a file to write (a directory, a symlink …)
	// is refused before the lock file is made: a failed save leaves
	// nothing behind.
	if err := checkExisting(path); err != nil {
		return fail(err)
	}
	unlock, err := lockFile(path)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	t, old, err := inspect(path, trusted)
	var fe *FileError
	if errors.As(err, &fe) {
		return fail(fe.Err) // what is there stops the write
	}
	if err != nil {
		return err
	}
	if err := t.CheckFormat(f); err != nil {
		return fail(err)
	}
	afterRead()
	data := fresh.Bytes()
	if t.Exists && t.Format == Netscape && f == Netscape {
		data = mergeNetscape(string(old), &s, trusted)
	}
	return WriteFileAtomic(path, data)
}

// removeSession takes the session out of the file at path after a logout:
// the whole file, unless it is a Netscape jar with other sites' cookies,
// which keeps them (and its comments) and loses only the session's lines.
// removed says whether the file itself went.
func removeSession(path string, trusted Trusted) (removed bool, err error) {
	unlock, err := lockFile(path)
	if err != nil {
		return false, err
	}
	defer unlock()
	t, old, err := inspect(path, trusted)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return true, nil
		}
		return false, err
	}
	if t.Format == Netscape && t.Shared() {
		data := mergeNetscape(string(old), nil, trusted)
		return false, WriteFileAtomic(path, data)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}

// inspect is Inspect that also returns the bytes it read.
func inspect(path string, trusted Trusted) (Target, []byte, error) {
	fail := func(err error) (Target, []byte, error) {
		return Target{}, nil, &FileError{Op: "read", Path: path, Err: err}
	}
	data, err := readRaw(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Target{}, nil, nil
	case errors.Is(err, ErrTooLarge):
		return fail(fmt.Errorf("%w (it is larger than %d bytes)", ErrForeign, MaxFileSize))
	case err != nil:
		return fail(err)
	}
	t, err := classify(data, trusted)
	if err != nil {
		return fail(err)
	}
	return t, data, nil
}

// afterRead is a seam for the concurrency test (lock_test.go): it runs
// between a save's read and its write.
var afterRead = func() {}
