// Package cli is biliqr's command line as data: one table of flag
// definitions, from which the flag set, the help (-h), the man page
// (-man) and the shell completions (-completion) are all made, so that
// they cannot drift apart. main owns the table (it binds each flag to its
// options); this package only reads it.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// Group orders the flags in the help and the man page: what a newcomer
// needs first, the developer flags last.
type Group int

// The groups, in the order the help lists them.
const (
	Common    Group = iota // logging in, where the session goes, -check, -logout
	Output                 // how the login is shown
	Setup                  // help, version, completion, man page
	Developer              // another server (tests, a mirror): marked as such
)

var groupTitles = map[Group]string{
	Common:    "Common flags",
	Output:    "Without the full-screen app",
	Setup:     "Help and set-up",
	Developer: "Developer flags (for testing against another server)",
}

// Flag is one command-line flag. Adding a flag is one entry in main's
// table (plus the field it sets); help, man page and completion follow.
type Flag struct {
	Name    string   // without the dash: "locale"
	Alias   string   // a second name for the same flag: "output" for "o"
	Arg     string   // the argument's name in help ("PATH"); empty for a switch
	Usage   string   // one line, no final period: help, man page, completion
	More    string   // further sentences for help and the man page
	Group   Group    //
	Default string   // the initial value; shown when not empty
	Choices []string // the values completion offers (-locale, -format)
	Files   bool     // completion offers file paths
	// Brief, when set, puts the flag in the short help (-h) with these
	// few words; the full help (-help-all) and the man page say Usage.
	Brief string
	// NoZero: a duration flag for which 0 is bad usage (-within), not
	// "never" (-timeout 0).
	NoZero bool
	// Value is where the flag is stored: *string, *bool, *int or
	// *time.Duration. Nil in tables made only to be printed.
	Value any
}

// names is "-o, -output" or "-locale".
func (f Flag) names() string {
	if f.Alias != "" {
		return "-" + f.Name + ", -" + f.Alias
	}
	return "-" + f.Name
}

// text is the flag's whole description: usage; more; the default.
func (f Flag) text() string {
	t := f.Usage
	if f.More != "" {
		t += "; " + f.More
	}
	if f.Default != "" && f.Arg != "" {
		t += "; default " + f.Default
	}
	return t
}

// Register adds every flag of defs to fs. An unsupported Value type is a
// mistake in the table, found by the first test that parses.
func Register(fs *flag.FlagSet, defs []Flag) {
	for _, f := range defs {
		for _, name := range []string{f.Name, f.Alias} {
			if name == "" {
				continue
			}
			switch p := f.Value.(type) {
			case *string:
				fs.StringVar(p, name, f.Default, f.Usage)
			case *bool:
				fs.BoolVar(p, name, f.Default == "true", f.Usage)
			case *int:
				var n int
				if f.Default != "" {
					fmt.Sscan(f.Default, &n) //nolint:errcheck // a bad default is the table's bug; 0 shows it
				}
				fs.IntVar(p, name, n, f.Usage)
			case *time.Duration:
				// every duration flag reads and refuses values alike
				if f.Default != "" {
					*p, _ = ParseDuration(name, f.Default, true)
				}
				fs.Var(&durationValue{p: p, name: name, zeroOK: !f.NoZero}, name, f.Usage)
			default:
				panic(fmt.Sprintf("cli: flag -%s: unsupported Value %T", name, f.Value))
			}
		}
	}
}

// ErrHelp is returned by Parse for -h, -help and --help: print the help
// on standard output and exit 0.
var ErrHelp = flag.ErrHelp

// UsageError is bad usage found while parsing, in one line without the
// program's name: "unknown flag -nope".
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Parse parses args against defs. It prints nothing: the caller says the
// one line of an error (see PrintUsageError) or prints the help.
func Parse(name string, defs []Flag, args []string) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	Register(fs, defs)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		// -h stops the flag package at once; what follows it is still
		// read, so that "-h extra" is bad usage as "extra" alone is
		if err := afterHelp(name, defs, args); err != nil {
			return fs, err
		}
		return fs, ErrHelp
	case err != nil:
		return fs, &UsageError{Msg: flagError(defs, args, err)}
	case fs.NArg() > 0:
		return fs, strayArgument(fs.Arg(0))
	}
	return fs, nil
}

func strayArgument(arg string) error {
	return &UsageError{Msg: fmt.Sprintf("unexpected argument %q (biliqr takes flags only)", arg)}
}

// afterHelp parses args with -h and -help as plain switches: the usage
// error of anything else on the line (a stray argument, an unknown flag),
// or nil.
func afterHelp(name string, defs []Flag, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	Register(fs, defs)
	fs.Bool("h", false, "")
	fs.Bool("help", false, "")
	switch err := fs.Parse(args); {
	case err != nil:
		return &UsageError{Msg: flagError(defs, args, err)}
	case fs.NArg() > 0:
		return strayArgument(fs.Arg(0))
	}
	return nil
}

// flagError rewords the standard flag package's errors. Their texts have
// not changed since Go 1; should one ever change, its own text is shown,
// which is still one honest line.
func flagError(defs []Flag, args []string, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = asTyped(name, args)
		bare := strings.ToLower(strings.TrimLeft(name, "-"))
		if near := nearest(defs, bare); near != "" {
			return fmt.Sprintf("unknown flag %s; did you mean -%s?", name, near)
		}
		if bare == "no-color" || bare == "nocolor" || bare == "no-colour" {
			return "unknown flag " + name + "; for no colours, set NO_COLOR=1"
		}
		return "unknown flag " + name
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		for _, f := range defs {
			if "-"+f.Name == name || "-"+f.Alias == name {
				return fmt.Sprintf("%s needs a value: %s %s", name, name, f.Arg)
			}
		}
		return name + " needs a value"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// a duration flag's own message names the flag and the value
		if i := strings.Index(rest, " for flag -"); i >= 0 {
			if name, why, ok := strings.Cut(rest[i+len(" for flag -"):], ": "); ok && isDuration(defs, name) {
				return why
			}
		}
		return "invalid value " + strings.Replace(rest, " for flag ", " for ", 1)
	}
	return msg
}

func isDuration(defs []Flag, name string) bool {
	for _, f := range defs {
		if f.Name == name || f.Alias == name {
			_, ok := f.Value.(*time.Duration)
			return ok
		}
	}
	return false
}

// asTyped is the unknown flag -name as the user typed it: the flag
// package reports "--no-color" as "-no-color", a flag nobody typed.
func asTyped(name string, args []string) string {
	bare := strings.TrimLeft(name, "-")
	for _, a := range args {
		if a == "--" {
			break
		}
		typed, _, _ := strings.Cut(a, "=")
		if strings.HasPrefix(typed, "-") && strings.TrimLeft(typed, "-") == bare {
			return typed
		}
	}
	return name
}

// nearest is the flag name closest to the unknown name typed, when it is
// close enough to be a slip (-chekc, -lcoale, -fromat), or "".
func nearest(defs []Flag, typed string) string {
	best, bestD := "", 3 // at most two edits away
	for _, f := range withHelp(defs) {
		for _, n := range []string{f.Name, f.Alias} {
			if len(n) < 2 { // -o, -h: everything is two edits from them
				continue
			}
			if d := editDistance(strings.ToLower(typed), n); d < bestD && d < len(n)/2+1 {
				best, bestD = n, d
			}
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b: the
// insertions, deletions, substitutions and swaps of two neighbours that
// turn one into the other (a swap is the commonest slip: -chekc).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// PrintUsageError is how bad usage reads: one line saying what is wrong,
// and where to look.
func PrintUsageError(w io.Writer, name, msg string) {
	fmt.Fprintf(w, "%s: %s\nRun '%s -h' for help.\n", name, msg, name)
}
