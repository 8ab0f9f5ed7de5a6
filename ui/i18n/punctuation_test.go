package i18n

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// asciiBetweenHan is an ASCII ; or , next to Chinese text: Chinese uses
// its own full-width punctuation (；，) between clauses.
var asciiBetweenHan = regexp.MustCompile(`\p{Han}[)）]?\s*[;,]|[;,]\s*\p{Han}|）\s*[;,]`)

// Chinese text uses Chinese punctuation throughout: every string of the
// catalog, and the lines composed of several (a summary and its "session
// ends" clause, -check's clauses).
func TestChinesePunctuation(t *testing.T) {
	for k, s := range allCatalogs["zh_ZH"] {
		if asciiBetweenHan.MatchString(s) {
			t.Errorf("zh_ZH %q: %q has an ASCII ; or , between Chinese clauses", k, s)
		}
	}
	end := time.Date(2030, 6, 30, 12, 0, 0, 0, time.UTC)
	acct := T("zh_ZH", TextAccountNameMid, "Mika", 42)
	for _, line := range []string{
		T("zh_ZH", TextSummaryOK, acct, "/home/u/cookies.txt", "netscape") + EndsSuffix("zh_ZH", end),
		Clauses("zh_ZH", T("zh_ZH", TextCheckLoggedIn, acct)+EndsSuffix("zh_ZH", end),
			T("zh_ZH", TextFree), T("zh_ZH", TextSessionAt, "/home/u/cookies.txt")),
	} {
		if asciiBetweenHan.MatchString(line) || !strings.Contains(line, "；") {
			t.Errorf("composed: %q", line)
		}
	}
	if got := Clauses("en_US", "a", "", "b"); got != "a; b" {
		t.Errorf("English clauses: %q", got)
	}
}
