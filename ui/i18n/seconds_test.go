package i18n

import (
	"strings"
	"testing"
	"time"
)

func TestSecondsRoundsUp(t *testing.T) {
	for d, want := range map[time.Duration]int{0: 0, time.Nanosecond: 1, 999 * time.Millisecond: 1, time.Second: 1,
		3200 * time.Millisecond: 4, 180 * time.Second: 180} {
		if got := Seconds(d); got != want {
			t.Errorf("Seconds(%v) = %d, want %d", d, got, want)
		}
	}
}

// The time left on a code: whole minutes, then tens of seconds, rounded
// up, in every language; and the step says when the words change.
func TestExpiresIn(t *testing.T) {
	for _, tc := range []struct {
		left       time.Duration
		want       string
		changeStep time.Duration
	}{
		{180 * time.Second, "3\u00a0min", time.Minute},
		{121 * time.Second, "3\u00a0min", time.Minute},
		{120 * time.Second, "2\u00a0min", time.Minute},
		{60*time.Second + time.Millisecond, "2\u00a0min", time.Minute},
		{60 * time.Second, "1\u00a0min", 10 * time.Second},
		{51 * time.Second, "1\u00a0min", 10 * time.Second},
		{50 * time.Second, "50s", 10 * time.Second},
		{10 * time.Second, "10s", 10 * time.Second},
		{time.Millisecond, "10s", 10 * time.Second},
		{0, "0s", 10 * time.Second},
		{-time.Second, "0s", 10 * time.Second},
	} {
		if got := ExpiresIn(English, tc.left); got != tc.want {
			t.Errorf("ExpiresIn(%v) = %q, want %q", tc.left, got, tc.want)
		}
		if got := ExpiresInStep(tc.left); got != tc.changeStep {
			t.Errorf("ExpiresInStep(%v) = %v, want %v", tc.left, got, tc.changeStep)
		}
	}
	for _, loc := range Locales() {
		for _, left := range []time.Duration{180 * time.Second, 50 * time.Second} {
			got := ExpiresIn(loc, left)
			if !strings.Contains(got, "3") && !strings.Contains(got, "50") || strings.Contains(got, "%!") {
				t.Errorf("%s: ExpiresIn(%v) = %q", loc, left, got)
			}
		}
	}
}
