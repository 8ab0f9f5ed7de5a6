package i18n

import "time"

// Seconds is d in whole seconds, rounded up: a countdown shows 0:01 until
// the very end, "retrying in 4s" never says 3 for 3.2 s, and the -json
// expires_in agrees with both. The catalogs write the unit in words, where
// a Go duration ("4s", "1m0s") would show its own.
func Seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

// ExpiresIn words the time left on a code for the full screen: whole
// minutes while more than one is left ("3 min"), then tens of seconds
// ("50s"), each rounded up as Seconds rounds. The words change once a
// minute, then every ten seconds (ExpiresInStep): a countdown a second
// kept the renderer awake the whole time the code was shown, and gave a
// screen reader a new line to read every second.
func ExpiresIn(locale string, d time.Duration) string {
	s := max(Seconds(d), 0)
	switch {
	case s > 60:
		return T(locale, TextMinutesLeft, (s+59)/60)
	case s > 50:
		return T(locale, TextMinutesLeft, 1)
	}
	return T(locale, TextSecondsLeft, (s+9)/10*10)
}

// ExpiresInStep is how often ExpiresIn's words change with d left: a
// clock that redraws them need not wake more often, if it wakes on the
// step's whole multiples of the time left.
func ExpiresInStep(d time.Duration) time.Duration {
	if d > time.Minute {
		return time.Minute
	}
	return 10 * time.Second
}
