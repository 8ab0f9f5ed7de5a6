package cli

import (
	"os"
	"strings"
	"testing"
)

// readmeSection is the text under the heading title, up to the next
// heading of the same or a higher level.
func readmeSection(t *testing.T, readme, title string) string {
	t.Helper()
	level := title[:strings.IndexByte(title, ' ')]
	i := strings.Index(readme, "\n"+title+"\n")
	if i < 0 {
		t.Fatalf("README.md has no section %q", title)
	}
	rest := readme[i+len(title)+2:]
	for _, l := range []string{"\n" + level + " ", "\n" + level[:len(level)-1] + " "} {
		if len(l) > 2 {
			if j := strings.Index(rest, l); j >= 0 {
				rest = rest[:j]
			}
		}
	}
	return rest
}

// The man page's and the help's sections are the source; the README must
// say the same: every variable, status, file and security point.
func TestREADMEAgrees(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	check := func(title string, terms []string) {
		sec := readmeSection(t, readme, title)
		for _, term := range terms {
			if !strings.Contains(sec, term) {
				t.Errorf("README section %q does not mention %q (ui/cli/text.go does)", title, term)
			}
		}
	}
	var env, codes, files, security []string
	for _, e := range Environment {
		env = append(env, strings.Split(e.Term, ", ")...)
	}
	for _, e := range ExitStatuses {
		codes = append(codes, "`"+e.Term+"`")
	}
	for _, e := range Files {
		files = append(files, e.Term)
	}
	for _, e := range Security {
		security = append(security, e.Term)
	}
	check("### Environment", env)
	check("### Exit status", codes)
	check("### Files", files)
	check("## Security notes", security)
}
