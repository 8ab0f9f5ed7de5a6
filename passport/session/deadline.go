package session

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// ReadTimeout bounds reading a session file. A regular file can still
// block a read for ever: /proc/kmsg is one, and so is any file on a hung
// network mount. Reading is done on a goroutine of its own; when the time
// runs out the caller gets ErrReadTimeout, and the goroutine is left to
// its blocked read (the process ends soon after: -check, -logout, or a
// login that goes on without the saved session).
var ReadTimeout = 5 * time.Second

// ErrReadTimeout means reading the file did not finish within ReadTimeout.
var ErrReadTimeout = errors.New("reading it did not finish")

// readAll is io.ReadAll; a test makes it block.
var readAll = io.ReadAll

// readWithin reads r as readAll does, giving up after d.
func readWithin(r io.Reader, d time.Duration) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	ch := make(chan result, 1) // the reader may finish after we gave up
	read := readAll            // read here: the goroutine may outlive a test's seam
	go func() {
		data, err := read(r)
		ch <- result{data, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case res := <-ch:
		return res.data, res.err
	case <-t.C:
		return nil, fmt.Errorf("%w after %v: a device file, or a hung network mount?", ErrReadTimeout, d)
	}
}
