package model

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model/state"
)

// probeAfter is when the probe is written: after the first frame has put
// the terminal on the alternate screen (Bubble Tea draws at 30 FPS), so
// that the cell it blanks is the app's, never the shell's screen before
// it. A start slower than this costs two blank cells of scrollback.
const probeAfter = 250 * time.Millisecond

// probeDueMsg: time to write the probe.
type probeDueMsg struct{}

// ProbeWidthSequence asks the terminal how wide it draws the block glyphs: ▀ is
// written at the top-left cell and the cursor position reported (CPR)
// after it says whether it took one cell or two. The cell is then blanked
// and the cursor put back; the app's own frames are centred, so the
// top-left cell is blank (at worst a quiet-zone module of a code filling
// the window, which scanners tolerate). A terminal that does not answer
// leaves the default: narrow, as most terminals draw ▀ under a CJK locale
// too.
const ProbeWidthSequence = "\x1b7" + "\x1b[1;1H" + "▀" + "\x1b[6n" + "\x1b[1;1H  " + "\x1b8"

// startProbe schedules the probe, once, when Config.ProbeWidth asks.
func (m *Model) startProbe() tea.Cmd {
	if !m.cfg.ProbeWidth {
		return nil
	}
	return m.cfg.After(probeAfter, probeDueMsg{})
}

// onProbeDue writes the probe, unless the app is already leaving.
func (m *Model) onProbeDue() tea.Cmd {
	if m.probing || m.state == state.Quitting {
		return nil
	}
	m.probing = true
	// The probe writes behind the renderer's back: at a width where the
	// app's text starts in the first column (40×12), the blanked cells were
	// a title's, and the renderer, which thinks them drawn, never repaints
	// them. So a full repaint follows the probe.
	return tea.Sequence(tea.Raw(ProbeWidthSequence), tea.ClearScreen)
}

// onCursorPosition reads the probe's answer: the cursor is after ▀, in the
// second column (X 1, counted from 0) where it is narrow, in the third
// where wide. Any other answer (another program's report, a terminal
// that moved the cursor elsewhere) changes nothing.
func (m *Model) onCursorPosition(msg tea.CursorPositionMsg) {
	if !m.probing || msg.Y != 0 {
		return
	}
	m.probing = false
	switch msg.X {
	case 1:
		m.cfg.EastAsian = false
	case 2:
		m.cfg.EastAsian = true
	}
	m.syncKeys() // whether the code is drawn depends on its width
}
