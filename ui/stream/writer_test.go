package stream

import (
	"bytes"
	"sync"
	"syscall"
	"testing"
	"time"
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
