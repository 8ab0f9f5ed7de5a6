//go:build !biliqrtest

package iostreams

import (
	"testing"
	"time"
)

// A release build polls at the site's pace whatever the environment says:
// BILIQR_TEST_POLL is read only by the binary the end-to-end tests build.
func TestReleaseBuildIgnoresTheTestPoll(t *testing.T) {
	t.Setenv("BILIQR_TEST_POLL", "5ms")
	if d := SystemPoll(); d != 0 {
		t.Errorf("SystemPoll() = %v in a release build, want 0", d)
	}
}

// The test build's poll: a duration above zero; unset, bad or not above
// zero, the site's pace.
func TestParsePoll(t *testing.T) {
	for v, want := range map[string]time.Duration{"20ms": 20 * time.Millisecond, "": 0, "soon": 0, "-1s": 0, "0s": 0} {
		if d := ParsePoll(v); d != want {
			t.Errorf("ParsePoll(%q) = %v, want %v", v, d, want)
		}
	}
}
