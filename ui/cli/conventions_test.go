package cli

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// -timeout and -within read the same forms and refuse alike, with one
// message; 0 is "never" only where the flag says so, and an empty value
// (an unset shell variable) is bad usage for both.
func TestParseDuration(t *testing.T) {
	day := 24 * time.Hour
	for in, want := range map[string]time.Duration{
		"90s": 90 * time.Second, "30m": 30 * time.Minute, "36h": 36 * time.Hour, "1h30m": 90 * time.Minute,
		"14d": 14 * day, "1.5d": 36 * time.Hour, "2w": 14 * day, " 7d ": 7 * day,
	} {
		for _, zeroOK := range []bool{true, false} {
			if got, err := ParseDuration("within", in, zeroOK); err != nil || got != want {
				t.Errorf("%q: %v %v, want %v", in, got, err, want)
			}
		}
	}
	if got, err := ParseDuration("timeout", "0", true); err != nil || got != 0 {
		t.Errorf("-timeout 0: %v %v, want 0 (never)", got, err)
	}
	for _, in := range []string{"", " ", "0", "0d", "5", "d", "w", "-3d", "-5m", "fortnight", "14 days", "1e3d", "NaNd", "Infd", "99999999w"} {
		_, err := ParseDuration("within", in, false)
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("-within %q accepted", in)
			continue
		}
		if want := `-within "` + in + `": give a duration such as ` + DurationForms; ue.Msg != want {
			t.Errorf("-within %q: %q, want %q", in, ue.Msg, want)
		}
	}
	for _, in := range []string{"", "5", "14x"} {
		if _, err := ParseDuration("timeout", in, true); err == nil || err.Error() != `-timeout "`+in+`": give a duration such as `+DurationForms+", or 0 for never" {
			t.Errorf("-timeout %q: %v", in, err)
		}
	}
}

// Through Parse, a duration flag's error is that one message, not the
// flag package's "parse error"; 0 for a NoZero flag is refused.
func TestParseDurationFlags(t *testing.T) {
	var timeout, within time.Duration
	defs := []Flag{
		{Name: "timeout", Arg: "DURATION", Value: &timeout, Default: "30m"},
		{Name: "within", Arg: "DURATION", Value: &within, NoZero: true},
	}
	if _, err := Parse("biliqr", defs, []string{"-timeout", "2w", "-within", "14d"}); err != nil || timeout != 14*24*time.Hour || within != 14*24*time.Hour {
		t.Fatalf("%v %v %v", err, timeout, within)
	}
	if _, err := Parse("biliqr", defs, nil); err != nil || timeout != 30*time.Minute {
		t.Fatalf("default: %v %v", err, timeout)
	}
	for _, args := range [][]string{{"-within", ""}, {"-within", "0"}, {"-timeout", ""}, {"-timeout", "5"}} {
		_, err := Parse("biliqr", defs, args)
		if err == nil || !strings.HasPrefix(err.Error(), args[0]+` "`+args[1]+`": give a duration such as`) {
			t.Errorf("%q: %v", args, err)
		}
	}
	if _, err := Parse("biliqr", defs, []string{"-timeout", "0"}); err != nil || timeout != 0 {
		t.Errorf("-timeout 0: %v %v", err, timeout)
	}
}

// An unknown flag is echoed as typed, with the known flag it is a slip of.
func TestUnknownFlagSuggests(t *testing.T) {
	var s string
	var b bool
	defs := []Flag{
		{Name: "check", Value: &b}, {Name: "locale", Arg: "CODE", Value: &s},
		{Name: "format", Arg: "F", Value: new(string)}, {Name: "o", Alias: "output", Arg: "PATH", Value: new(string)},
		{Name: "verbose", Value: new(bool)},
	}
	for in, want := range map[string]string{
		"-chekc":     "unknown flag -chekc; did you mean -check?",
		"--chekc":    "unknown flag --chekc; did you mean -check?",
		"-lcoale":    "unknown flag -lcoale; did you mean -locale?",
		"-fromat=x":  "unknown flag -fromat; did you mean -format?",
		"-outptu":    "unknown flag -outptu; did you mean -output?",
		"-v":         "unknown flag -v",
		"--no-color": "unknown flag --no-color; for no colours, set NO_COLOR=1",
		"-nope":      "unknown flag -nope",
		"-hepl":      "unknown flag -hepl; did you mean -help?",
	} {
		_, err := Parse("biliqr", defs, []string{"-check", in})
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}

// -h with anything else on the line is bad usage, as that thing alone
// would be; -h alone, or among flags, is the help.
func TestHelpWithExtraArguments(t *testing.T) {
	defs, _ := sample()
	for args, want := range map[string]string{
		"-h extra":           `unexpected argument "extra" (biliqr takes flags only)`,
		"-locale th_TH -h x": `unexpected argument "x" (biliqr takes flags only)`,
		"--help -nope":       "unknown flag -nope",
	} {
		_, err := Parse("biliqr", defs, strings.Fields(args))
		if err == nil || errors.Is(err, ErrHelp) || err.Error() != want {
			t.Errorf("%s: %v, want %q", args, err, want)
		}
	}
	for _, args := range []string{"-h", "-o x.txt -h", "-help -locale th_TH"} {
		if _, err := Parse("biliqr", defs, strings.Fields(args)); !errors.Is(err, ErrHelp) {
			t.Errorf("%s: %v, want the help", args, err)
		}
	}
}

// -h fits a 24-line terminal: the flags with a Brief, three examples, and
// where the rest is.
func TestShortHelpFits(t *testing.T) {
	defs, _ := sample()
	defs[0].Brief, defs[2].Brief = "the language", "log out"
	var b strings.Builder
	ShortHelp(&b, "biliqr", defs)
	h := b.String()
	lines := strings.Split(strings.TrimSuffix(h, "\n"), "\n")
	if len(lines) > 23 {
		t.Errorf("%d lines:\n%s", len(lines), h)
	}
	for _, w := range []string{"-locale CODE", "the language", "-logout", "Examples:", Examples[0].Term, Examples[2].Term, "biliqr -help-all", "man biliqr"} {
		if !strings.Contains(h, w) {
			t.Errorf("lacks %q:\n%s", w, h)
		}
	}
	if strings.Contains(h, "-api-url") || strings.Contains(h, Examples[3].Term) {
		t.Errorf("more than the common flags and three examples:\n%s", h)
	}
	for _, l := range lines {
		if len(l) > helpWidth {
			t.Errorf("%d columns: %q", len(l), l)
		}
	}
}
