package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Date is how a day is shown to a person: the local calendar date,
// "2027-05-30", which reads the same in every language the app speaks.
func Date(t time.Time) string { return t.Local().Format(time.DateOnly) }

// EndsSuffix is "; the session ends on DATE" for a summary line (with the
// language's own clause punctuation: "；" in Chinese), or "" when the end
// is not known.
func EndsSuffix(locale string, end time.Time) string {
	if end.IsZero() {
		return ""
	}
	return T(locale, TextClauseSep) + T(locale, TextSessionEnds, Date(end))
}

// Clauses joins the clauses of one summary line with the language's own
// punctuation: "; " in most, "；" in Chinese. Empty clauses are left out.
func Clauses(locale string, clauses ...string) string {
	var out string
	for _, c := range clauses {
		if c == "" {
			continue
		}
		if out != "" {
			out += T(locale, TextClauseSep)
		}
		out += c
	}
	return out
}

// Within words a -within duration: whole days as "14d", else Go's form.
func Within(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// ShortDuration spells d as the -timeout flag takes it, without zero
// units: 30m, 1h, 1h30m, 45s.
func ShortDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
