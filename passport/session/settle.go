package session

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"time"
)

// yt-dlp and Python's MozillaCookieJar save a cookie file in place: they
// truncate it, then write it. A read in between sees an empty or half
// file, and a save or logout that trusted it would drop every other
// site's line. So a file is read until it has settled, and checked again
// just before it is replaced.
var (
	// settleWait bounds how long a save waits for a file being written by
	// another program to settle before it gives up (ErrUnsettled).
	settleWait = 5 * time.Second
	// settleQuiet is how long an empty or unfinished file (its last line
	// without an end) must have been left alone before it is believed.
	settleQuiet = time.Second
	// settleStep is the pause between two looks at a changing file.
	settleStep = 20 * time.Millisecond
)

// Seams for the settle tests: the clock that ages a file's modification
// time, and the pause between looks.
var (
	clock = time.Now
	pause = func(ctx context.Context, d time.Duration) error {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			return nil
		}
	}
)

// ErrUnsettled says another program kept writing the file for all of
// settleWait; it was left as it was.
var ErrUnsettled = errors.New("another program kept rewriting it; it was left as it was (try again when that program has finished)")

// errChanged: the file changed between the read and the rename; the caller
// reads and merges again.
var errChanged = errors.New("changed while it was being saved")

// reading is one settled read of a file: what it holds, its bytes, and the
// file as it was then (nil when there was none), to compare with just
// before it is replaced.
type reading struct {
	target Target
	data   []byte
	info   fs.FileInfo
}

// unchanged says whether the file at path is still the one r read.
func (r reading) unchanged(path string) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && r.info == nil:
		return nil
	case err != nil || r.info == nil:
		return errChanged
	case sameFile(r.info, info):
		return nil
	}
	return errChanged
}

// sameFile: the same inode, size and modification time.
func sameFile(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// settling is a file being read until it has settled. seen holds the
// other sites' lines every earlier look saw: a look that lacks one of
// them is taken for a file still being written, until it has been left
// alone for settleQuiet (yt-dlp may drop an expired cookie for good).
type settling struct {
	ctx      context.Context
	path     string
	trusted  Trusted
	deadline time.Time
	seen     map[string]bool
}

// newSettling starts the reads of one save or removal: settleWait from now.
func newSettling(ctx context.Context, path string, trusted Trusted) *settling {
	return &settling{ctx: ctx, path: path, trusted: trusted, deadline: clock().Add(settleWait), seen: map[string]bool{}}
}

// read reads the file at path as inspect does, once it has settled:
// it did not change while it was read, nor, when it had just changed, in
// a short while after; and, if it is empty, its last line has no end, or
// it lacks a line an earlier look saw (as a file being written in place
// looks), it has been left alone for settleQuiet. A file still changing
// at deadline is ErrUnsettled.
func (s *settling) read() (reading, error) {
	for {
		r, settled, err := s.look()
		if settled {
			return r, err
		}
		if clock().After(s.deadline) {
			return reading{}, &FileError{Op: "read", Path: s.path, Err: ErrUnsettled}
		}
		if err := pause(s.ctx, settleStep); err != nil {
			return reading{}, err
		}
	}
}

// look is one look: settled says whether what it read can be used.
func (s *settling) look() (r reading, settled bool, err error) {
	before, err := os.Lstat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return reading{}, true, nil
	case err != nil:
		// A parent that is a file, a directory we may not search: waiting
		// changes nothing, so say it now rather than after settleWait.
		t, data, err := inspectData(s.path, nil, err, s.trusted)
		return reading{target: t, data: data}, true, err
	}
	data, readErr := readRaw(s.path)
	after, err := os.Lstat(s.path)
	if err != nil || before == nil || !sameFile(before, after) {
		return reading{}, false, nil // it changed (or went) as it was read
	}
	if readErr != nil {
		// Not a file's text (a directory, a symlink, a FIFO, one too
		// large): no writer finishes it, so waiting changes nothing.
		t, data, err := inspectData(s.path, data, readErr, s.trusted)
		return reading{target: t, data: data, info: after}, true, err
	}
	age := clock().Sub(after.ModTime())
	if age < settleQuiet && !s.stillAfter(after) {
		return reading{}, false, nil
	}
	if (unfinished(data) || s.lacksSeen(data)) && age < settleQuiet {
		return reading{}, false, nil
	}
	t, data, err := inspectData(s.path, data, readErr, s.trusted)
	return reading{target: t, data: data, info: after}, true, err
}

// stillAfter says whether a file that has just changed stays as it was
// for a moment: a writer between two of its writes is caught here.
func (s *settling) stillAfter(info fs.FileInfo) bool {
	if pause(s.ctx, settleStep) != nil {
		return false
	}
	again, err := os.Lstat(s.path)
	return err == nil && sameFile(info, again)
}

// lacksSeen says whether data lacks an other site's line an earlier look
// saw, and remembers the ones it has.
func (s *settling) lacksSeen(data []byte) bool {
	have := map[string]bool{}
	for _, l := range splitLines(string(data)) {
		if d, ok := l.cookieDomain(); ok && !s.trusted(d) {
			have[l.text] = true
		}
	}
	lacks := false
	for l := range s.seen {
		lacks = lacks || !have[l]
	}
	for l := range have {
		s.seen[l] = true
	}
	return lacks
}

// unfinished: empty, or its last line has no end — what a file another
// program is writing in place looks like between its truncate and its
// last write.
func unfinished(data []byte) bool {
	return len(bytes.TrimSpace(data)) == 0 || !bytes.HasSuffix(data, []byte("\n"))
}
