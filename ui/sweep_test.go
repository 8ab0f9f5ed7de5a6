package ui

import "testing"

// sweep marks a test that paints and decodes screens across sizes,
// profiles and themes: -short leaves it out (the single-case tests beside
// it still run).
func sweep(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("a sweep of painted and decoded screens; go test without -short runs it")
	}
}
