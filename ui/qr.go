package ui

import (
	"errors"
	"net/url"
	"strings"
	"sync"

	"github.com/charmbracelet/colorprofile"
	"github.com/skip2/go-qrcode"

	"github.com/biliqr/biliqr/passport"
)

// QR is the code of one qr_url, built once per ticket; its rendered blocks
// are cached per (size, style), so redrawing the same screen costs nothing.
//
// A QR is safe for concurrent use.
type QR struct {
	text string
	link string // text as a checked, percent-encoded URL; "" if it is none

	// codes and sizes are indexed by ECC level, qrECCLow..qrECCHighest; a nil
	// code means the text does not fit a QR code at that level.
	codes [qrECCLevels]*qrcode.QRCode
	sizes [qrECCLevels]int // modules per side, without quiet zone

	mu    sync.Mutex
	mats  [qrECCLevels][][]bool // module matrices, built on first use
	cache map[qrKey]QRBlock
}

// QRStyle says how the terminal will paint a rendered QR.
type QRStyle struct {
	// Profile is what Bubble Tea will reduce colours to. Unknown is drawn
	// like ANSI, whose two colours every colour terminal has.
	Profile colorprofile.Profile
	// DarkBG: the terminal background is dark (assume true when unknown).
	// It only matters without colours, where the terminal's own foreground
	// paints the glyphs.
	DarkBG bool
	// Invert swaps dark and light by hand (`i`), for when the background
	// guess is wrong or a reader wants light-on-dark.
	Invert bool
	// EastAsian: the terminal draws ambiguous-width block glyphs (▀▄█) two
	// cells wide, so only spaces (and '#') keep the code square.
	EastAsian bool
	// Mode is the rendering (auto draws blocks); image draws kitty
	// placeholders for ImageID, none draws nothing.
	Mode    QRMode
	ImageID uint8
	// Console: the Linux console, whose 8 background colours and font are
	// all there is (see qrPaletteConsole); without colours it draws '#',
	// as its font may lack █.
	Console bool
}

// QRBlock is one rendering of a QR: Height lines joined by "\n", each exactly
// Width display cells, with styles reset at each line end.
type QRBlock struct {
	Text          string
	Lines         []string // Text split into its Height lines, kept for layout
	Width, Height int

	// How it was drawn, for status lines and tests.
	Version int  // QR version, 1..40 (symbol side = 17+4·Version modules)
	ECC     byte // error correction level: 'L', 'M', 'Q' or 'H'
	Quiet   int  // quiet zone in modules on each side
	Scale   int  // half-rows per module; a module is Scale columns × Scale/2 rows
	Image   bool // kitty placeholders: the terminal draws the bitmap in these cells
}

const (
	qrECCLow = iota
	qrECCMedium
	qrECCHigh
	qrECCHighest
	qrECCLevels
)

var (
	qrRecovery = [qrECCLevels]qrcode.RecoveryLevel{qrcode.Low, qrcode.Medium, qrcode.High, qrcode.Highest}
	qrECCNames = [qrECCLevels]byte{'L', 'M', 'Q', 'H'}
)

// Scales tried, largest first. A module is `scale` columns wide and `scale`
// half-rows tall, which is square on the usual 1:2 terminal cell. Scale 1 is
// the half-block rendering (▀/▄), scale 2 fills whole cells (the "full block"
// look). East Asian terminals get only even scales: every cell is then of one
// colour and can be drawn with spaces, whose width is never ambiguous.
var (
	qrScales          = [...]int{4, 3, 2, 1}
	qrScalesEastAsian = [...]int{4, 2}
	qrQuietZones      = [...]int{4, 3, 2} // 4 is the standard; less only where space demands
)

type qrKey struct {
	ecc, quiet, scale int8
	style             QRStyle
}

// NewQR encodes text (the qr_url, exactly as given) at every ECC level that
// can hold it. Errors never include the text: it carries a login ticket.
func NewQR(text string) (*QR, error) {
	if text == "" {
		return nil, errors.New("ui: empty QR text")
	}
	q := &QR{text: text, link: safeLink(text), cache: make(map[qrKey]QRBlock)}
	for l := range qrECCLevels {
		c, err := qrcode.New(text, qrRecovery[l])
		if err != nil {
			if l == qrECCLow {
				// the only text ever drawn is the server's qr_url
				return nil, &passport.UnexpectedReplyError{Op: "qrcode/auth/url", Reason: "the QR link is too long to draw as a QR code", Permanent: true}
			}
			continue
		}
		c.DisableBorder = true // we draw our own quiet zone
		q.codes[l] = c
		q.sizes[l] = 17 + 4*c.VersionNumber
	}
	return q, nil
}

// Text is the encoded text (the qr_url). It holds a ticket: never log it.
func (q *QR) Text() string { return q.text }

// Link is the text as a URL fit for a terminal escape sequence (the OSC 8
// hyperlink, the OSC 52 copy) or a browser: an absolute http(s) URL made
// only of printable ASCII, every other byte percent-encoded. It is "" when
// the text is no such URL. It holds a ticket: never log it.
func (q *QR) Link() string { return q.link }

// safeLink percent-encodes every byte of s outside printable ASCII (space,
// controls, DEL, and each byte of a non-ASCII character, as a browser turns
// an IRI into a URI) and keeps the result only if it is an absolute http
// or https URL with a host. Printable ASCII is left as it is, so the
// server's own escapes and the ticket stay exactly as given.
func safeLink(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c < 0x7f {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	link := b.String()
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return ""
	}
	return link
}

// Fit returns the largest rendering that fits in maxW×maxH cells, and false
// when none does. Preference: larger modules first (they scan better from a
// distance), then a larger quiet zone (4, down to 2 only where space demands),
// then a higher ECC level. Same arguments give the same block without
// rendering again.
func (q *QR) Fit(maxW, maxH int, st QRStyle) (QRBlock, bool) {
	switch st.Mode {
	case QRNone:
		return QRBlock{}, false
	case QRImage:
		cols, rows, ok := q.imageFit(maxW, maxH)
		if !ok {
			return QRBlock{}, false
		}
		return q.imageBlock(cols, rows, st.ImageID), true
	default: // the text renderings
	}
	scales := q.scales(st)
	for _, k := range scales {
		for _, quiet := range qrQuietZones {
			for l := qrECCHighest; l >= qrECCLow; l-- {
				if q.codes[l] == nil {
					continue
				}
				w, h := qrBlockSize(q.sizes[l]+2*quiet, k)
				if w <= maxW && h <= maxH {
					return q.block(qrKey{ecc: int8(l), quiet: int8(quiet), scale: int8(k), style: st}), true
				}
			}
		}
	}
	return QRBlock{}, false
}

// MinSize is the smallest block any rendering can draw in style st (lowest
// ECC, quiet zone 2, smallest scale), for messages like "needs 45×23".
func (q *QR) MinSize(st QRStyle) (w, h int) {
	if st.Mode == QRImage {
		n := q.imageModules()
		return 2 * ((n + 3) / 4), (n + 3) / 4
	}
	scales := q.scales(st)
	k := scales[len(scales)-1]
	return qrBlockSize(q.sizes[qrECCLow]+2*qrQuietZones[len(qrQuietZones)-1], k)
}

// scales are the module sizes a style may draw, largest first: large and
// ascii draw whole cells a module (even scales), as do East Asian widths.
func (q *QR) scales(st QRStyle) []int {
	if st.EastAsian || st.textMode() != QRBlocks {
		return qrScalesEastAsian[:]
	}
	return qrScales[:]
}

// qrBlockSize is the cell size of n×n modules at scale k: k columns and k
// half-rows per module.
func qrBlockSize(n, k int) (w, h int) {
	return n * k, (n*k + 1) / 2
}

func (q *QR) block(key qrKey) QRBlock {
	q.mu.Lock()
	defer q.mu.Unlock()
	if b, ok := q.cache[key]; ok {
		return b
	}
	b := q.render(key)
	q.cache[key] = b
	return b
}

// matrix returns the module matrix (true = dark) without quiet zone. Built
// once per level: go-qrcode appends padding on every Bitmap call, so it must
// not be called twice on one code. Callers hold q.mu.
func (q *QR) matrix(l int) [][]bool {
	if q.mats[l] == nil {
		q.mats[l] = q.codes[l].Bitmap()
	}
	return q.mats[l]
}

// Explicit SGR colours per profile. Black and white are chosen so that no
// downsampling can move them: ANSI256 uses the colour cube's 16 and 231
// (rarely themed, unlike 0–15), ANSI uses black (30/40) and bright white
// (97/107).
type qrPalette struct{ fgDark, fgLight, bgDark, bgLight string }

var (
	qrPaletteTrue = qrPalette{"38;2;0;0;0", "38;2;255;255;255", "48;2;0;0;0", "48;2;255;255;255"}
	qrPalette256  = qrPalette{"38;5;16", "38;5;231", "48;5;16", "48;5;231"}
	qrPalette16   = qrPalette{"30", "97", "40", "107"}
	// The Linux console has 8 background colours (SGR 40–47; 100–107 are
	// the same 8, and bright white exists only as a foreground). Of those
	// pairs black (40) and light grey (47) have the most contrast, so the
	// light modules are grey; the foreground matches them (37, not 97), so
	// that a half block's light half is the same grey as a light cell's.
	qrPaletteConsole = qrPalette{"30", "37", "40", "47"}
)

func (p *qrPalette) fg(dark bool) string {
	if dark {
		return p.fgDark
	}
	return p.fgLight
}

func (p *qrPalette) bg(dark bool) string {
	if dark {
		return p.bgDark
	}
	return p.bgLight
}

func (q *QR) render(key qrKey) QRBlock {
	mat := q.matrix(int(key.ecc))
	size, quiet, k, st := q.sizes[key.ecc], int(key.quiet), int(key.scale), key.style
	n := size + 2*quiet
	w, h := qrBlockSize(n, k)

	// dark reports whether the module under cell column x and half-row y is
	// dark; the quiet zone and the spare half-row below an odd-height code
	// are light.
	dark := func(x, y int) bool {
		mx, my := x/k-quiet, y/k-quiet
		return mx >= 0 && my >= 0 && mx < size && my < size && mat[my][mx]
	}

	var sb strings.Builder
	sb.Grow(h * (w*4 + 32))
	switch {
	case st.textMode() == QRASCII:
		qrASCII(&sb, st, w, h, dark)
	case st.Profile == colorprofile.NoTTY || st.Profile == colorprofile.ASCII:
		// No colours: the terminal paints glyphs in its own foreground.
		// Draw as glyphs the modules that must look like that foreground:
		// light ones on a dark background, dark ones on a light background.
		glyph := func(x, y int) bool { return dark(x, y) != st.DarkBG != st.Invert }
		for cy := range h {
			if cy > 0 {
				sb.WriteByte('\n')
			}
			qrGlyphRow(&sb, st, w, func(x int) bool { return glyph(x, 2*cy) }, func(x int) bool { return glyph(x, 2*cy+1) })
		}
	default:
		pal := &qrPalette16
		switch {
		case st.Console:
			pal = &qrPaletteConsole
		case st.Profile == colorprofile.TrueColor:
			pal = &qrPaletteTrue
		case st.Profile == colorprofile.ANSI256:
			pal = &qrPalette256
		}
		paint := func(x, y int) bool { return dark(x, y) != st.Invert }
		for cy := range h {
			if cy > 0 {
				sb.WriteByte('\n')
			}
			qrColourRow(&sb, pal, w, func(x int) bool { return paint(x, 2*cy) }, func(x int) bool { return paint(x, 2*cy+1) })
		}
	}
	text := sb.String()
	return QRBlock{
		Text:    text,
		Lines:   strings.Split(text, "\n"),
		Width:   w,
		Height:  h,
		Version: q.codes[key.ecc].VersionNumber,
		ECC:     qrECCNames[key.ecc],
		Quiet:   quiet,
		Scale:   k,
	}
}

// qrASCII draws '#' for the modules the terminal's foreground must
// paint, as without colours; no escapes, no glyph outside ASCII.
func qrASCII(sb *strings.Builder, st QRStyle, w, h int, dark func(x, y int) bool) {
	for cy := range h {
		if cy > 0 {
			sb.WriteByte('\n')
		}
		for x := range w {
			if dark(x, 2*cy) != st.DarkBG != st.Invert {
				sb.WriteByte('#')
			} else {
				sb.WriteByte(' ')
			}
		}
	}
}

// qrGlyphRow draws one row of w cells without colours: top and bot say
// whether the upper and lower half of cell x is a glyph.
func qrGlyphRow(sb *strings.Builder, st QRStyle, w int, top, bot func(x int) bool) {
	switch {
	case st.Console:
		// the console's font may lack every block glyph
		for x := range w {
			if top(x) {
				sb.WriteByte('#')
			} else {
				sb.WriteByte(' ')
			}
		}
	case !st.EastAsian:
		for x := range w {
			sb.WriteString(qrHalfGlyph(top(x), bot(x)))
		}
	case st.Profile == colorprofile.ASCII:
		// Reverse video is an attribute, not a colour (NO_COLOR allows
		// it), and fills a space with the foreground without a glyph.
		rev := false
		for x := range w {
			if g := top(x); g != rev {
				rev = g
				if g {
					sb.WriteString("\x1b[7m")
				} else {
					sb.WriteString("\x1b[27m")
				}
			}
			sb.WriteByte(' ')
		}
		sb.WriteString("\x1b[m")
	default:
		// NoTTY + East Asian: no escapes, no ambiguous glyphs.
		for x := range w {
			if top(x) {
				sb.WriteByte('#')
			} else {
				sb.WriteByte(' ')
			}
		}
	}
}

// qrColourRow draws one row of w cells in pal's two colours: top and bot
// say whether the upper and lower half of cell x is dark.
func qrColourRow(sb *strings.Builder, pal *qrPalette, w int, top, bot func(x int) bool) {
	// fg/bg: 0 unset, 1 dark, 2 light. Each line sets both at its first
	// cell, so every cell has explicit colours.
	var fg, bg int8
	for x := range w {
		up, down := qrTone(top(x)), qrTone(bot(x))
		glyph := " "
		wantFg, wantBg := fg, up
		if fg == 0 {
			wantFg = qrTone(!top(x)) // any colour; set once
		}
		if up != down {
			// Two tones: ▀ (fg top, bg bottom) or ▄ (fg bottom, bg top),
			// whichever keeps the current background.
			if bg == down {
				glyph, wantFg, wantBg = "▀", up, down
			} else {
				glyph, wantFg, wantBg = "▄", down, up
			}
		}
		qrSGR(sb, pal, &fg, &bg, wantFg, wantBg)
		sb.WriteString(glyph)
	}
	sb.WriteString("\x1b[m")
}

func qrTone(dark bool) int8 {
	if dark {
		return 1
	}
	return 2
}

// qrSGR emits one SGR sequence for whatever of fg/bg changes.
func qrSGR(sb *strings.Builder, pal *qrPalette, fg, bg *int8, wantFg, wantBg int8) {
	if *fg == wantFg && *bg == wantBg {
		return
	}
	sb.WriteString("\x1b[")
	if *fg != wantFg {
		sb.WriteString(pal.fg(wantFg == 1))
		if *bg != wantBg {
			sb.WriteByte(';')
		}
	}
	if *bg != wantBg {
		sb.WriteString(pal.bg(wantBg == 1))
	}
	sb.WriteByte('m')
	*fg, *bg = wantFg, wantBg
}

// qrHalfGlyph draws a cell whose upper and lower halves are glyph (true) or
// blank (false).
func qrHalfGlyph(top, bot bool) string {
	switch {
	case top && bot:
		return "█"
	case top:
		return "▀"
	case bot:
		return "▄"
	}
	return " "
}

// EastAsianWidthFrom says whether the environment asks for wide blocks: only
// RUNEWIDTH_EASTASIAN=1 says wide. There is no guess from a CJK locale:
// most terminals today (tmux, VTE, iTerm2, Windows Terminal, kitty) draw
// ▀▄ narrow under zh_CN.UTF-8 too, and guessing wide made the code need
// 82 columns and vanish at 120×40 for exactly the users it was meant for.
func EastAsianWidthFrom(getenv func(string) string) bool {
	return getenv("RUNEWIDTH_EASTASIAN") == "1"
}
