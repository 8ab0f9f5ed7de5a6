package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The man page is the reference: every section, in order, and in them
// every entry of the tables it is written from (the keys, the events and
// reasons, the files, what a save does, the environment, the statuses,
// the combinations refused), the licence and where to report a problem.
func TestManPageIsComplete(t *testing.T) {
	defs, _ := sample()
	var b bytes.Buffer
	if err := Man(&b, Page{Name: "biliqr", Version: "1.2.3", Date: "2026-12-01"}, defs); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	at := 0
	for _, sec := range []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
		`.SS "Flags that cannot go together"`, `.SH "THE LOGIN"`, ".SH KEYS", ".SH OUTPUT", `.SS "\-plain"`,
		`.SS "\-json"`, `.SS "\-check"`, ".SH EXAMPLES", `.SH "ENVIRONMENT"`, `.SH "FILES"`,
		`.SS "What a save does with the file at \-o"`,
		`.SS "What each mode does with what is at \-o"`, ".SH TERMINALS", `.SH "EXIT STATUS"`, ".SH SECURITY",
		`.SH "REPORTING BUGS"`, ".SH COPYRIGHT", ".SH SEE ALSO"} {
		i := strings.Index(page[at:], "\n"+sec+"\n")
		if i < 0 {
			t.Fatalf("the man page lacks %s after offset %d", sec, at)
		}
		at += i + 1
	}
	tables := map[string][]Entry{"Keys": Keys, "Events": Events, "Reasons": Reasons, "Files": Files,
		"Saving": Saving, "FileKinds": FileKinds, "Environment": Environment, "ExitStatuses": ExitStatuses, "Verification": Verification}
	for name, entries := range tables {
		for _, e := range entries {
			if !strings.Contains(page, ".TP\n.B "+roffArg(e.Term)+"\n") {
				t.Errorf("the man page lacks %s's %q", name, e.Term)
			}
		}
	}
	for _, c := range Combos {
		if !strings.Contains(page, roffText(sentence(c.Why))) {
			t.Errorf("the man page lacks why %v cannot go together", c.Flags)
		}
	}
	for _, w := range []string{"MIT", "The biliqr authors", "-verbose", "BILIQR_DEBUG=1",
		"https://github.com/biliqr/biliqr/issues", "<that file>.lock", "<user cache dir>/biliqr/demo/",
		"Library/Application Support", "%AppData%"} {
		if !strings.Contains(page, roffEscape(w)) {
			t.Errorf("the man page lacks %q", w)
		}
	}
}
