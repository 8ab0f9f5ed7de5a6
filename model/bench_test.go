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
