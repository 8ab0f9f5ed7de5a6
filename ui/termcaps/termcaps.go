// Package termcaps finds out what the terminal biliqr runs in can draw,
// so that the QR code's rendering (-qr auto) is one the phone can scan
// there: the Linux console's font and keyboard mode, and whether a kitty
// graphics image with Unicode placeholders can be shown. It only reads
// what it is given (the environment, the console's ioctl answers, the
// terminal's replies); nothing here draws.
package termcaps

import (
	"strconv"
	"strings"
)

// Console is what a Linux virtual console answers about itself.
type Console struct {
	// Unicode: the keyboard is in Unicode mode (KDGKBMODE K_UNICODE), so
	// the console reads UTF-8; else only single bytes reach the screen.
	Unicode bool
	// Glyphs is the set of characters the loaded font can draw (its
	// Unicode map, GIO_UNIMAP).
	Glyphs map[rune]bool
}

// HalfBlocks reports whether the font draws both ▀ and ▄.
func (c Console) HalfBlocks() bool { return c.Unicode && c.Glyphs['▀'] && c.Glyphs['▄'] }

// FullBlock reports whether the font draws █.
func (c Console) FullBlock() bool { return c.Unicode && c.Glyphs['█'] }

// ConsoleQuery asks the console on the terminal biliqr runs in. It
// reports false when that terminal is no Linux virtual console (or it
// cannot be asked). Tests inject answers; the real one is ioctl(2).
type ConsoleQuery func() (Console, bool)

// Env is the environment's say about the terminal.
type Env struct {
	Getenv func(string) string
}

func (e Env) get(k string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(k)
}

// LinuxConsole reports whether TERM says this is the Linux console
// (linux, linux-16color…).
func (e Env) LinuxConsole() bool {
	t := e.get("TERM")
	return t == "linux" || strings.HasPrefix(t, "linux-")
}

// Tmux reports whether biliqr runs inside tmux, whose own replies hide
// the outer terminal's.
func (e Env) Tmux() bool { return e.get("TMUX") != "" }

// ProbeTrusted says whether asking the terminal about graphics is worth
// it and its answer can be trusted. Apple's Terminal answers no graphics
// query and some versions print parts of it; over SSH the replies cross
// the network and arrive late, so there only a TERM that names a terminal
// known to draw placeholders (xterm-kitty, xterm-ghostty) is worth the
// probe (as charmbracelet/crush decides).
func (e Env) ProbeTrusted() bool {
	if e.get("TERM_PROGRAM") == "Apple_Terminal" || e.LinuxConsole() {
		return false
	}
	if t := e.get("TERM"); t == "dumb" || t == "" {
		return false
	}
	if e.get("SSH_CONNECTION") != "" || e.get("SSH_TTY") != "" || e.get("SSH_CLIENT") != "" {
		t := e.get("TERM")
		return t == "xterm-kitty" || t == "xterm-ghostty"
	}
	return true
}

// PlaceholdersFrom says whether the terminal named by an XTVERSION reply
// ("kitty(0.35.2)", "ghostty 1.1.3") draws kitty's Unicode placeholders.
// Graphics support is not enough: kitty drew them from 0.28.0 (Debian 12
// ships 0.26.5, which answers the graphics query but prints the
// placeholders as text); Ghostty from its first release (2024); Konsole
// answers the graphics query but prints them as text; WezTerm (as of
// 2024) has no placeholder support, so it gets the text renderings.
func PlaceholdersFrom(version string) bool {
	v := strings.ToLower(strings.TrimSpace(version))
	switch {
	case strings.HasPrefix(v, "kitty("):
		return atLeast(strings.TrimSuffix(strings.TrimPrefix(v, "kitty("), ")"), 0, 28)
	case strings.HasPrefix(v, "ghostty"):
		return true
	}
	return false
}

// atLeast compares a dotted version with major.minor.
func atLeast(v string, major, minor int) bool {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}
