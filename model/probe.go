package model

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
	"github.com/biliqr/biliqr/ui/termcaps"
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
// A quit that was waiting for the answer (leave) goes now.
func (m *Model) onCursorPosition(msg tea.CursorPositionMsg) tea.Cmd {
	if !m.probing || msg.Y != 0 {
		return nil
	}
	m.probing = false
	if m.state == state.Quitting {
		return tea.Quit
	}
	switch msg.X {
	case 1:
		m.cfg.EastAsian = false
	case 2:
		m.cfg.EastAsian = true
	}
	m.syncKeys() // whether the code is drawn depends on its width
	return nil
}

// probeDrain bounds how long a quit waits for the width probe's answer
// still on its way. Quitting before it comes hands it to the shell, which
// prints it at the prompt ("^[[1;2R", seen after fg and a quick q). A
// terminal that answers does so in milliseconds; one that never answers
// costs a quit this much, and only while a probe is out.
const probeDrain = 150 * time.Millisecond

// probeDrainedMsg: a quit has waited probeDrain for the probe's answer.
type probeDrainedMsg struct{}

// leave ends the program: at once, or once the width probe's answer that
// is still on its way has come (at most probeDrain).
func (m *Model) leave() tea.Cmd {
	if m.probing {
		return m.cfg.After(probeDrain, probeDrainedMsg{})
	}
	return tea.Quit
}

// The graphics probe goes out at start, beside the width probe: does the
// terminal draw kitty images with Unicode placeholders (render.go)?

// graphicsProbeWait bounds the graphics probe. DA1 ends it as soon as the
// terminal has answered everything before it; this is only for one that
// answers nothing (or a tmux that passes nothing back). The code is drawn
// as text meanwhile, so the wait never delays it.
const graphicsProbeWait = 1500 * time.Millisecond

// graphicsProbeDoneMsg: the probe's time is up.
type graphicsProbeDoneMsg struct{}

// startGraphicsProbe is the probe to send at start-up, and the timer that
// ends it. Init sends the query before the first request's result can
// reach the model, so that it is out no later than the first code, and
// its answer is in before the code is, most of the time.
func (m *Model) startGraphicsProbe() (query, timer tea.Cmd) {
	if !m.cfg.ProbeGraphics {
		return nil, nil
	}
	m.gfx.probing = true
	return tea.Raw(ui.GraphicsProbe(m.cfg.GraphicsTmux)), m.cfg.After(graphicsProbeWait, graphicsProbeDoneMsg{})
}

// onGraphicsReply reads the terminal's replies while the probe is out.
// When its time runs out the code stays in text, but the replies are
// still read until DA1 comes: a terminal that answers late (a busy
// machine, a slow link) still gets its image, once. After DA1 nothing
// changes any more (a second answer, another program's).
func (m *Model) onGraphicsReply(msg tea.Msg) tea.Cmd {
	g := &m.gfx
	if !g.probing && !g.late {
		return nil
	}
	switch msg := msg.(type) {
	case uv.KittyGraphicsEvent:
		if msg.Options.ID == ui.GraphicsQueryID {
			g.ok = string(msg.Payload) == "OK"
		}
	case tea.TerminalVersionMsg:
		g.version = msg.Name
	case uv.PrimaryDeviceAttributesEvent:
		g.answered, g.late = true, false
		return m.endGraphicsProbe()
	case graphicsProbeDoneMsg:
		if g.probing {
			g.late = true
			return m.endGraphicsProbe()
		}
	}
	return nil
}

// endGraphicsProbe decides: placeholders confirmed (graphics OK, and a
// terminal known to draw them) → auto draws an image. -qr image keeps the
// image on any terminal that takes graphics at all (the user asked), and
// falls back to text, saying so, on one that does not.
func (m *Model) endGraphicsProbe() tea.Cmd {
	g := &m.gfx
	g.probing = false
	// The placeholders carry the image id as a 256-colour index: a
	// profile of fewer colours would change it on the way out.
	placeholders := g.ok && termcaps.PlaceholdersFrom(g.version) && (m.profile == colorprofile.Unknown || m.profile >= colorprofile.ANSI256)
	switch m.cfg.QRAsked {
	case ui.QRAuto:
		g.usable = placeholders
		// asked and answered: the terminal is known; no answer: it
		// could not be asked after all
		m.cfg.Unsure = !g.answered
		if placeholders && m.qrMode == ui.QRBlocks && !g.chosen {
			m.qrMode = ui.QRImage
		}
	case ui.QRImage:
		g.usable = g.ok
		if !g.ok && m.qrMode == ui.QRImage {
			m.qrMode = ui.QRBlocks
			m.syncKeys()
			return m.setNotice(i18n.T(m.locale, i18n.TextImageGone))
		}
	default: // a text rendering the user named: the probe changes nothing
	}
	m.syncKeys()
	return nil
}
