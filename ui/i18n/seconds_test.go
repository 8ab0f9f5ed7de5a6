package i18n

import (
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
