package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

// wrap breaks plain text into lines of at most w cells: at spaces where it
// can (Thai phrases, Latin words), between characters next to CJK (which has
// no spaces), and anywhere where it must (a long word still has to fit).
// CJK line-start rules (kinsoku) hold: no line starts with closing
// punctuation such as ，。）」 and none ends with an opening bracket; a
// character is carried down to the next line to keep them.
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
	for _, sg := range tw.segments(s) {
		switch {
		case curW > 0 && curW+sg.gap+sg.w <= w:
			if sg.gap > 0 {
				cur.WriteByte(' ')
			}
			cur.WriteString(sg.s)
			curW += sg.gap + sg.w
			continue
		case curW > 0:
			flush()
		}
		if sg.w <= w {
			cur.WriteString(sg.s)
			curW = sg.w
			continue
		}
		// a segment wider than the line: cut it, still carrying a
		// character down rather than starting a line with a closing mark
		for _, part := range tw.cut(sg.s, w) {
			if curW > 0 {
				flush()
			}
			cur.WriteString(part.s)
			curW = part.w
		}
	}
	if curW > 0 || len(out) == 0 {
		flush()
	}
	return out
}

// segment is a run of text no line may break inside; gap is the number of
// spaces before it (0 where it follows the previous segment directly).
type segment struct {
	s      string
	w, gap int
}

// segments splits s at its break opportunities: spaces, and between two
// characters of which one is CJK, except where a line would then start
// with a closing mark or end with an opening one. Segments are slices of s
// (no copies: this runs for every line of every frame).
func (tw textWidth) segments(s string) []segment {
	out := make([]segment, 0, 8)
	var prev rune       // the last rune of the last segment, 0 at the start
	start, end := -1, 0 // the open segment is s[start:end]
	w, gap, spaces := 0, 0, 0
	closeSeg := func() {
		if start >= 0 {
			out = append(out, segment{s[start:end], w, gap})
		}
	}
	for i, r := range s {
		if breakSpace(r) {
			spaces++
			continue
		}
		rw := tw.cond.RuneWidth(r)
		switch {
		case start < 0: // the first segment
			start, w, gap = i, rw, 0
		case spaces > 0 && (noLineStart(r) || noLineEnd(prev)):
			// the space before r is no place to break: keep it inside
			w += spaces + rw
		case spaces > 0:
			closeSeg()
			start, w, gap = i, rw, 1
		case (tw.isWide(prev) || tw.isWide(r)) && !noLineStart(r) && !noLineEnd(prev):
			closeSeg()
			start, w, gap = i, rw, 0
		default:
			w += rw
		}
		end = i + utf8.RuneLen(r)
		prev, spaces = r, 0
	}
	closeSeg()
	return out
}

// breakSpace is a space a line may break at: any but the no-break spaces,
// which the catalogs put between a number and its unit ("4 วินาที").
func breakSpace(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
}

// cut breaks a segment wider than w anywhere, but carries characters down
// where the break would start a line with a closing mark or end one with an
// opening bracket, as long as the next line still fits.
func (tw textWidth) cut(s string, w int) []line {
	var out []line
	var rs []rune
	rw := 0
	for _, r := range s {
		cw := tw.cond.RuneWidth(r)
		if rw+cw > w && len(rs) > 0 {
			b := len(rs) // the break: rs[:b] stays, rs[b:] and r go down
			next := func(b int) rune {
				if b < len(rs) {
					return rs[b]
				}
				return r
			}
			for b > 1 && (noLineStart(next(b)) || noLineEnd(rs[b-1])) {
				b--
			}
			if noLineStart(next(b)) || noLineEnd(rs[b-1]) || tw.of(string(rs[b:]))+cw > w {
				b = len(rs) // no better break fits: cut where the line is full
			}
			out = append(out, line{string(rs[:b]), tw.of(string(rs[:b]))})
			rs = append([]rune(nil), rs[b:]...)
			rw = tw.of(string(rs))
		}
		rs = append(rs, r)
		rw += cw
	}
	return append(out, line{string(rs), rw})
}

// isWide says whether r is a double-width (CJK) character, next to which
// a line may break.
func (tw textWidth) isWide(r rune) bool {
	return tw.cond.RuneWidth(r) == 2 && !runewidth.IsAmbiguousWidth(r)
}

// noLineStart lists what may not begin a line: closing punctuation and
// brackets, CJK and ASCII (a line-start rule; Chinese and Japanese both
// keep it).
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）」』】》〉〕］｝〗〙〛”’…‥・～．｡､,.;:?!)]}", r)
}

// noLineEnd lists what may not end a line: opening brackets and quotes.
func noLineEnd(r rune) bool {
	return strings.ContainsRune("（「『【《〈〔［｛〖〘〚“‘([{", r)
}

// WarmUp builds, ahead of the first frame, what measuring its first wide
// rune builds: go-runewidth's width table (2 MB, filled once per process
// on the first rune past U+02FF), which both this package and Bubble
// Tea's renderer read. Run it on a goroutine of its own at start.
func WarmUp() {
	prefaultWidthTable()
	narrowWidth.of("…")
}
