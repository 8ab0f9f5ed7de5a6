package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// DurationForms is what every duration flag (-timeout, -within) takes, in
// the words of its one error message, the help and the man page.
const DurationForms = "90s, 30m, 36h, 1h30m, 14d or 2w"

// maxDuration keeps a count of days or weeks within what a time.Duration
// holds (about 292 years).
const maxDuration = 100 * 365 * 24 * time.Hour

// ParseDuration reads a duration flag's value: a Go duration (90s, 30m,
// 36h, 1h30m), or a number of days or weeks (14d, 1.5d, 2w), which cron
// lines and people think in. A bare number has no unit and is refused, as
// are empty values (an unset shell variable: "-within $DAYS") and negative
// ones; 0 only where zeroOK (-timeout 0: never).
func ParseDuration(flagName, s string, zeroOK bool) (time.Duration, error) {
	d, ok := parseDuration(strings.TrimSpace(s))
	if !ok || d < 0 || (d == 0 && !zeroOK) || d > maxDuration {
		return 0, DurationError(flagName, s, zeroOK)
	}
	return d, nil
}

// DurationError is the one message of a bad duration flag.
func DurationError(flagName, s string, zeroOK bool) error {
	zero := ""
	if zeroOK {
		zero = ", or 0 for never"
	}
	return &UsageError{Msg: fmt.Sprintf("-%s %q: give a duration such as %s%s", flagName, s, DurationForms, zero)}
}

func parseDuration(s string) (time.Duration, bool) {
	if s == "" {
		return 0, false
	}
	if s == "0" {
		return 0, true
	}
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			f, err := strconv.ParseFloat(n, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f*float64(unit) > float64(maxDuration) || strings.ContainsAny(n, "eExX_") {
				return 0, false
			}
			return time.Duration(f * float64(unit)), true
		}
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

// durationValue is a duration flag read by ParseDuration.
type durationValue struct {
	p      *time.Duration
	name   string
	zeroOK bool
}

func (v *durationValue) Set(s string) error {
	d, err := ParseDuration(v.name, s, v.zeroOK)
	if err != nil {
		return err
	}
	*v.p = d
	return nil
}

func (v *durationValue) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	return v.p.String()
}
