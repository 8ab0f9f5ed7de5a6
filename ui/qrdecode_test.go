package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// Test vectors: the protocol's example qr_url (82 chars) and an 85-char one.
const (
	testQRURL   = "https://www.bilibili.tv/h5/en/qrcode/login?ticket=4478b3e64d05ce26638f4d715ebe0a91"
	testQRURL85 = testQRURL + "&v=" // a real qr_url may carry a short extra parameter
)

// termTheme is a terminal's default colours: what unstyled cells and glyphs
// are painted with.
type termTheme struct {
	name   string
	fg, bg color.RGBA
	dark   bool
}

var (
	darkTheme  = termTheme{"dark", color.RGBA{0xD0, 0xD0, 0xD0, 0xFF}, color.RGBA{0x1E, 0x1E, 0x1E, 0xFF}, true}
	lightTheme = termTheme{"light", color.RGBA{0x20, 0x20, 0x20, 0xFF}, color.RGBA{0xFA, 0xFA, 0xFA, 0xFF}, false}
)

// Pixels per terminal cell (a cell is twice as tall as wide) and the margin
// of terminal background drawn around the block, as on a real screen.
const (
	cellPxW     = 4
	cellPxH     = 8
	marginCells = 3
)

// emulate writes b, reduced to profile p, into a terminal emulator of its
// size, as a terminal would receive it.
func emulate(t *testing.T, b QRBlock, p colorprofile.Profile) *vt.Emulator {
	t.Helper()
	var out bytes.Buffer
	cw := &colorprofile.Writer{Forward: &out, Profile: p}
	if _, err := io.WriteString(cw, b.Text); err != nil {
		t.Fatal(err)
	}
	em := vt.NewEmulator(b.Width, b.Height)
	if _, err := em.WriteString(strings.ReplaceAll(out.String(), "\n", "\r\n")); err != nil {
		t.Fatal(err)
	}
	return em
}

// paintTerminal shows what a terminal with theme th displays for block: the
// text goes through the same colour downsampling Bubble Tea applies for
// profile p, then through a terminal emulator (x/vt), and each cell is painted
// from its glyph, colours and reverse attribute. ANSI colours take xterm's
// standard palette (black #000000, bright white #FFFFFF).
func paintTerminal(t *testing.T, b QRBlock, p colorprofile.Profile, th termTheme) *image.RGBA {
	t.Helper()
	em := emulate(t, b, p)

	img := image.NewRGBA(image.Rect(0, 0, (b.Width+2*marginCells)*cellPxW, (b.Height+2*marginCells)*cellPxH))
	draw.Draw(img, img.Bounds(), &image.Uniform{th.bg}, image.Point{}, draw.Src)
	for y := range b.Height {
		for x := range b.Width {
			c := em.CellAt(x, y)
			if c == nil {
				t.Fatalf("no cell at %d,%d", x, y)
			}
			if c.Width != 1 {
				t.Fatalf("cell %d,%d is %d wide (%q)", x, y, c.Width, c.Content)
			}
			fg, bg := cellColors(c, th)
			x0, y0 := (x+marginCells)*cellPxW, (y+marginCells)*cellPxH
			x1, ym, y1 := x0+cellPxW, y0+cellPxH/2, y0+cellPxH
			if !paintGlyph(img, c.Content, x0, y0, x1, ym, y1, fg, bg) {
				t.Fatalf("unexpected glyph %q at %d,%d", c.Content, x, y)
			}
		}
	}
	// The emulator must have received exactly the block: nothing wrapped
	// onto a line of its own or beyond the last column.
	if got := em.CursorPosition(); got.Y != b.Height-1 {
		t.Fatalf("cursor ended on row %d, want %d (a row wrapped?)", got.Y, b.Height-1)
	}
	return img
}

// paintGlyph paints a block glyph (or a blank) over the cell x0..x1,
// y0..y1 with its middle at ym, as a terminal draws it; false for any other
// glyph.
func paintGlyph(img *image.RGBA, glyph string, x0, y0, x1, ym, y1 int, fg, bg color.RGBA) bool {
	switch glyph {
	case " ", "":
		fillRect(img, x0, y0, x1, y1, bg)
	case "▀":
		fillRect(img, x0, y0, x1, ym, fg)
		fillRect(img, x0, ym, x1, y1, bg)
	case "▄":
		fillRect(img, x0, y0, x1, ym, bg)
		fillRect(img, x0, ym, x1, y1, fg)
	case "█", "#": // '#' generously taken as a filled cell
		fillRect(img, x0, y0, x1, y1, fg)
	default:
		return false
	}
	return true
}

// fillRect paints a rectangle of img in c.
func fillRect(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
}

// cellColors is what a terminal with theme th paints a cell's glyph and
// ground in: its own colours, else the theme's, swapped when reversed.
func cellColors(c *uv.Cell, th termTheme) (fg, bg color.RGBA) {
	resolve := func(c color.Color, def color.RGBA) color.RGBA {
		if c == nil {
			return def
		}
		return color.RGBAModel.Convert(c).(color.RGBA)
	}
	fg, bg = resolve(c.Style.Fg, th.fg), resolve(c.Style.Bg, th.bg)
	if c.Style.Attrs&uv.AttrReverse != 0 {
		fg, bg = bg, fg
	}
	return fg, bg
}

func decodeQRImage(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return "", err
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

func invertImage(src *image.RGBA) *image.RGBA {
	dst := image.NewRGBA(src.Bounds())
	for i := 0; i < len(src.Pix); i += 4 {
		dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = 255-src.Pix[i], 255-src.Pix[i+1], 255-src.Pix[i+2], 255
	}
	return dst
}

// quietLuma is the luminance of the block's top-left cell (quiet zone).
func quietLuma(img *image.RGBA) int {
	c := img.RGBAAt(marginCells*cellPxW+1, marginCells*cellPxH+1)
	return (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000
}

var testProfiles = []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.ASCII, colorprofile.NoTTY}

// TestQRDecodesAsPainted is the proof that the code scans: every budget,
// profile, theme, inversion and width mode is painted as a terminal would
// and read back with a QR decoder.
func TestQRDecodesAsPainted(t *testing.T) {
	sweep(t)
	t.Parallel()
	budgets := []struct{ w, h int }{{45, 23}, {80, 24}, {100, 30}, {200, 60}}
	for _, url := range []string{testQRURL, testQRURL85} {
		q, err := NewQR(url)
		if err != nil {
			t.Fatal(err)
		}
		for _, bud := range budgets {
			for _, p := range testProfiles {
				for _, th := range []termTheme{darkTheme, lightTheme} {
					for _, inv := range []bool{false, true} {
						for _, ea := range []bool{false, true} {
							st := QRStyle{Profile: p, DarkBG: th.dark, Invert: inv, EastAsian: ea}
							name := fmt.Sprintf("%d/%dx%d/%v/%s/inv=%v/ea=%v", len(url), bud.w, bud.h, p, th.name, inv, ea)
							t.Run(name, func(t *testing.T) {
								t.Parallel()
								b, ok := q.Fit(bud.w, bud.h, st)
								if !ok {
									if !ea {
										t.Fatalf("no QR fits %dx%d", bud.w, bud.h)
									}
									mw, mh := q.MinSize(st)
									if mw <= bud.w && mh <= bud.h {
										t.Fatalf("Fit false but MinSize %dx%d fits %dx%d", mw, mh, bud.w, bud.h)
									}
									return
								}
								if ea && strings.ContainsAny(b.Text, "▀▄█") {
									t.Fatal("East Asian rendering uses ambiguous-width block glyphs")
								}
								img := paintTerminal(t, b, p, th)
								// Not inverted: dark modules on a light ground, as a
								// phone expects. Inverted: the opposite.
								if l := quietLuma(img); (l >= 128) == inv {
									t.Fatalf("quiet zone luminance %d, inverted=%v", l, inv)
								}
								checkModules(t, q, b, img, inv)
								if inv {
									img = invertImage(img)
								}
								got, err := decodeQRImage(img)
								if err != nil {
									t.Fatalf("decode %+v: %v", blockInfo(b), err)
								}
								if got != url {
									t.Fatalf("decoded %d chars, not the URL", len(got))
								}
							})
						}
					}
				}
			}
		}
	}
}

// TestQRNoColorWrongBackground: without colours a wrong background guess
// gives light-on-dark, and `i` (Invert) puts it right.
func TestQRNoColorWrongBackground(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range []termTheme{darkTheme, lightTheme} {
		for _, ea := range []bool{false, true} {
			wrong := QRStyle{Profile: colorprofile.ASCII, DarkBG: !th.dark, EastAsian: ea}
			b, ok := q.Fit(200, 60, wrong)
			if !ok {
				t.Fatal("no fit at 200x60")
			}
			if l := quietLuma(paintTerminal(t, b, wrong.Profile, th)); l >= 128 {
				t.Fatalf("%s theme, ea=%v, wrong DarkBG: quiet zone luminance %d, want dark", th.name, ea, l)
			}
			fixed := wrong
			fixed.Invert = true
			b, _ = q.Fit(200, 60, fixed)
			img := paintTerminal(t, b, fixed.Profile, th)
			if l := quietLuma(img); l < 128 {
				t.Fatalf("%s theme, ea=%v, inverted: quiet zone luminance %d, want light", th.name, ea, l)
			}
			if got, err := decodeQRImage(img); err != nil || got != testQRURL85 {
				t.Fatalf("%s theme, ea=%v, inverted: decode err %v", th.name, ea, err)
			}
		}
	}
}

// TestQRDownsampledTrueColor: a block rendered for TrueColor still scans when
// Bubble Tea reduces it to fewer colours (if the profile was not passed on).
func TestQRDownsampledTrueColor(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := q.Fit(45, 23, QRStyle{Profile: colorprofile.TrueColor, DarkBG: true})
	if !ok {
		t.Fatal("no fit at 45x23")
	}
	for _, p := range []colorprofile.Profile{colorprofile.ANSI256, colorprofile.ANSI} {
		for _, th := range []termTheme{darkTheme, lightTheme} {
			if got, err := decodeQRImage(paintTerminal(t, b, p, th)); err != nil || got != testQRURL85 {
				t.Fatalf("%v on %s: decode err %v", p, th.name, err)
			}
		}
	}
}

func TestQRPNGDecodes(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	data, err := q.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() || b.Dx()%qrPNGModule != 0 {
		t.Fatalf("PNG is %dx%d, want square in %d px modules", b.Dx(), b.Dy(), qrPNGModule)
	}
	modules := b.Dx() / qrPNGModule
	if (modules-2*qrPNGQuiet-17)%4 != 0 {
		t.Fatalf("PNG has %d modules a side: not a QR version plus a 4-module quiet zone", modules)
	}
	// The quiet zone is white all round.
	qz := qrPNGQuiet * qrPNGModule
	for y := range b.Dy() {
		for x := range b.Dx() {
			if x >= qz && x < b.Dx()-qz && y >= qz && y < b.Dy()-qz {
				continue
			}
			if r, g, bl, _ := img.At(x, y).RGBA(); r != 0xFFFF || g != 0xFFFF || bl != 0xFFFF {
				t.Fatalf("quiet-zone pixel %d,%d is not white", x, y)
			}
		}
	}
	// The finder pattern's corner is black.
	if r, _, _, _ := img.At(qz, qz).RGBA(); r != 0 {
		t.Fatal("top-left finder corner is not black")
	}
	got, err := decodeQRImage(img)
	if err != nil || got != testQRURL85 {
		t.Fatalf("PNG decode err %v", err)
	}
}

func blockInfo(b QRBlock) string {
	return fmt.Sprintf("%dx%d V%d-%c quiet %d scale %d", b.Width, b.Height, b.Version, b.ECC, b.Quiet, b.Scale)
}

// checkModules samples the painted image at the centre of every module
// (quiet zone included): each module is a square of Scale·cellPxW pixels and
// must show the encoder's matrix, dark where it is dark (light if inverted).
func checkModules(t *testing.T, q *QR, b QRBlock, img *image.RGBA, inv bool) {
	t.Helper()
	l := strings.IndexByte(string(qrECCNames[:]), b.ECC)
	q.mu.Lock()
	mat := q.matrix(l)
	q.mu.Unlock()
	side := b.Scale * cellPxW // == b.Scale half-rows of cellPxH/2
	if side != b.Scale*cellPxH/2 {
		t.Fatal("test geometry: cell is not 1:2")
	}
	n := len(mat) + 2*b.Quiet
	if n*b.Scale != b.Width {
		t.Fatalf("%d modules at scale %d in %d columns", n, b.Scale, b.Width)
	}
	for my := range n {
		for mx := range n {
			x, y := mx-b.Quiet, my-b.Quiet
			want := x >= 0 && y >= 0 && x < len(mat) && y < len(mat) && mat[y][x]
			c := img.RGBAAt(marginCells*cellPxW+mx*side+side/2, marginCells*cellPxH+my*side+side/2)
			luma := (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000
			if got := luma < 128; got != (want != inv) {
				t.Fatalf("%s: module %d,%d dark=%v, want %v", blockInfo(b), mx, my, got, want != inv)
			}
		}
	}
}
