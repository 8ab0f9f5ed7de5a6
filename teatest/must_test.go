package teatest

import "testing"

// must fails the test at once when a step of its setup fails: a test built
// on a file that was never written would test nothing.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
