package ui

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

// A cell as a terminal draws it: 8×16 pixels of glyph box, and the line
// spacing added under it.
const (
	scanCellW = 8
	scanCellH = 16
)

// paintSpaced paints block b as a terminal with line spacing does: the
// cell's background fills the whole cell, the extra space included, while
// a glyph (▀ ▄ █ #) fills only its own box, the top scanCellH pixels.
// '#' is taken as its filled ink box (a camera at arm's length sees no
// strokes), which is generous to it.
func paintSpaced(t *testing.T, b QRBlock, p colorprofile.Profile, th termTheme, spacing int) *image.RGBA {
	t.Helper()
	em := emulate(t, b, p)
	rowH := scanCellH + scanCellH*spacing/100
	const margin = 3
	img := image.NewRGBA(image.Rect(0, 0, (b.Width+2*margin)*scanCellW, (b.Height+2*margin)*rowH))
	draw.Draw(img, img.Bounds(), &image.Uniform{th.bg}, image.Point{}, draw.Src)
	for y := range b.Height {
		for x := range b.Width {
			c := em.CellAt(x, y)
			if c == nil {
				t.Fatalf("no cell at %d,%d", x, y)
			}
			fg, bg := cellColors(c, th)
			x0, y0 := (x+margin)*scanCellW, (y+margin)*rowH
			fillRect(img, x0, y0, x0+scanCellW, y0+rowH, bg) // the whole cell
			box := func(top, bot int) { fillRect(img, x0, y0+top, x0+scanCellW, y0+bot, fg) }
			switch c.Content {
			case " ", "":
			case "▀":
				box(0, scanCellH/2)
			case "▄":
				box(scanCellH/2, scanCellH)
			case "█", "#":
				box(0, scanCellH)
			default:
				t.Fatalf("unexpected glyph %q at %d,%d", c.Content, x, y)
			}
		}
	}
	return img
}

// scanCase is one rendering of the scan table, drawn in the budget a
// screen gives it.
type scanCase struct {
	name    string
	style   QRStyle
	w, h    int
	profile colorprofile.Profile
}

func scanCases() []scanCase {
	const dark = true // the theme's own, set per theme
	return []scanCase{
		// blocks as an 80×24 screen draws them (one column a module)
		{ScanTable[0].Rendering, QRStyle{Profile: colorprofile.TrueColor, DarkBG: dark, Mode: QRBlocks}, 52, 24, colorprofile.TrueColor},
		{ScanTable[1].Rendering, QRStyle{Profile: colorprofile.NoTTY, DarkBG: dark, Mode: QRBlocks}, 52, 24, colorprofile.NoTTY},
		{ScanTable[2].Rendering, QRStyle{Profile: colorprofile.TrueColor, DarkBG: dark, Mode: QRLarge}, 100, 50, colorprofile.TrueColor},
		{ScanTable[3].Rendering, QRStyle{Profile: colorprofile.ANSI, DarkBG: dark, Mode: QRLarge, Console: true}, 100, 50, colorprofile.ANSI},
		{ScanTable[4].Rendering, QRStyle{Profile: colorprofile.NoTTY, DarkBG: dark, Mode: QRLarge}, 100, 50, colorprofile.NoTTY},
		{ScanTable[5].Rendering, QRStyle{Profile: colorprofile.NoTTY, DarkBG: dark, Mode: QRASCII}, 100, 50, colorprofile.NoTTY},
	}
}

// TestScanTable measures how each rendering scans at each line spacing,
// asserts that large (with colours) and image decode at every one, and
// that the man page's table (ScanTable) says what was measured.
func TestScanTable(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]bool{}
	for _, c := range scanCases() {
		if _, ok := q.Fit(c.w, c.h, c.style); !ok {
			t.Fatalf("%s: no fit in %dx%d", c.name, c.w, c.h)
		}
		for _, sp := range ScanSpacings {
			// on a dark and on a light terminal: without colours the glyphs
			// are the light modules on one and the dark ones on the other
			ok := true
			for _, th := range []termTheme{darkTheme, lightTheme} {
				st := c.style
				st.DarkBG = th.dark
				b, _ := q.Fit(c.w, c.h, st)
				text, err := decodeQRImage(paintSpaced(t, b, c.profile, th, sp))
				ok = ok && err == nil && text == testQRURL
			}
			got[c.name] = append(got[c.name], ok)
		}
	}
	// The image is the transmitted bitmap itself: line spacing moves
	// cells, not the pixels of an image placed over them.
	img := ScanTable[6].Rendering
	cols, rows, _ := q.imageFit(52, 24)
	side := ImagePlacement{QR: q, Cols: cols, Rows: rows}.ImageSide(8, 16)
	for range ScanSpacings {
		text, err := decodeQRImage(q.ImageBitmap(side, false))
		got[img] = append(got[img], err == nil && text == testQRURL)
	}
	var table strings.Builder
	for _, row := range ScanTable {
		fmt.Fprintf(&table, "%-42s", row.Rendering)
		for i, sp := range ScanSpacings {
			fmt.Fprintf(&table, " %d%%:%v", sp, got[row.Rendering][i])
		}
		table.WriteByte('\n')
		if fmt.Sprint(got[row.Rendering]) != fmt.Sprint(row.Decodes) {
			t.Errorf("%s: measured %v, the table says %v", row.Rendering, got[row.Rendering], row.Decodes)
		}
	}
	t.Logf("decodes at line spacing:\n%s", table.String())
	for _, must := range []string{ScanTable[2].Rendering, ScanTable[3].Rendering, img} {
		for i, ok := range got[must] {
			if !ok {
				t.Errorf("%s does not decode at %d%% line spacing", must, ScanSpacings[i])
			}
		}
	}
}

// The image's bitmap is exact modules with the standard quiet zone: with
// the cell size known it is the box's pixels exactly, every module a
// square of whole pixels (n or n+1 wide), black or white, the first and
// last four modules white; without, whole equal modules finer than the
// screen.
func TestImageBitmapExact(t *testing.T) {
	q, err := NewQR(testQRURL)
	if err != nil {
		t.Fatal(err)
	}
	n := q.imageModules()
	mat := q.matrix(q.imageLevel())
	for _, c := range []struct{ cols, rows, cw, ch, want int }{
		{48, 24, 8, 16, 24 * 16}, {48, 24, 9, 20, 48 * 9}, {80, 40, 10, 20, 800}, {48, 24, 0, 0, n * ((24*imageCellPx + n - 1) / n)},
	} {
		p := ImagePlacement{QR: q, Cols: c.cols, Rows: c.rows}
		side := p.ImageSide(c.cw, c.ch)
		if side != c.want {
			t.Fatalf("%+v: side %d, want %d", c, side, c.want)
		}
		img := q.ImageBitmap(side, false)
		if img.Bounds().Dx() != side || img.Bounds().Dy() != side {
			t.Fatalf("%+v: bitmap %v, want %dx%d", c, img.Bounds(), side, side)
		}
		edge := func(i int) int { return i * side / n }
		for my := range n {
			for mx := range n {
				want := color.Gray{Y: 255}
				if mx >= imageQuiet && my >= imageQuiet && mx < n-imageQuiet && my < n-imageQuiet && mat[my-imageQuiet][mx-imageQuiet] {
					want = color.Gray{Y: 0}
				}
				x0, x1, y0, y1 := edge(mx), edge(mx+1)-1, edge(my), edge(my+1)-1
				if w := x1 - x0 + 1; w < side/n || w > side/n+1 {
					t.Fatalf("%+v: module %d is %d px wide", c, mx, w)
				}
				for _, pt := range [][2]int{{x0, y0}, {x1, y1}, {x0, y1}, {x1, y0}} {
					got := color.GrayModel.Convert(img.At(pt[0], pt[1])).(color.Gray)
					if got != want {
						t.Fatalf("%+v: module %d,%d pixel %v is %v, want %v", c, mx, my, pt, got, want)
					}
				}
			}
		}
		text, err := decodeQRImage(img)
		if err != nil || text != testQRURL {
			t.Fatalf("%+v: decodes to %q, %v", c, text, err)
		}
	}
}
