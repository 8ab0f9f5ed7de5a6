package model

import (
	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// How the code is drawn: the rendering chosen at start (-qr, or what
// termcaps found), the kitty graphics probe that may switch auto to an
// image, the f key, and the image's life in the terminal.

// graphics is the probe's and the image's state.
type graphics struct {
	probing  bool   // the probe is out and DA1 has not come back
	late     bool   // its time ran out; DA1 may still come (onGraphicsReply)
	chosen   bool   // the user picked a rendering (f): a late answer keeps it
	answered bool   // the terminal answered the probe (DA1)
	ok       bool   // it answered the graphics query with OK
	version  string // its XTVERSION name
	usable   bool   // images with placeholders can be shown here

	suspended bool // stopped (ctrl+z): the shell has the terminal
	// cellW, cellH: a cell's size in pixels, as the terminal said (CSI
	// 16 t); 0 while unknown. The image is drawn at exactly its box's size.
	cellW, cellH int
	id           uint8              // the image id the placeholders carry (1..254)
	shown        *ui.ImagePlacement // what the terminal holds as image id; nil: none
}

// nextRendering is the f key.
func (m *Model) nextRendering() tea.Cmd {
	if m.cfg.Unsure && m.qrMode == ui.QRBlocks {
		m.qrMode = ui.QRLarge // what the may-not-scan line promised
	} else {
		m.qrMode = ui.NextQRMode(m.qrMode, m.gfx.usable)
	}
	m.cfg.Unsure = false // the user has chosen
	m.gfx.chosen = true
	m.syncKeys()
	return m.setNotice(i18n.T(m.locale, i18n.TextRenderNow, ui.ModeName(m.locale, m.qrMode)))
}

// syncImage keeps the terminal's image the one the screen shows: a new
// code, a new size, invert, or a rendering without image sends a new
// image (a new id, so a placeholder never shows the old bitmap) and
// deletes the old one. Called after every message.
func (m *Model) syncImage() tea.Cmd {
	if m.state == state.Quitting {
		return nil // the output deletes it once the program is over (ImageCleanup)
	}
	var want *ui.ImagePlacement
	if m.qrMode == ui.QRImage && m.state.ShowsCode() && m.width > 0 && !m.gfx.suspended {
		if p, ok := ui.ImagePlan(m.Screen()); ok {
			p.Side = p.ImageSide(m.gfx.cellW, m.gfx.cellH)
			want = &p
		}
	}
	g := &m.gfx
	if want == nil && g.shown == nil || want != nil && g.shown != nil && *want == *g.shown {
		return nil
	}
	var seq string
	if g.shown != nil {
		seq = ui.DeleteImage(g.id, m.cfg.GraphicsTmux)
		g.shown = nil
	}
	if want != nil {
		g.id = g.id%(ui.GraphicsQueryID-1) + 1
		tx, err := ui.TransmitImage(*want, g.id, m.cfg.GraphicsTmux)
		if err != nil { // cannot happen with an in-memory PNG; text is the way out
			m.qrMode = ui.QRBlocks
			return tea.Raw(seq)
		}
		seq += tx
		g.shown = want
	}
	return tea.Raw(seq)
}

// ImageCleanup is what deletes the image the terminal still holds, for
// the output to write once the program has ended (by any way out: a key,
// a signal, the done screen); "" when there is none.
func (m *Model) ImageCleanup() string {
	if m.gfx.shown == nil {
		return ""
	}
	return ui.DeleteImage(m.gfx.id, m.cfg.GraphicsTmux)
}

// suspendImage deletes the image before ctrl+z hands the terminal back
// to the shell; the resume sends it again (syncImage).
func (m *Model) suspendImage() tea.Cmd {
	m.gfx.suspended = true
	if m.gfx.shown == nil {
		return nil
	}
	seq := ui.DeleteImage(m.gfx.id, m.cfg.GraphicsTmux)
	m.gfx.shown = nil
	return tea.Raw(seq)
}

// RenderingNow is the code's rendering at the moment (tests, -plain).
func (m *Model) RenderingNow() ui.QRMode { return m.qrMode }

// onGraphics handles what concerns the terminal's image: the probe's
// replies, the cell size in pixels, the terminal handed to the shell and
// back (SIGTSTP from outside comes as a SuspendMsg: ui/signals), and tmux
// refusing the link (c), which then goes by OSC 52, the notice saying so.
// ok is false for any other message.
func (m *Model) onGraphics(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case uv.KittyGraphicsEvent, tea.TerminalVersionMsg, uv.PrimaryDeviceAttributesEvent, graphicsProbeDoneMsg:
		return m.onGraphicsReply(msg), true
	case uv.CellSizeEvent:
		m.gfx.cellW, m.gfx.cellH = msg.Width, msg.Height
	case tea.SuspendMsg: // the image goes too
		return m.suspendImage(), true
	case tea.ResumeMsg: // syncImage sends the image again
		m.gfx.suspended = false
	case copyFellBackMsg:
		if m.state != state.Quitting && m.qr != nil {
			return tea.Batch(m.setNotice(i18n.T(m.locale, i18n.TextCopyTmuxFail, msg.reason)), tea.SetClipboard(m.qr.Link())), true
		}
	default:
		return nil, false
	}
	return nil, true
}

// askCellSize asks the cell size again after a resize while an image is
// shown: a new window size may be a new font size (syncImage redraws the
// image to fit).
func (m *Model) askCellSize() tea.Cmd {
	if m.qrMode != ui.QRImage {
		return nil
	}
	return tea.Raw(ui.CellSizeQuery(m.cfg.GraphicsTmux))
}
