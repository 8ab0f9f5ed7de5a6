// Package iostreams is the program's standard streams, whether each is a
// terminal, the controlling terminal and the environment, in one value
// that main is given (in the manner of cli/cli's pkg/iostreams), so that
// the wiring in main runs in-process in tests with buffers and a fake
// environment instead of the process's own.
package iostreams

import (
	"errors"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/biliqr/biliqr/ui/termcaps"
)

// IOStreams is what the program reads from and writes to.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// StdinTTY and StdoutTTY: the standard streams are terminals.
	StdinTTY, StdoutTTY bool
	// OpenTTY opens the controlling terminal (/dev/tty, CONIN$ on
	// Windows), the one Bubble Tea would read keys from; nil: there is
	// none.
	OpenTTY func() (in, out *os.File, err error)

	// Getenv reads the environment.
	Getenv func(string) string
	// Console asks the Linux virtual console the app draws on about its
	// font and keyboard mode (nil: there is none to ask).
	Console termcaps.ConsoleQuery

	// ConfigDir and CacheDir are the user's config and cache folders
	// (os.UserConfigDir, os.UserCacheDir); an error: there is none.
	ConfigDir, CacheDir func() (string, error)

	// StdoutProfile is the colour profile of the process's standard
	// output, detected once already (nil: Bubble Tea detects it when the
	// program starts). Inside tmux each detection runs `tmux info`, 5 to
	// 17 ms before the first frame.
	StdoutProfile func() colorprofile.Profile
}

// ErrNoDir is the folder a test did not give.
var ErrNoDir = errors.New("no such folder here")

// Dir is a ConfigDir or CacheDir that is dir.
func Dir(dir string) func() (string, error) {
	return func() (string, error) { return dir, nil }
}

func noDir() (string, error) { return "", ErrNoDir }

// Test is a set of streams for tests: no terminal, an empty environment
// unless env is given ("KEY=value" pairs), no config or cache folder
// (set ConfigDir and CacheDir with Dir), and buffers to read back.
func Test(env ...string) (ios *IOStreams, stdout, stderr *Buffer) {
	stdout, stderr = new(Buffer), new(Buffer)
	vars := map[string]string{}
	for _, kv := range env {
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				vars[kv[:i]] = kv[i+1:]
				break
			}
		}
	}
	return &IOStreams{
		In:        eofReader{},
		Out:       stdout,
		ErrOut:    stderr,
		Getenv:    func(k string) string { return vars[k] },
		ConfigDir: noDir,
		CacheDir:  noDir,
	}, stdout, stderr
}

// TerminalAvailable reports whether the full-screen app could run: it
// needs a terminal to draw on — standard output when drawsOnStdout (with
// -o - it draws on the controlling terminal instead) — and one to read keys
// from: standard input or the controlling terminal. Drawn into a file or a
// pipe, the full screen would show nobody anything: `biliqr >log.txt` gets
// plain text.
func (s *IOStreams) TerminalAvailable(drawsOnStdout bool) bool {
	if drawsOnStdout && !s.StdoutTTY {
		return false
	}
	if s.StdinTTY {
		return true
	}
	if s.OpenTTY == nil {
		return false
	}
	in, out, err := s.OpenTTY()
	if err != nil {
		return false
	}
	in.Close()
	if out != in {
		out.Close()
	}
	return true
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// ParsePoll reads BILIQR_TEST_POLL's value, which only the binary the
// end-to-end tests build reads (-tags biliqrtest): a Go duration above
// zero; anything else is 0, the site's pace.
func ParsePoll(v string) time.Duration {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0
	}
	return d
}
