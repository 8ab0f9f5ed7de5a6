package termcaps

import "github.com/biliqr/biliqr/ui"

// Decision is how the code is drawn at start, and what to ask.
type Decision struct {
	Mode ui.QRMode // the rendering to start with (never auto)
	// Console: draw with the Linux console's colours (ui.QRStyle.Console).
	Console bool
	// Probe: ask the terminal for kitty graphics with placeholders (the
	// full screen only); Tmux: through tmux's passthrough.
	Probe, Tmux bool
	// Unsure: half blocks on a terminal that could not be asked.
	Unsure bool
}

// Decide turns -qr into a rendering for this terminal. A mode the user
// named is kept (image only where an image can be drawn: never in
// -plain); auto follows the console's font, then the probe.
func Decide(asked ui.QRMode, plain bool, env Env, console ConsoleQuery) Decision {
	d := Decision{Mode: asked}
	if env.LinuxConsole() {
		// TERM=linux: the console's 8 colours, wherever it is read from
		// (a VT, or TERM passed on over SSH).
		d.Console = true
	}
	switch asked {
	case ui.QRImage:
		if plain {
			d.Mode = ui.QRBlocks
		} else {
			d.Probe, d.Tmux = true, env.Tmux()
		}
		return d
	case ui.QRAuto:
	default:
		return d
	}
	if d.Console {
		d.Mode = ui.QRLarge // a font without ▀▄, or one nobody can ask about
		if console != nil {
			if c, ok := console(); ok && c.HalfBlocks() {
				d.Mode = ui.QRBlocks
			}
		}
		// not in Unicode mode: large draws background-coloured spaces,
		// which need no glyph at all (and '#' without colours)
		return d
	}
	d.Mode = ui.QRBlocks
	if !plain && env.ProbeTrusted() {
		d.Probe, d.Tmux = true, env.Tmux()
		return d
	}
	d.Unsure = true
	return d
}
