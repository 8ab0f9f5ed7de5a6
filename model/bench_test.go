package model

import (
	"testing"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// BenchmarkView is one frame of the QR screen at 80×24, as Bubble Tea asks
// for it while the QR is shown. The QR matrix and block are built once per
// ticket and size; a frame only lays out text around the cached block.
func BenchmarkView(b *testing.B) {
	h := newHarness(b, passporttest.Options{}, nil)
	if h.m.state != state.ShowingCode {
		b.Fatalf("state %v", h.m.state)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = h.m.View()
	}
}

// The allocation target of a frame (.github/CONTRIBUTING.md, Performance), counted rather
// than timed so that it holds on any machine: a change that makes every
// frame allocate per character (as the line-start rule once did: 168) fails
// here, not only in a benchmark nobody runs.
func TestViewAllocations(t *testing.T) {
	h := newHarness(t, passporttest.Options{}, nil)
	_ = h.m.View() // the QR block is built once per ticket and size
	if n := testing.AllocsPerRun(50, func() { _ = h.m.View() }); n > 100 {
		t.Fatalf("%.0f allocations a frame, want ≤ 100", n)
	}
}
