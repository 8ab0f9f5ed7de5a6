package i18n

import "time"

// Seconds is d in whole seconds, rounded up: a countdown shows 0:01 until
// the very end, "retrying in 4s" never says 3 for 3.2 s, and the -json
// expires_in agrees with both. The catalogs write the unit in words, where
// a Go duration ("4s", "1m0s") would show its own.
func Seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }
