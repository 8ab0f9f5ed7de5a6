package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// helpWidth keeps the help readable in an 80-column terminal.
const helpWidth = 79

// ShortHelp writes the -h text, which fits a 24-line terminal: what biliqr
// is, the flags a newcomer needs (those with a Brief), three examples, and
// where the rest is (-help-all, the man page).
func ShortHelp(w io.Writer, name string, defs []Flag) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", name, Summary)
	fmt.Fprintf(&b, "\nUsage: %s [flags]\n\nCommon flags:\n", name)
	for _, f := range defs {
		if f.Brief == "" {
			continue
		}
		head := "  " + f.names()
		if f.Arg != "" {
			head += " " + f.Arg
		}
		b.WriteString(term(head, f.Brief))
	}
	b.WriteString("\nExamples:\n")
	for _, e := range Examples[:3] {
		fmt.Fprintf(&b, "  %s\n", e.Term)
	}
	fmt.Fprintf(&b, "\nEvery flag: %s -help-all. The manual: man %s (or %s -man).\n", name, name, name)
	io.WriteString(w, b.String()) //nolint:errcheck // nowhere to report it
}

// Help writes the -help-all text: what biliqr is, the flags by group
// (developer flags last), examples, the environment and the exit statuses.
func Help(w io.Writer, name string, defs []Flag) {
	defs = withHelp(defs)
	var b strings.Builder
	b.WriteString(wrap(Description[0], helpWidth, "", ""))
	fmt.Fprintf(&b, "\nUsage: %s [flags]\n", name)
	for _, g := range groups(defs) {
		fmt.Fprintf(&b, "\n%s:\n", groupTitles[g])
		for _, f := range defs {
			if f.Group == g {
				b.WriteString(helpFlag(f))
			}
		}
	}
	b.WriteString("\nExamples:\n")
	for _, e := range Examples {
		fmt.Fprintf(&b, "  %s\n%s", e.Term, wrap(e.Text, helpWidth, "      ", "      "))
	}
	b.WriteString("\nEnvironment:\n")
	for _, e := range Environment {
		b.WriteString(term(e.Term, e.Text))
	}
	b.WriteString("\nExit status:\n")
	for _, e := range ExitStatuses {
		b.WriteString(term(e.Term, e.Text))
	}
	fmt.Fprintf(&b, "\nThe manual has more: man %s (or %s -man).\n", name, name)
	io.WriteString(w, b.String()) //nolint:errcheck // nowhere to report it
}

// helpDef is -h, which the flag package defines by itself; it is listed
// (and completed) like the others.
var helpDef = Flag{Name: "h", Alias: "help", Usage: "print the short help and exit; -help-all prints every flag", Group: Setup}

// withHelp is defs with -h first, so that it leads its group.
func withHelp(defs []Flag) []Flag { return append([]Flag{helpDef}, defs...) }

// groups lists the groups defs uses, in order.
func groups(defs []Flag) []Group {
	seen := map[Group]bool{}
	var gs []Group
	for _, f := range defs {
		if !seen[f.Group] {
			seen[f.Group] = true
			gs = append(gs, f.Group)
		}
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i] < gs[j] })
	return gs
}

// helpColumn is where the flags' descriptions start.
const helpColumn = 22

func helpFlag(f Flag) string {
	head := "  " + f.names()
	if f.Arg != "" {
		head += " " + f.Arg
	}
	return term(head, f.text())
}

// term is "  TERM   text…" with the text wrapped at helpColumn; a term
// too long for the column gets a line of its own.
func term(head, text string) string {
	if !strings.HasPrefix(head, "  ") {
		head = "  " + head
	}
	pad := strings.Repeat(" ", helpColumn)
	if len(head)+2 > helpColumn { // two spaces at least between a term and its text
		return head + "\n" + wrap(text, helpWidth, pad, pad)
	}
	return wrap(text, helpWidth, head+strings.Repeat(" ", helpColumn-len(head)), pad)
}

// wrap breaks text into lines of at most width columns (counting bytes:
// the help is ASCII), the first after first, the rest after rest.
func wrap(text string, width int, first, rest string) string {
	var b strings.Builder
	line := first
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}
