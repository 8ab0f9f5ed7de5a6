package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi/kitty"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// probing is a harness whose terminal is asked for kitty graphics, -qr
// as asked.
func probing(t *testing.T, asked ui.QRMode) *harness {
	t.Helper()
	return newHarness(t, passporttest.Options{}, func(c *Config) {
		c.QRAsked, c.QRMode, c.ProbeGraphics = asked, asked, true
	})
}

// answer plays the terminal's replies to the probe.
func (h *harness) answer(graphics, version string) {
	if graphics != "" {
		h.send(uv.KittyGraphicsEvent{Options: kitty.Options{ID: ui.GraphicsQueryID}, Payload: []byte(graphics)})
	}
	if version != "" {
		h.send(tea.TerminalVersionMsg{Name: version})
	}
	h.send(uv.PrimaryDeviceAttributesEvent{62, 4})
}

func (h *harness) placeholders() bool {
	return strings.ContainsRune(h.m.View().Content, kitty.Placeholder)
}

// The probe goes out at start, with the code drawn in half blocks
// meanwhile; a kitty that answers OK and a version with placeholders
// switches the code to an image: placeholders on screen, the image sent
// with a virtual placement (U=1) of the same size.
func TestGraphicsProbeAnswered(t *testing.T) {
	for _, version := range []string{"kitty(0.35.2)", "kitty(0.28.0)", "ghostty 1.1.3"} {
		h := probing(t, ui.QRAuto)
		if !strings.Contains(h.rawSince(0), ui.GraphicsProbe(false)) {
			t.Fatalf("no probe at start: %q", h.raw)
		}
		h.wantState(state.ShowingCode)
		if h.m.RenderingNow() != ui.QRBlocks || h.placeholders() {
			t.Fatal("the code waits for the probe instead of being drawn")
		}
		i := len(h.raw)
		h.answer("OK", version)
		if h.m.RenderingNow() != ui.QRImage || !h.placeholders() {
			t.Fatalf("%s: rendering %v after the answer, want image with placeholders", version, h.m.RenderingNow())
		}
		sent := h.rawSince(i)
		p, _ := ui.ImagePlan(h.m.Screen())
		for _, want := range []string{"a=T", "U=1", "i=1,", "c=" + strconv.Itoa(p.Cols), "r=" + strconv.Itoa(p.Rows)} {
			if !strings.Contains(sent, want) {
				t.Fatalf("%s: the transmission lacks %s: %.120q", version, want, sent)
			}
		}
		if strings.Contains(h.screen(), "Won't scan") {
			t.Fatal("the may-not-scan line under an image")
		}
	}
}

// Terminals that cannot draw placeholders get text: one that answers
// garbage, one with graphics but no placeholders (Konsole, kitty 0.26),
// one that answers nothing at all (the probe's time runs out: no hang,
// and the may-not-scan line), and once DA1 has answered, a second answer
// changes nothing.
func TestGraphicsProbeRefused(t *testing.T) {
	cases := []struct {
		name              string
		graphics, version string
		silent            bool
	}{
		{"garbage", "ENOTSUPPORTED:x", "kitty(0.35.2)", false},
		{"garbage version", "OK", "kitty(zz)", false},
		{"Konsole", "OK", "Konsole 24.02.1", false},
		{"kitty 0.26", "OK", "kitty(0.26.5)", false},
		{"WezTerm", "OK", "WezTerm 20240203", false},
		{"xterm: no graphics", "", "XTerm(390)", false},
		{"never answers", "", "", true},
	}
	for _, c := range cases {
		h := probing(t, ui.QRAuto)
		if c.silent {
			h.advance(graphicsProbeWait)
		} else {
			h.answer(c.graphics, c.version)
		}
		if h.m.RenderingNow() != ui.QRBlocks || h.placeholders() {
			t.Fatalf("%s: rendering %v, want blocks", c.name, h.m.RenderingNow())
		}
		if got := strings.Contains(h.screen(), "Won't scan? Press f"); got != c.silent {
			t.Fatalf("%s: may-not-scan line %v, want %v:\n%s", c.name, got, c.silent, h.screen())
		}
		if strings.Contains(h.m.View().Content, "\x1b_G") || strings.Contains(h.screen(), "kitty(") {
			t.Fatalf("%s: the reply reached the screen", c.name)
		}
		if c.silent {
			continue
		}
		h.answer("OK", "kitty(0.35.2)")
		if h.m.RenderingNow() != ui.QRBlocks {
			t.Fatalf("%s: a second answer switched the rendering", c.name)
		}
	}
}

// A terminal that answers after the probe's time: the code is drawn in
// half blocks meanwhile (with the may-not-scan line), and the late answer,
// up to its DA1, still brings the image, unless the user has picked a
// rendering with f by then.
func TestGraphicsProbeLate(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.advance(graphicsProbeWait)
	h.wantScreen("Won't scan? Press f")
	h.answer("OK", "kitty(0.35.2)")
	if h.m.RenderingNow() != ui.QRImage || !h.placeholders() {
		t.Fatalf("late answer: rendering %v, want image", h.m.RenderingNow())
	}
	if strings.Contains(h.screen(), "Won't scan") {
		t.Fatal("the may-not-scan line stays under the image")
	}

	h2 := probing(t, ui.QRAuto)
	h2.advance(graphicsProbeWait)
	h2.key("f")
	h2.answer("OK", "kitty(0.35.2)")
	if h2.m.RenderingNow() != ui.QRLarge {
		t.Fatalf("a late answer overrode f: %v", h2.m.RenderingNow())
	}
}

// A terminal reduced to 16 colours would change the image id the
// placeholders carry: text it is.
func TestGraphicsProbeFewColours(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	h.answer("OK", "kitty(0.35.2)")
	if h.m.RenderingNow() != ui.QRBlocks {
		t.Fatalf("16 colours: rendering %v, want blocks", h.m.RenderingNow())
	}
}

// Keys pressed while the probe is out act at once: nothing waits for it.
func TestGraphicsProbeKeepsKeys(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.key("i")
	if !h.m.invert {
		t.Fatal("i during the probe was lost")
	}
	h.answer("OK", "kitty(0.35.2)")
	h.key("i")
	if h.m.invert {
		t.Fatal("i after the probe was lost")
	}
}

// -qr image keeps the image on a terminal that takes graphics, and falls
// back to text, saying so, on one that does not answer.
func TestAskedImageFallsBack(t *testing.T) {
	h := probing(t, ui.QRImage)
	if !h.placeholders() {
		t.Fatal("-qr image draws no image before the probe")
	}
	h.advance(graphicsProbeWait)
	if h.m.RenderingNow() != ui.QRBlocks || h.placeholders() {
		t.Fatal("-qr image on a silent terminal kept the image")
	}
	h.wantScreen("The terminal showed no image")
	if !strings.Contains(h.rawSince(0), "a=d,d=I,i=1") {
		t.Fatal("the image was not deleted on the fallback")
	}
}

// The image follows what the screen shows: a new code, a resize and i
// each send a new image (a new id) and delete the old one; the menu,
// ctrl+z and the end delete it; the resume and the menu's close send it
// again.
func TestImageLifecycle(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.answer("OK", "kitty(0.35.2)")
	step := func(name string, do func(), del, send string) {
		t.Helper()
		i := len(h.raw)
		do()
		got := h.rawSince(i)
		if del != "" && !strings.Contains(got, "a=d,d=I,i="+del+",") {
			t.Fatalf("%s: image %s not deleted: %.200q", name, del, got)
		}
		if send != "" && !strings.Contains(got, "i="+send+",") {
			t.Fatalf("%s: image %s not sent: %.200q", name, send, got)
		}
		if send == "" && strings.Contains(got, "a=T") {
			t.Fatalf("%s: an image was sent", name)
		}
	}
	step("resize", func() { h.send(tea.WindowSizeMsg{Width: 120, Height: 40}) }, "1", "2")
	step("same size", func() { h.send(tea.WindowSizeMsg{Width: 120, Height: 40}) }, "", "")
	step("invert", func() { h.key("i") }, "2", "3")
	step("new code", func() { h.key("r") }, "3", "4")
	step("menu", func() { h.key("l") }, "4", "")
	step("menu closed", func() { h.key("esc") }, "", "5")
	step("ctrl+z", func() { h.key("ctrl+z") }, "5", "")
	step("resumed", func() { h.send(tea.ResumeMsg{}) }, "", "6")
	step("expired", func() { h.advance(181 * time.Second) }, "6", "7")
	if h.m.ImageCleanup() == "" {
		t.Fatal("nothing to delete at the end with an image shown")
	}
	h.key("q")
	if !strings.Contains(h.m.ImageCleanup(), "i=7,") {
		t.Fatalf("the end does not delete the last image: %q", h.m.ImageCleanup())
	}
}

// f goes image → large → blocks → ascii → image while the code is shown,
// the help bar offers it, and each step says what it drew.
func TestRenderKeyCycles(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.answer("OK", "kitty(0.35.2)")
	h.wantScreen("f larger/other code")
	for _, want := range []ui.QRMode{ui.QRLarge, ui.QRBlocks, ui.QRASCII, ui.QRImage} {
		h.key("f")
		if h.m.RenderingNow() != want {
			t.Fatalf("f gave %v, want %v", h.m.RenderingNow(), want)
		}
		h.wantScreen("Code drawn as")
	}
	// without an image: blocks → ascii → large → blocks
	h2 := newHarness(t, passporttest.Options{}, nil)
	for _, want := range []ui.QRMode{ui.QRASCII, ui.QRLarge, ui.QRBlocks} {
		h2.key("f")
		if h2.m.RenderingNow() != want {
			t.Fatalf("no image: f gave %v, want %v", h2.m.RenderingNow(), want)
		}
	}
}

// The may-not-scan line shows under half blocks on a terminal that could
// not be asked, and goes once f picks another rendering, or once the
// phone has scanned the code (it did scan).
func TestMayNotScanLine(t *testing.T) {
	// A pinned ticket: about one random ticket in 45 encodes small enough
	// to be drawn at 120×40 in whole cells, which never gets the line.
	pinned := func(n int) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(fmt.Sprint("ticket", n))))[:32] }
	h := newHarness(t, passporttest.Options{TicketIDs: pinned}, func(c *Config) { c.Unsure = true })
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.wantScreen("Won't scan? Press f for a larger code.")
	// a window so large that the code is whole cells of colour: no line
	h.send(tea.WindowSizeMsg{Width: 300, Height: 100})
	if strings.Contains(h.screen(), "Won't scan") {
		t.Fatal("the line under a code of whole cells")
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.key("f")
	if h.m.RenderingNow() != ui.QRLarge {
		t.Fatalf("f under the line gave %v, not the larger code it promised", h.m.RenderingNow())
	}
	if strings.Contains(h.screen(), "Won't scan") {
		t.Fatal("the line stays after f")
	}

	scanned := newHarness(t, passporttest.Options{TicketIDs: pinned}, func(c *Config) { c.Unsure = true })
	scanned.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	scanned.wantScreen("Won't scan? Press f for a larger code.")
	scanned.srv.Scan()
	scanned.advance(2 * time.Second)
	scanned.wantState(state.Scanned)
	if strings.Contains(scanned.screen(), "Won't scan") {
		t.Fatal("the line stays once the phone has scanned the code")
	}
}

// c inside tmux hands the link to tmux and says so; when tmux refuses,
// OSC 52 is sent and the notice says that instead: never a false success.
func TestCopyInTmux(t *testing.T) {
	var got []string
	h := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.CopyToTmux = func(link string) error { got = append(got, link); return nil }
	})
	h.key("c")
	if len(got) != 1 || got[0] != h.m.qr.Link() {
		t.Fatalf("tmux got %q, want the link", got)
	}
	h.wantScreen("Copied to tmux's buffer")

	h2 := newHarness(t, passporttest.Options{}, func(c *Config) {
		c.CopyToTmux = func(string) error { return errors.New("no server running") }
	})
	h2.key("c")
	h2.wantScreen("tmux did not take the link (no")
	if strings.Contains(h2.screen(), "Copied to tmux") {
		t.Fatal("a false success")
	}
}

// Once the terminal says its cell size, the image is sent again at
// exactly its box's pixels (sharp: the terminal need not scale it); a
// resize asks the size again.
func TestImageAtCellSize(t *testing.T) {
	h := probing(t, ui.QRAuto)
	h.answer("OK", "kitty(0.35.2)")
	i := len(h.raw)
	h.send(uv.CellSizeEvent{Width: 9, Height: 20})
	sent := h.rawSince(i)
	m := regexp.MustCompile(`\x1b_G[^;]*a=T[^;]*;([^\x1b]*)`).FindStringSubmatch(sent)
	if m == nil {
		t.Fatalf("no new image after the cell size: %.100q", sent)
	}
	var data strings.Builder
	for _, c := range regexp.MustCompile(`\x1b_G[^;]*;([^\x1b]*)\x1b\\`).FindAllStringSubmatch(sent, -1) {
		data.WriteString(c[1])
	}
	raw, err := base64.StdEncoding.DecodeString(data.String())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	p, _ := ui.ImagePlan(h.m.Screen())
	if want := min(p.Cols*9, p.Rows*20); err != nil || cfg.Width != want || cfg.Height != want {
		t.Fatalf("image %dx%d (%v), want %dx%d: the box's shorter side", cfg.Width, cfg.Height, err, want, want)
	}
	i = len(h.raw)
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(h.rawSince(i), "\x1b[16t") {
		t.Fatal("a resize does not ask the cell size again")
	}
}
