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
				d, _ := time.ParseDuration(f.Default)
				fs.DurationVar(p, name, d, f.Usage)
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
		return fs, ErrHelp
	case err != nil:
		return fs, &UsageError{Msg: flagError(defs, err)}
	case fs.NArg() > 0:
		return fs, &UsageError{Msg: fmt.Sprintf("unexpected argument %q (biliqr takes flags only)", fs.Arg(0))}
	}
	return fs, nil
}

// flagError rewords the standard flag package's errors. Their texts have
// not changed since Go 1; should one ever change, its own text is shown,
// which is still one honest line.
func flagError(defs []Flag, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
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
		return "invalid value " + strings.Replace(rest, " for flag ", " for ", 1)
	}
	return msg
}

// PrintUsageError is how bad usage reads: one line saying what is wrong,
// and where to look.
func PrintUsageError(w io.Writer, name, msg string) {
	fmt.Fprintf(w, "%s: %s\nRun '%s -h' for help.\n", name, msg, name)
}
