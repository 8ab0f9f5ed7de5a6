package ui

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/kitty"

	"github.com/biliqr/biliqr/ui/i18n"
)

// QRMode is how the code is drawn (-qr, the f key).
type QRMode uint8

// The renderings, in -qr's order.
const (
	QRAuto   QRMode = iota // chosen by what the terminal can do (termcaps)
	QRBlocks               // half blocks ▀▄: the smallest text rendering
	QRLarge                // two cells a module, background-coloured spaces (█ without colours)
	QRASCII                // '#' and spaces, no escapes: neither glyphs nor colours needed
	QRImage                // a real bitmap: kitty graphics with Unicode placeholders
	QRNone                 // no code: the whole link, to paste or for a screen reader
)

var qrModeNames = [...]string{"auto", "blocks", "large", "ascii", "image", "none"}

func (m QRMode) String() string {
	if int(m) < len(qrModeNames) {
		return qrModeNames[m]
	}
	return "auto"
}

// QRModeNames are the -qr values, in the order -h lists them.
func QRModeNames() []string { return append([]string(nil), qrModeNames[:]...) }

// ParseQRMode reads a -qr value.
func ParseQRMode(s string) (QRMode, bool) {
	for i, n := range qrModeNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return QRMode(i), true
		}
	}
	return QRAuto, false
}

// NextQRMode is the rendering the f key switches to: image → large →
// blocks → ascii → (image where the terminal shows one, else large). From
// none it goes to large: the code comes back, at its most robust.
func NextQRMode(m QRMode, image bool) QRMode {
	order := []QRMode{QRLarge, QRBlocks, QRASCII}
	if image {
		order = append([]QRMode{QRImage}, order...)
	}
	for i, o := range order {
		if o == m {
			return order[(i+1)%len(order)]
		}
	}
	if m == QRAuto {
		return QRLarge
	}
	return order[0]
}

// textMode is the text rendering a style asks for: auto is blocks.
func (st QRStyle) textMode() QRMode {
	if st.Mode == QRAuto {
		return QRBlocks
	}
	return st.Mode
}

// The image's geometry. imageQuiet is the standard quiet zone. Where
// the terminal has not said its cell size, a cell is taken as
// imageCellPx pixels tall and each module drawn a whole number of pixels
// at least that fine, so that the terminal only scales down.
const (
	imageQuiet  = 4
	imageCellPx = 20
)

// imageLevel is the ECC level the image draws (M, as the PNG: an image
// has pixels to spare, so the usual balance of density and robustness).
func (q *QR) imageLevel() int {
	if q.codes[qrECCMedium] != nil {
		return qrECCMedium
	}
	return qrECCLow
}

// imageModules is the image's side in modules, quiet zone included.
func (q *QR) imageModules() int { return q.sizes[q.imageLevel()] + 2*imageQuiet }

// imageFit is the largest square box (cols = 2×rows on the usual 1:2
// cell) within maxW×maxH for the image, at least a quarter row per module
// (4 px at a 16 px cell) and at most a row per module.
func (q *QR) imageFit(maxW, maxH int) (cols, rows int, ok bool) {
	n := q.imageModules()
	rows = min(maxH, maxW/2, n)
	if rows < (n+3)/4 {
		return 0, 0, false
	}
	return 2 * rows, rows, true
}

// imageBlock is the block of Unicode placeholders kitty fills with image
// id: each cell is U+10EEEE with its row and column as diacritics, in the
// image id's foreground colour (an ANSI 256 index, which no profile at or
// above 256 colours changes). Bubble Tea lays them out as ordinary cells.
func (q *QR) imageBlock(cols, rows int, id uint8) QRBlock {
	lines := make([]string, rows)
	ph := string(kitty.Placeholder)
	for r := range rows {
		var b strings.Builder
		fmt.Fprintf(&b, "\x1b[38;5;%dm", id)
		for c := range cols {
			b.WriteString(ph)
			b.WriteRune(kitty.Diacritic(r))
			b.WriteRune(kitty.Diacritic(c))
		}
		b.WriteString("\x1b[m")
		lines[r] = b.String()
	}
	l := q.imageLevel()
	return QRBlock{
		Text: strings.Join(lines, "\n"), Lines: lines, Width: cols, Height: rows,
		Version: q.codes[l].VersionNumber, ECC: qrECCNames[l], Quiet: imageQuiet, Scale: 0,
		Image: true,
	}
}

// ImageSide is the image's side in pixels for a box of p.Cols×p.Rows
// cells of cw×ch pixels: exactly the box's shorter side, so that the
// terminal draws it pixel for pixel and every module edge stays sharp.
// With no cell size (0), whole pixels a module at about imageCellPx a row.
func (p ImagePlacement) ImageSide(cw, ch int) int {
	if cw > 0 && ch > 0 {
		return min(p.Cols*cw, p.Rows*ch)
	}
	n := p.QR.imageModules()
	return n * max((p.Rows*imageCellPx+n-1)/n, 4)
}

// ImageBitmap is the code as a side×side image: exact modules (module i
// covers the pixels from i·side/n to (i+1)·side/n, so they differ by one
// pixel at most), with the standard quiet zone; dark on light unless
// invert.
func (q *QR) ImageBitmap(side int, invert bool) *image.Paletted {
	l := q.imageLevel()
	q.mu.Lock()
	mat := q.matrix(l)
	q.mu.Unlock()
	n := len(mat) + 2*imageQuiet
	side = max(side, n)
	edge := func(i int) int { return i * side / n }
	light, dark := color.Gray{Y: 255}, color.Gray{Y: 0}
	if invert {
		light, dark = dark, light
	}
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{light, dark})
	for y, row := range mat {
		for x, d := range row {
			if !d {
				continue
			}
			x0, x1 := edge(x+imageQuiet), edge(x+imageQuiet+1)
			for py := edge(y + imageQuiet); py < edge(y+imageQuiet+1); py++ {
				line := img.Pix[py*img.Stride+x0 : py*img.Stride+x1]
				for i := range line {
					line[i] = 1
				}
			}
		}
	}
	return img
}

// ImagePlacement is an image on screen: which code, in which box, and the
// id its placeholders carry.
type ImagePlacement struct {
	QR         *QR
	Cols, Rows int
	Invert     bool
	Side       int // the bitmap's side in pixels (ImageSide)
}

// TransmitImage is the kitty graphics sequence that sends p's bitmap as
// image id with a virtual placement of p.Cols×p.Rows cells (U=1): the
// terminal draws it wherever the placeholders are. q=2: no replies, which
// would arrive as input. The PNG is sent in 4096-byte chunks, as the
// protocol asks. tmux wraps every chunk in its passthrough.
func TransmitImage(p ImagePlacement, id uint8, tmux bool) (string, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, p.QR.ImageBitmap(p.Side, p.Invert)); err != nil {
		return "", err
	}
	data := base64.StdEncoding.EncodeToString(buf.Bytes())
	var b strings.Builder
	for i := 0; i < len(data); i += kitty.MaxChunkSize {
		end := min(i+kitty.MaxChunkSize, len(data))
		more := 0
		if end < len(data) {
			more = 1
		}
		var opts []string
		if i == 0 {
			opts = []string{"a=T", "f=100", "t=d", "U=1", "q=2",
				fmt.Sprintf("i=%d", id), fmt.Sprintf("c=%d", p.Cols), fmt.Sprintf("r=%d", p.Rows)}
		} else {
			opts = []string{"q=2"}
		}
		opts = append(opts, fmt.Sprintf("m=%d", more))
		seq := ansi.KittyGraphics([]byte(data[i:end]), opts...)
		if tmux {
			seq = ansi.TmuxPassthrough(seq)
		}
		b.WriteString(seq)
	}
	return b.String(), nil
}

// DeleteImage is the sequence that frees image id in the terminal (and
// with it every placement).
func DeleteImage(id uint8, tmux bool) string {
	seq := ansi.KittyGraphics(nil, "a=d", "d=I", fmt.Sprintf("i=%d", id), "q=2")
	if tmux {
		seq = ansi.TmuxPassthrough(seq)
	}
	return seq
}

// CellSizeQuery asks the terminal for its cell size in pixels (CSI 16 t).
func CellSizeQuery(tmux bool) string {
	if tmux {
		return ansi.TmuxPassthrough("\x1b[16t")
	}
	return "\x1b[16t"
}

// GraphicsQueryID is the image id of the probe's graphics query: no code
// image ever uses it (those count from 1 and wrap below it).
const GraphicsQueryID = 255

// GraphicsProbe asks the terminal, in order: does it take kitty graphics
// (a=q, a 1×1 image that is checked and never stored), what it is
// (XTVERSION), its cell size in pixels (CSI 16 t, for a sharp image),
// then DA1, which every terminal answers: its reply says all
// the replies before it are in. Inside tmux the first two go through the
// passthrough, and so does DA1, so that tmux's own quick answer cannot
// end the probe before the outer terminal's.
func GraphicsProbe(tmux bool) string {
	q := ansi.KittyGraphics([]byte("AAAA"), fmt.Sprintf("i=%d", GraphicsQueryID), "s=1", "v=1", "a=q", "t=d", "f=24")
	seqs := []string{q, "\x1b[>0q", "\x1b[16t", "\x1b[c"}
	if tmux {
		for i, s := range seqs {
			seqs[i] = ansi.TmuxPassthrough(s)
		}
	}
	return strings.Join(seqs, "")
}

// ModeName is a rendering's name in the app's language (the f notice).
func ModeName(locale string, m QRMode) string {
	switch m {
	case QRLarge:
		return i18n.T(locale, i18n.TextModeLarge)
	case QRASCII:
		return i18n.T(locale, i18n.TextModeASCII)
	case QRImage:
		return i18n.T(locale, i18n.TextModeImage)
	default:
		return i18n.T(locale, i18n.TextModeBlocks)
	}
}
