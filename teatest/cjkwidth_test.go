package teatest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// needsRE reads the size the too-small message asks for, in Chinese.
var needsRE = regexp.MustCompile(`需要 (\d+)[×x](\d+)`) // wide mode writes × as x

// With LANG=zh_CN.UTF-8 a Chinese user sees the code at 120×40: a CJK
// locale is no sign that block glyphs are drawn wide, so the
// code is drawn in half blocks, as tmux draws them. With
// RUNEWIDTH_EASTASIAN=1 (wide) the window is too small; the message says
// how large it must be, and at exactly that size the code is drawn.
//
// Which scale the code is drawn at depends on the ticket (ui picks it from
// the QR version): most tickets' codes are drawn in half blocks, one
// column per module, but a ticket that encodes smaller is drawn at two
// columns per module, in whole cells of two colours: spaces, no glyph in
// the screen's text. A random ticket of that kind made a wait for half
// blocks time out (text on screen, "no QR"). Both layouts are pinned here,
// and a drawn code is recognised by its painted cells, at any scale.
func TestChineseLocaleQRWidthModes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		wide   bool
		ticket string
	}{
		{"RUNEWIDTH_EASTASIAN=1:false/one column per module", false, fixedTickets(0)},
		{"RUNEWIDTH_EASTASIAN=1:false/two columns per module", false, fixedTickets(2)},
		{"RUNEWIDTH_EASTASIAN=1:true", true, fixedTickets(0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"LANG": "zh_CN.UTF-8"}
			if tc.wide {
				env["RUNEWIDTH_EASTASIAN"] = "1"
			}
			ea := ui.EastAsianWidthFrom(func(k string) string { return env[k] })
			w, h := 120, 40
			if tc.wide {
				h = 30 // too small for the code in either reading: it must say so
			}
			a := startApp(t, appOpts{w: w, h: h, fake: passporttest.Options{TicketIDs: func(int) string { return tc.ticket }},
				config: func(c *model.Config) { c.Locale, c.EastAsian = "zh_ZH", ea }})
			if !tc.wide {
				scr := a.waitUntil(func(string) bool { return a.paintedQRRows() >= 10 })
				if strings.Contains(scr, "窗口太小") {
					t.Fatalf("too-small message beside a drawn code:\n%s", scr)
				}
				fitsWidth(t, scr, 120, 40)
				a.key(keyCtrlC)
				a.finish()
				return
			}
			scr := a.waitUntil(func(s string) bool { return needsRE.MatchString(flat(s)) })
			m := needsRE.FindStringSubmatch(flat(scr))
			w, _ = strconv.Atoi(m[1])
			h, _ = strconv.Atoi(m[2])
			a.resize(w, h)
			scr = a.waitUntil(func(s string) bool {
				return !strings.Contains(s, "窗口太小") && strings.Contains(s, "请用 bilibili.tv App 扫码")
			})
			if strings.Contains(scr, "窗口太小") {
				t.Fatalf("at the size it asked for (%d×%d) the code is still refused:\n%s", w, h, scr)
			}
			a.key(keyCtrlC)
			a.finish()
		})
	}
}

// The built binary in tmux at 120×40 with LANG=zh_CN.UTF-8: the code is
// drawn (in half blocks) and no too-small message is shown; with
// RUNEWIDTH_EASTASIAN=1 it says the size it needs.
func TestBinaryInTmuxChineseQR(t *testing.T) {
	for _, wide := range []bool{false, true} {
		t.Run(fmt.Sprintf("wide=%v", wide), func(t *testing.T) {
			dir := t.TempDir()
			ea := ""
			if wide {
				ea = "RUNEWIDTH_EASTASIAN=1 "
			}
			s := startTmux(t, 120, 40, fmt.Sprintf("LANG=zh_CN.UTF-8 %sXDG_CONFIG_HOME=%[2]s XDG_CACHE_HOME=%[2]s HOME=%[2]s %[3]s -demo -locale zh_ZH; echo $? > %[2]s/exit; exec sleep 60", ea, dir, binary(t)))
			// q, and wait for the end: the demo writes its state file as it
			// leaves, which must be done before the directory is removed
			defer func() { s.keys("q"); waitFile(t, s, filepath.Join(dir, "exit")) }()
			if !wide {
				// half blocks, or whole cells at two columns per module for a
				// ticket that encodes smaller (the demo's are random)
				scr := s.waitFor("the code drawn", func(scr string) bool { return halfBlockQRRows(scr) >= 2 || s.paintedRows() >= 10 })
				if strings.Contains(scr, "窗口太小") {
					t.Fatalf("too small at 120×40:\n%s", scr)
				}
				return
			}
			// most demo tickets need 82x43 at two columns a module; one
			// that encodes smaller (74x39) fits, and is drawn in whole cells
			s.waitFor("the size it needs, or a code that fits", func(scr string) bool {
				f := flat(scr)
				return strings.Contains(f, "需要 ") && strings.Contains(f, "当前为 120x40") || s.paintedRows() >= 10
			})
		})
	}
}

// cprRE reads a cursor position report: ESC [ row ; col R.
var cprRE = regexp.MustCompile(`\x1b\[(\d+);(\d+)R`)

// vtAnswer is what an x/vt terminal answers to the app's width probe.
func vtAnswer(t *testing.T) tea.CursorPositionMsg {
	t.Helper()
	emu := vt.NewEmulator(10, 2)
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 64)
		n, _ := emu.Read(buf)
		got <- string(buf[:n])
	}()
	emu.Write([]byte(model.ProbeWidthSequence)) //nolint:errcheck
	select {
	case r := <-got:
		m := cprRE.FindStringSubmatch(r)
		if m == nil {
			t.Fatalf("x/vt answered %q to the probe", r)
		}
		row, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return tea.CursorPositionMsg{X: col - 1, Y: row - 1}
	case <-time.After(5 * time.Second):
		t.Fatal("x/vt did not answer the probe")
	}
	return tea.CursorPositionMsg{}
}

// The app asks the terminal how wide it draws ▀ and follows the answer:
// x/vt (like tmux) draws it narrow, so the code is drawn in half blocks at
// 100×30 with LANG=zh_CN.UTF-8; a terminal that answers "two cells" gets
// the square code of spaces, and at 100×30 the message with the size.
func TestWidthProbe(t *testing.T) {
	narrow := vtAnswer(t)
	if narrow.X != 1 || narrow.Y != 0 {
		t.Fatalf("x/vt put the cursor at %+v after ▀; want column 1 (0-based)", narrow)
	}
	for _, tc := range []struct {
		name   string
		answer tea.CursorPositionMsg
		drawn  bool
	}{
		{"x/vt's own answer (narrow)", narrow, true},
		{"a terminal that draws it wide", tea.CursorPositionMsg{X: 2, Y: 0}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := startApp(t, appOpts{w: 100, h: 30, config: func(c *model.Config) {
				c.Locale, c.ProbeWidth = "zh_ZH", true
			}})
			a.waitUntil(func(string) bool { return strings.Contains(a.raw(), "\x1b[6n") })
			a.tm.Send(tc.answer)
			var scr string
			if tc.drawn {
				scr = a.waitUntil(func(s string) bool { return halfBlockQRRows(s) >= 2 })
			} else {
				scr = a.waitUntil(func(s string) bool { return needsRE.MatchString(flat(s)) })
			}
			fitsWidth(t, scr, 100, 30)
			a.key(keyCtrlC)
			a.finish()
		})
	}
}
