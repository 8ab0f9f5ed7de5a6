package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/biliqr/biliqr/ui"
)

// A small roff writer, not github.com/muesli/mango: mango's adapter for
// the flag package knows neither our groups nor the sections we add, and
// the page is a few dozen lines of man(7) macros. Every text goes through
// roffText, which escapes what roff would read as syntax.

// Page is what the man page says about the build.
type Page struct {
	Name    string // "biliqr"
	Version string // "1.2.3"; "" leaves it out
	Date    string // YYYY-MM-DD (the commit's); "" leaves it out
}

// Man writes the man page biliqr(1) in man(7) format. Its first line
// has man(1) run tbl(1), for the scan table.
func Man(w io.Writer, p Page, defs []Flag) error {
	defs = withHelp(defs)
	var b strings.Builder
	source := p.Name
	if p.Version != "" {
		source += " " + p.Version
	}
	fmt.Fprintf(&b, "'\\\" t\n.TH %s 1 %s %s \"User Commands\"\n", strings.ToUpper(p.Name), manDate(p.Date), roffArg(source))
	// no hyphenation: a flag broken at a line end cannot be copied
	b.WriteString(".nh\n")
	// left-aligned: justified lines stretch around the long paths
	b.WriteString(".ad l\n")
	b.WriteString(".SH NAME\n")
	fmt.Fprintf(&b, "%s \\- %s\n", p.Name, roffText(Summary))
	b.WriteString(".SH SYNOPSIS\n")
	fmt.Fprintf(&b, ".B %s\n.RI [ flags ]\n", p.Name)
	b.WriteString(".SH DESCRIPTION\n")
	for i, para := range Description {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		b.WriteString(roffText(para) + "\n")
	}
	b.WriteString(".SH OPTIONS\n")
	for _, g := range groups(defs) {
		fmt.Fprintf(&b, ".SS %s\n", roffArg(groupTitles[g]))
		for _, f := range defs {
			if f.Group != g {
				continue
			}
			b.WriteString(".TP\n" + manFlagHead(f) + "\n")
			b.WriteString(roffText(sentence(f.text())) + "\n")
		}
	}
	manCombos(&b)
	manParas(&b, ".SH \"THE LOGIN\"", Login)
	manParas(&b, ".PP", []string{"What the verification's answer does:"})
	manEntries(&b, Verification)
	manParas(&b, ".SH KEYS", []string{KeysIntro})
	manEntries(&b, Keys)
	manOutput(&b)
	b.WriteString(".SH EXAMPLES\n")
	for _, e := range Examples {
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", roffArg(e.Term), roffText(sentence(e.Text)))
	}
	manList(&b, "ENVIRONMENT", Environment)
	manList(&b, "FILES", Files)
	manParas(&b, ".SS \"What a save does with the file at \\-o\"", nil)
	manEntries(&b, Saving)
	manParas(&b, ".PP", SavingNotes)
	manParas(&b, ".SS \"What each mode does with what is at \\-o\"", nil)
	manEntries(&b, FileKinds)
	manTerminals(&b)
	manList(&b, "EXIT STATUS", ExitStatuses)
	manParas(&b, ".PP", Signals)
	b.WriteString(".SH SECURITY\n")
	for i, e := range Security {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		b.WriteString(roffText(e.Text) + "\n")
	}
	manParas(&b, ".SH \"REPORTING BUGS\"", Reporting)
	manParas(&b, ".SH COPYRIGHT", []string{Copyright})
	b.WriteString(".SH SEE ALSO\n.BR curl (1),\n.BR yt\\-dlp (1)\n.PP\n")
	b.WriteString(roffText("The README, EVENTS.md and the licence are in /usr/share/doc/biliqr where a package "+
		"installed biliqr, and at https://github.com/biliqr/biliqr.") + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// manParas writes head (a section or .PP), then paras separated by .PP.
func manParas(b *strings.Builder, head string, paras []string) {
	b.WriteString(head + "\n")
	for i, p := range paras {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		b.WriteString(roffText(p) + "\n")
	}
}

// manEntries writes a tagged list.
func manEntries(b *strings.Builder, entries []Entry) {
	for _, e := range entries {
		fmt.Fprintf(b, ".TP\n.B %s\n%s\n", roffArg(e.Term), roffText(sentence(e.Text)))
	}
}

// manCombos is what cannot go together, from the table Conflict reads.
func manCombos(b *strings.Builder) {
	b.WriteString(".SS \"Flags that cannot go together\"\n")
	b.WriteString(roffText("These are bad usage (exit 2, one line naming them). -demo goes with every mode; "+
		"-check -json is -check -format json.") + "\n")
	for _, c := range Combos {
		names := make([]string, len(c.Flags))
		for i, f := range c.Flags {
			names[i] = "-" + f
		}
		if c.Value != "" {
			not := ""
			if c.Not {
				not = "other than "
			}
			names[len(names)-1] += " " + not + c.Value
		}
		fmt.Fprintf(b, ".TP\n.B %s\n%s\n", roffArg(strings.Join(names, " with ")), roffText(sentence(c.Why)))
	}
}

// manOutput is what -plain, -json and -check print.
func manOutput(b *strings.Builder) {
	manParas(b, ".SH OUTPUT\n.SS \"\\-plain\"", Plain)
	manParas(b, ".SS \"\\-json\"", []string{JSONIntro})
	manEntries(b, Events)
	manParas(b, ".PP", []string{"The reasons:"})
	manEntries(b, Reasons)
	manParas(b, ".SS \"\\-check\"", Check)
}

func manList(b *strings.Builder, title string, entries []Entry) {
	fmt.Fprintf(b, ".SH %s\n", roffArg(title))
	manEntries(b, entries)
}

// manFlagHead is "\fB\-o\fR, \fB\-output\fR \fIPATH\fR".
func manFlagHead(f Flag) string {
	var parts []string
	for _, n := range flagNames(f) {
		parts = append(parts, `\fB`+roffEscape("-"+n)+`\fR`)
	}
	head := strings.Join(parts, ", ")
	if f.Arg != "" {
		head += ` \fI` + roffEscape(f.Arg) + `\fR`
	}
	return head
}

// sentence starts s with a capital and ends it with a period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// roffEscape escapes backslashes, dashes and non-ASCII characters (as
// \[uXXXX], which groff and mandoc both read whatever the input
// encoding). Every dash is \-, the ASCII hyphen-minus: a plain - may print
// as a typographic hyphen, and "-passport-url" or "yt-dlp" copied from
// the page must still work in a shell.
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// roffText is s as text lines of at most 80 bytes (mandoc's style
// check), escaped, none starting with a control character (. or ').
func roffText(s string) string {
	lines := strings.Split(strings.TrimSuffix(wrap(roffEscape(s), 80, "", ""), "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

// manDate is the .TH date: YYYY-MM-DD as is (mandoc parses it; an escaped
// \- it does not), anything else left out.
func manDate(d string) string {
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return `""`
	}
	return `"` + d + `"`
}

// roffArg is s as one quoted macro argument, on one line.
func roffArg(s string) string {
	return `"` + strings.ReplaceAll(roffEscape(s), `"`, `\(dq`) + `"`
}

// manTerminals is TERMINALS: how the app draws, what -qr auto picks
// terminal by terminal, and how each rendering scans.
func manTerminals(b *strings.Builder) {
	manParas(b, ".SH TERMINALS", Terminals)
	manEntries(b, TerminalRenderings)
	manScanTable(b)
}

// manScanTable is ui.ScanTable (measured by TestScanTable) as a tbl(1)
// table: which rendering decodes at which line spacing.
func manScanTable(b *strings.Builder) {
	b.WriteString(".PP\n")
	b.WriteString(roffText("How each rendering scans: each drawn as a terminal draws it, with extra space under every row, and read with a QR decoder (TestScanTable).") + "\n")
	b.WriteString(".TS\nl" + strings.Repeat(" c", len(ui.ScanSpacings)) + ".\n")
	b.WriteString("line spacing")
	for _, sp := range ui.ScanSpacings {
		fmt.Fprintf(b, "\t%d%%", sp)
	}
	b.WriteString("\n")
	for _, row := range ui.ScanTable {
		b.WriteString(roffEscape(row.Rendering))
		for _, ok := range row.Decodes {
			if ok {
				b.WriteString("\tyes")
			} else {
				b.WriteString("\tno")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(".TE\n")
}
