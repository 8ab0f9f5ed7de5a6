package ui

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// line is one styled screen line and its width in cells, known when it is
// made so that layout never measures a line twice.
type line struct {
	s string
	w int
}

// textWidth measures plain text as the terminal will draw it. With East
// Asian widths, ambiguous characters (·, …, é …) take two cells.
type textWidth struct{ cond *runewidth.Condition }

var (
	narrowWidth = textWidth{&runewidth.Condition{EastAsianWidth: false}}
	wideWidth   = textWidth{&runewidth.Condition{EastAsianWidth: true}}
)

func widthFor(eastAsian bool) textWidth {
	if eastAsian {
		return wideWidth
	}
	return narrowWidth
}

func (tw textWidth) of(s string) int { return tw.cond.StringWidth(s) }

// asciiForAmbiguous spells the app's own punctuation in ASCII where the
// terminal would draw it double width: the layout then stays as measured.
// Letters (Vietnamese é, à …) are left alone and measured wide instead.
var asciiForAmbiguous = strings.NewReplacer(
	"·", "-", "•", "|", "…", "...", "×", "x", "—", "-", "–", "-",
	"↑", "^", "↓", "v", "›", ">", "‹", "<", "✓", "+", "✗", "x", "⏎", "enter",
	"‘", "'", "’", "'", "“", "\"", "”", "\"",
)

// plain prepares text for the screen in this width mode.
func (tw textWidth) plain(s string) string {
	if tw.cond.EastAsianWidth {
		return asciiForAmbiguous.Replace(s)
	}
	return s
}

func (tw textWidth) ellipsis() string {
	if tw.cond.EastAsianWidth {
		return "..."
	}
	return "…"
}

// truncate cuts plain text to at most w cells, marking the cut.
func (tw textWidth) truncate(s string, w int) (string, int) {
	sw := tw.of(s)
	if sw <= w {
		return s, sw
	}
	tail := tw.ellipsis()
	tailW := tw.of(tail)
	if w < tailW {
		tail, tailW = "", 0
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := tw.cond.RuneWidth(r)
		if used+rw > w-tailW {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	b.WriteString(tail)
	return b.String(), used + tailW
}

// hasWide says whether s holds double-width characters (CJK), which a
// line may break between.
func (tw textWidth) hasWide(s string) bool {
	for _, r := range s {
		if tw.cond.RuneWidth(r) == 2 && !runewidth.IsAmbiguousWidth(r) {
			return true
		}
	}
	return false
}

// wrap breaks plain text into lines of at most w cells: at spaces where it
// can (Thai phrases, Latin words), anywhere where it must (CJK has no
// spaces, and a long word still has to fit).
func (tw textWidth) wrap(s string, w int) []line {
	if w <= 0 {
		return nil
	}
	var out []line
	var cur strings.Builder
	curW := 0
	flush := func() {
		out = append(out, line{cur.String(), curW})
		cur.Reset()
		curW = 0
	}
	for _, word := range strings.Fields(s) {
		ww := tw.of(word)
		switch {
		case curW > 0 && curW+1+ww <= w:
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += 1 + ww
			continue
		case curW > 0 && tw.hasWide(word) && curW+3 <= w:
			// CJK breaks between characters: fill this line first
			cur.WriteByte(' ')
			curW++
		case curW > 0:
			flush()
		}
		if curW == 0 && ww <= w {
			cur.WriteString(word)
			curW = ww
			continue
		}
		for _, r := range word { // a word wider than the line: break it
			rw := tw.cond.RuneWidth(r)
			if curW+rw > w && curW > 0 {
				flush()
			}
			cur.WriteRune(r)
			curW += rw
		}
	}
	if curW > 0 || len(out) == 0 {
		flush()
	}
	return out
}
