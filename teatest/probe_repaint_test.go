package teatest

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/biliqr/biliqr/model"
)

// The width probe blanks the top-left cells behind the renderer's back; in
// a window so small that the title starts in the first column, the title
// must come back whole (it read "  liqr · bilibili.tv login" for good).
func TestWidthProbeLeavesNoHole(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{w: 40, h: 12, config: func(c *model.Config) { c.ProbeWidth = true }})
	a.waitUntil(func(string) bool { return strings.Contains(a.raw(), "\x1b[6n") })
	a.tm.Send(tea.CursorPositionMsg{X: 1, Y: 0})
	a.waitDrawn("biliqr · bilibili.tv login")
	a.key(keyCtrlC)
	a.finish()
}
