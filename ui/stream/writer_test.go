package stream

import (
	"bytes"
	"context"
	"io"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model/exit"
)

// blocked is an output whose reader stopped: every write waits for ever.
type blocked struct{ release chan struct{} }

func (b blocked) Write(p []byte) (int, error) { <-b.release; return len(p), nil }

// broken is an output whose reader left.
type broken struct {
	mu     sync.Mutex
	writes int
}

func (b *broken) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writes++
	return 0, syscall.EPIPE
}

// A stalled reader blocks no Write, keeps at most MaxQueued bytes, and
// holds Close no longer than its wait.
func TestWriterNeverBlocks(t *testing.T) {
	out := blocked{make(chan struct{})}
	defer close(out.release)
	w := NewWriter(out)
	line := bytes.Repeat([]byte("x"), 3000)
	start := time.Now()
	for range 1000 { // 3 MB: three times the bound
		_, _ = w.Write(line) // a Writer never fails: it drops what the reader cannot take
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("1000 writes to a stalled reader took %v", d)
	}
	if w.Dropped() == 0 {
		t.Error("nothing dropped: the queue is unbounded")
	}
	start = time.Now()
	if w.Close(100 * time.Millisecond) {
		t.Error("Close says all was written")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
}

// After EPIPE nothing more is written there, and nothing fails for it.
func TestWriterStopsAfterBrokenPipe(t *testing.T) {
	out := &broken{}
	w := NewWriter(out)
	for range 50 {
		if _, err := w.Write([]byte("line\n")); err != nil {
			t.Fatal(err)
		}
	}
	w.Close(time.Second)
	if !w.Broken() || out.writes != 1 {
		t.Errorf("broken %v, %d writes; want one write, then none", w.Broken(), out.writes)
	}
}

// A reader that keeps up gets every line, in order, whole.
func TestWriterKeepsOrder(t *testing.T) {
	var got bytes.Buffer
	w := NewWriter(&got)
	var want bytes.Buffer
	for i := range 500 {
		line := []byte{byte('a' + i%26), '\n'}
		want.Write(line)
		_, _ = w.Write(line) // a Writer never fails: it drops what the reader cannot take
	}
	if !w.Close(5 * time.Second) {
		t.Fatal("not drained")
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("lines lost or reordered")
	}
}

// Bounded stops waiting on a stalled output once a signal came (ctx
// done), however long it would wait without one (an hour here).
func TestBoundedSignalEndsTheWait(t *testing.T) {
	stalled := blocked{make(chan struct{})}
	defer close(stalled.release)
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan exit.Status)
	go func() {
		ended <- bounded(ctx, time.Hour, 100*time.Millisecond, io.Discard, stalled, func(stdout, stderr io.Writer) exit.Status {
			cancel()                                        // the signal came while the mode ran
			io.WriteString(stderr, "a line nobody reads\n") //nolint:errcheck // a Writer never fails
			return 143
		})
	}()
	select {
	case code := <-ended:
		if code != 143 {
			t.Errorf("status %d, want the mode's 143", code)
		}
	case <-time.After(time.Minute): // bounds a failure only
		t.Fatal("Bounded waited on a stalled output after the signal")
	}
}

// After a signal, the last lines still reach readers that keep up: the
// wait ends when they are written, not at once.
func TestBoundedSignalKeepsTheLastLine(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut lockedBuffer
	bounded(ctx, time.Hour, time.Hour, &out, &errOut, func(stdout, stderr io.Writer) exit.Status {
		io.WriteString(stdout, "cancelled\n") //nolint:errcheck // a Writer never fails
		io.WriteString(stderr, "note\n")      //nolint:errcheck // a Writer never fails
		return 143
	})
	if out.String() != "cancelled\n" || errOut.String() != "note\n" {
		t.Errorf("stdout %q, stderr %q: the last lines were lost", out.String(), errOut.String())
	}
}

// lockedBuffer is a bytes.Buffer a Writer's goroutine and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
