package session

import (
	"bytes"
	"context"
	"errors"
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
// once lose nothing. Another program that rewrites the file in place
// (yt-dlp) takes no lock: the file is read once it has settled
// (settling.read), and if it changed by the time the new one is ready, it is
// read and merged again. The write is writeAtomic's (0600, temp file and
// rename, never through a symlink). On any error the file is as it was.
func Save(path string, s passport.Session, f Format, trusted Trusted) error {
	return SaveContext(context.Background(), path, s, f, trusted)
}

// SaveContext is Save that gives up when ctx ends before the rename (a
// signal), leaving the file as it was and no temp file behind; after the
// rename, the session is saved whatever ctx says.
func SaveContext(ctx context.Context, path string, s passport.Session, f Format, trusted Trusted) error {
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
	unlock, err := lockFile(ctx, path)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	file := newSettling(ctx, path, trusted)
	for {
		err := saveOnce(ctx, file, fresh.Bytes(), &s, f)
		if !errors.Is(err, errChanged) {
			return err
		}
	}
}

// saveOnce is one read–merge–write; errChanged when the file changed
// before the rename.
func saveOnce(ctx context.Context, file *settling, fresh []byte, s *passport.Session, f Format) error {
	path := file.path
	fail := func(err error) error { return &FileError{Op: "write", Path: path, Err: err} }
	r, err := file.read()
	var fe *FileError
	if errors.As(err, &fe) {
		return fail(fe.Err) // what is there stops the write
	}
	if err != nil {
		return err
	}
	if err := r.target.CheckFormat(f); err != nil {
		return fail(err)
	}
	afterRead()
	data := fresh
	if r.target.Exists && r.target.Format == Netscape && f == Netscape {
		data = mergeNetscape(string(r.data), s, file.trusted)
	}
	if len(data) > MaxFileSize {
		return fail(ErrLargeJar) // it would not read back
	}
	return writeAtomic(ctx, path, data, func() error { return r.unchanged(path) })
}

// ErrEmptied says a -logout found the file empty after the server ended the
// session (another program was rewriting it); an empty file is never
// removed.
var ErrEmptied = errors.New("it was empty when biliqr came to change it (another program may be rewriting it), so it was left as it is")

// removeSession takes the session out of the file at path after a logout:
// the whole file, unless it is a Netscape jar with other sites' cookies,
// which keeps them (and its comments) and loses only the session's lines.
// removed says whether the file itself went. A file read as empty, or
// changed since it was read, is never removed.
func removeSession(ctx context.Context, path string, trusted Trusted) (removed bool, err error) {
	unlock, err := lockFile(ctx, path)
	if err != nil {
		return false, err
	}
	defer unlock()
	file := newSettling(ctx, path, trusted)
	for {
		r, err := file.read()
		switch {
		case err != nil:
			return false, err
		case r.info == nil:
			return true, nil // gone already
		case !r.target.Exists:
			return false, ErrEmptied
		case r.target.Format == Netscape && r.target.Shared():
			data := mergeNetscape(string(r.data), nil, trusted)
			err = writeAtomic(ctx, path, data, func() error { return r.unchanged(path) })
		default:
			if err = r.unchanged(path); err == nil {
				err = os.Remove(path)
			}
			if err == nil || errors.Is(err, fs.ErrNotExist) {
				return true, nil
			}
		}
		if !errors.Is(err, errChanged) {
			return false, err
		}
	}
}

// inspect is Inspect that also returns the bytes it read, once the file
// has settled (settling.read): a jar another program is rewriting in place
// is never taken for an empty or a foreign file.
func inspect(path string, trusted Trusted) (Target, []byte, error) {
	r, err := newSettling(context.Background(), path, trusted).read()
	return r.target, r.data, err
}

// inspectData is inspect of what reading path gave: its bytes, or the
// error that stopped the read.
func inspectData(path string, data []byte, readErr error, trusted Trusted) (Target, []byte, error) {
	fail := func(err error) (Target, []byte, error) {
		return Target{}, nil, &FileError{Op: "read", Path: path, Err: err}
	}
	switch {
	case errors.Is(readErr, fs.ErrNotExist):
		return Target{}, nil, nil
	case errors.Is(readErr, ErrTooLarge) && isNetscapeJar(firstLine(data)):
		return fail(ErrLargeJar)
	case errors.Is(readErr, ErrTooLarge):
		return fail(ErrLargeFile)
	case readErr != nil:
		return fail(readErr)
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

// firstLine is text up to its first line end, with it.
func firstLine(text []byte) string {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return string(text[:i+1])
	}
	return string(text)
}
