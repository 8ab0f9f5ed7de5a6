package stream

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/biliqr/biliqr/model/exit"
)

// MaxQueued is how many bytes of output a Writer holds for a reader that
// is behind: hundreds of QR codes' worth, so a slow reader loses nothing,
// and bounded, so a reader that stopped costs no more memory than this.
const MaxQueued = 1 << 20

// Writer passes whole lines to an output on a goroutine of its own, so
// that a reader who stops reading (a full pipe, a paused terminal, a
// stalled SSH session) never blocks the model's loop or the signal path:
// Write only queues.
//
//   - Bounded: past MaxQueued bytes waiting, a new line is dropped (and
//     counted), whole, never cut. What was queued first is kept: the
//     lines a late reader sees are the first of the run.
//   - Broken: after any failed write (EPIPE: the reader left; ENOSPC …)
//     nothing more is written there. The login goes on and ends as it
//     would have; the output was for whoever read it.
//   - Close waits for the queue to drain, at most for the given time: a
//     stalled reader cannot hold the end of the run. What is still queued
//     then is lost with the process.
type Writer struct {
	w io.Writer

	mu      sync.Mutex
	cond    *sync.Cond
	queue   [][]byte
	queued  int
	closed  bool
	broken  bool
	dropped int
	done    chan struct{}
}

// NewWriter starts a Writer on w.
func NewWriter(w io.Writer) *Writer {
	aw := &Writer{w: w, done: make(chan struct{})}
	aw.cond = sync.NewCond(&aw.mu)
	go aw.run()
	return aw
}

// Write queues a copy of p and never blocks on the output. It reports
// success even for a dropped line: the caller has nobody to tell.
func (aw *Writer) Write(p []byte) (int, error) {
	aw.mu.Lock()
	defer aw.mu.Unlock()
	switch {
	case aw.closed || aw.broken:
	case aw.queued+len(p) > MaxQueued:
		aw.dropped++
	default:
		aw.queue = append(aw.queue, append([]byte(nil), p...))
		aw.queued += len(p)
		aw.cond.Signal()
	}
	return len(p), nil
}

func (aw *Writer) run() {
	defer close(aw.done)
	for {
		aw.mu.Lock()
		for len(aw.queue) == 0 && !aw.closed {
			aw.cond.Wait()
		}
		if len(aw.queue) == 0 || aw.broken {
			aw.mu.Unlock()
			return
		}
		line := aw.queue[0]
		aw.queue = aw.queue[1:]
		aw.queued -= len(line)
		aw.mu.Unlock()
		if _, err := aw.w.Write(line); err != nil {
			aw.mu.Lock()
			aw.broken, aw.queue, aw.queued = true, nil, 0
			aw.mu.Unlock()
			return
		}
	}
}

// Close stops taking lines and waits up to wait for those queued to be
// written; it reports whether they all were.
func (aw *Writer) Close(wait time.Duration) bool {
	aw.mu.Lock()
	aw.closed = true
	aw.cond.Signal()
	aw.mu.Unlock()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-aw.done:
		return true
	case <-timer.C:
		return false
	}
}

// How long the end of a run waits for a reader that is behind to take the
// last lines: FlushWait, or FlushWaitSignaled from a signal on, since the
// user wants out (about a second in all; the last line says the run was
// cancelled, worth writing to a reader that keeps up).
const (
	FlushWait         = 5 * time.Second
	FlushWaitSignaled = 800 * time.Millisecond
)

// Bounded runs a mode that writes a few lines and ends (-check, -logout)
// with a stdout and stderr that never block it: its lines go through
// Writers, and at the end it waits for a reader at most FlushWait, cut to
// FlushWaitSignaled once ctx is done (a signal). A full pipe or a stopped
// terminal used to hold the process in a write that no signal could end.
func Bounded(ctx context.Context, stdout, stderr io.Writer, mode func(stdout, stderr io.Writer) exit.Status) exit.Status {
	return bounded(ctx, FlushWait, FlushWaitSignaled, stdout, stderr, mode)
}

func bounded(ctx context.Context, wait, waitSignaled time.Duration, stdout, stderr io.Writer, mode func(stdout, stderr io.Writer) exit.Status) exit.Status {
	out, errOut := NewWriter(stdout), NewWriter(stderr)
	code := mode(out, errOut)
	flushed := make(chan struct{})
	go func() {
		deadline := time.Now().Add(wait)
		out.Close(time.Until(deadline))
		errOut.Close(time.Until(deadline))
		close(flushed)
	}()
	select {
	case <-flushed:
	case <-ctx.Done():
		select {
		case <-flushed:
		case <-time.After(waitSignaled):
		}
	}
	return code
}

// Broken reports whether a write failed (the reader left).
func (aw *Writer) Broken() bool {
	aw.mu.Lock()
	defer aw.mu.Unlock()
	return aw.broken
}

// Dropped is how many lines were dropped because the queue was full.
func (aw *Writer) Dropped() int {
	aw.mu.Lock()
	defer aw.mu.Unlock()
	return aw.dropped
}
