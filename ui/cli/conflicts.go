package cli

import "strings"

// A Combo is a set of flags that cannot go together on one command line,
// and why, in a few words. It applies only when every flag in it was
// given; Value narrows it to a value of its last flag (Not: any other
// value), as in -check -format header.
type Combo struct {
	Flags []string // names without the dash
	Value string
	Not   bool
	Why   string
}

// Combos is every combination refused. -check prints one line, in JSON
// with -format json or -json (the two mean the same there: -check -json is
// -check -format json); -logout prints one line and has no JSON; the flags
// of a login (-plain, -png, -force, -invert) mean nothing to either. -demo
// goes with all three modes: it only changes the server. Both read the
// saved file in whatever format it is in, so -format names nothing for
// them, but for -check's own -format json.
var Combos = []Combo{
	{Flags: []string{"check", "logout"}, Why: "-check verifies the saved session, -logout ends it"},
	{Flags: []string{"plain", "json"}, Why: "pick one output"},
	{Flags: []string{"logout", "json"}, Why: "-logout prints one line, never JSON"},
	{Flags: []string{"check", "plain"}, Why: "-check never draws a screen; its line is plain unless -json"},
	{Flags: []string{"logout", "plain"}, Why: "-logout never draws a screen"},
	{Flags: []string{"check", "png"}, Why: "-png writes a login's QR code"},
	{Flags: []string{"logout", "png"}, Why: "-png writes a login's QR code"},
	{Flags: []string{"check", "force"}, Why: "-force starts a new login"},
	{Flags: []string{"logout", "force"}, Why: "-force starts a new login"},
	{Flags: []string{"check", "invert"}, Why: "-invert changes a printed QR code"},
	{Flags: []string{"logout", "invert"}, Why: "-invert changes a printed QR code"},
	{Flags: []string{"check", "format"}, Value: "json", Not: true, Why: "-check reads the file in its own format and prints a line, or JSON with -format json"},
	{Flags: []string{"logout", "format"}, Why: "-logout reads the file in its own format"},
}

// Conflict is the first refused combination among the flags given (given:
// was it on the command line; value: what it was given), as one line:
// "-check and -logout cannot go together (…)"; "" when there is none.
func Conflict(given func(name string) bool, value func(name string) string) string {
	for _, c := range Combos {
		all := true
		for _, f := range c.Flags {
			all = all && given(f)
		}
		last := c.Flags[len(c.Flags)-1]
		if !all || c.Value != "" && (value(last) == c.Value) == c.Not {
			continue
		}
		names := make([]string, len(c.Flags))
		for i, f := range c.Flags {
			names[i] = "-" + f
			if c.Value != "" && f == last {
				names[i] += " " + value(f)
			}
		}
		return strings.Join(names, " and ") + " cannot go together (" + c.Why + ")"
	}
	return ""
}
