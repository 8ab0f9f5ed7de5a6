package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/mattn/go-runewidth"
)

// screenTestURL is a qr_url as the service hands it out: 32 hex digits of
// ticket, no long runs that would make the code unusually regular.
const screenTestURL = "https://www.bilibili.tv/h5/en/qrcode/login?ticket=9f3a6c1e52b84d07a1e9c3f6b2d85e40"

// The block glyphs only the QR renderer draws.
const qrGlyphs = "▀▄█"

var (
	eaWidth    = &runewidth.Condition{EastAsianWidth: true}
	narrowCond = &runewidth.Condition{EastAsianWidth: false}
)

// ambiguous reports whether a terminal with East Asian widths draws s two
// cells wide where others draw it one.
func ambiguous(s string) bool {
	for _, r := range s {
		if eaWidth.RuneWidth(r) == 2 && narrowCond.RuneWidth(r) == 1 {
			return true
		}
	}
	return false
}

// screenKeys is the key help the model shows with a QR.
func screenKeys() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "new code")),
		key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "language")),
		key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "invert")),
		key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy link")),
		key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open link")),
		key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// qrScreen is the screen the model builds while a QR waits for a scan.
func qrScreen(q *QR, w, h int, th termTheme, st QRStyle) Screen {
	theme := NewTheme(th.dark)
	return Screen{
		Width: w, Height: h,
		Theme:     &theme,
		Locale:    "en_US",
		State:     state.ShowingCode,
		QR:        q,
		QRStyle:   st,
		Remaining: 3 * time.Minute,
		Keys:      screenKeys(),
	}
}

// paintScreen shows what a w×h terminal with theme th displays for a whole
// rendered screen: colours are downsampled as Bubble Tea does for profile p,
// the bytes go through a terminal emulator (x/vt), and every cell is painted
// from its glyph, colours and reverse attribute. Block glyphs are painted as
// in paintTerminal, spaces as background, any other glyph as "ink": a thin
// stripe of foreground across the cell, as text beside a code looks to a
// camera.
//
// With eastAsian, ambiguous-width glyphs are painted two cells wide and push
// the rest of their row right, as a CJK terminal draws them; what is pushed
// past the last column is dropped here (a terminal would wrap it onto the
// next row: TestScreenEastAsianWidths catches that).
func paintScreen(t *testing.T, screen string, w, h int, p colorprofile.Profile, th termTheme, eastAsian bool) *image.RGBA {
	t.Helper()
	var out bytes.Buffer
	cw := &colorprofile.Writer{Forward: &out, Profile: p}
	if _, err := io.WriteString(cw, screen); err != nil {
		t.Fatal(err)
	}
	em := vt.NewEmulator(w, h)
	// Replies to queries would block the emulator's writer; the screen sends
	// none, but a hang would be a worse failure than a leaked reader.
	go func() { _, _ = io.Copy(io.Discard, em) }()
	if _, err := em.WriteString(strings.ReplaceAll(out.String(), "\n", "\r\n")); err != nil {
		t.Fatal(err)
	}

	// The emulator must hold exactly the rendered lines: nothing wrapped or
	// scrolled away.
	lines := strings.Split(screen, "\n")
	if got := em.CursorPosition(); got.Y != len(lines)-1 {
		t.Fatalf("cursor ended on row %d, want %d (a line wrapped?)", got.Y, len(lines)-1)
	}
	for y, l := range lines {
		var row strings.Builder
		for x := 0; x < w; x++ {
			if c := em.CellAt(x, y); c != nil && c.Width > 0 {
				if c.Content == "" {
					row.WriteByte(' ')
				} else {
					row.WriteString(c.Content)
				}
			}
		}
		if got, want := strings.TrimRight(row.String(), " "), strings.TrimRight(ansi.Strip(l), " "); got != want {
			t.Fatalf("row %d on the terminal is\n%q, want\n%q", y, got, want)
		}
	}

	img := image.NewRGBA(image.Rect(0, 0, w*cellPxW, h*cellPxH))
	draw.Draw(img, img.Bounds(), &image.Uniform{th.bg}, image.Point{}, draw.Src)
	for y := range h {
		col := 0 // where the terminal draws the next cell
		for x := 0; x < w; x++ {
			c := em.CellAt(x, y)
			if c == nil {
				t.Fatalf("no cell at %d,%d", x, y)
			}
			if c.Width == 0 { // the tail of a wide cell
				continue
			}
			cells := c.Width
			if eastAsian && cells == 1 && ambiguous(c.Content) {
				cells = 2
			}
			fg, bg := cellColors(c, th)
			if col+cells > w {
				break
			}
			x0, y0 := col*cellPxW, y*cellPxH
			x1, ym, y1 := x0+cells*cellPxW, y0+cellPxH/2, y0+cellPxH
			col += cells
			if !paintGlyph(img, c.Content, x0, y0, x1, ym, y1, fg, bg) {
				// text: a stroke of ink through the middle
				fillRect(img, x0, y0, x1, y1, bg)
				fillRect(img, x0, ym-1, x1, ym+1, fg)
			}
		}
	}
	return img
}

// compactHeight is how many lines of words the stacked layout puts under
// the code.
func compactHeight(s Screen) int {
	if s.Theme == nil {
		th := NewTheme(s.QRStyle.DarkBG)
		s.Theme = &th
	}
	f := frame{s: &s, t: s.Theme, p: &s.Theme.p, tw: widthFor(s.QRStyle.EastAsian)}
	return len(f.compact(s.Width))
}

// qrFitsSomewhere says whether the smallest rendering of the code
// fits either layout of qrScreen, i.e. whether "needs W×H" would be wrong.
func qrFitsSomewhere(s Screen) bool {
	mw, mh := s.QR.MinSize(s.QRStyle)
	beside := mw <= s.Width-gap-minTextCol && mh <= s.Height
	stacked := mw <= s.Width && mh+compactHeight(s) <= s.Height
	return beside || stacked
}

// checkScreenShape: at most h lines, none wider than w.
func checkScreenShape(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > h {
		t.Fatalf("%d lines on a %d-line screen", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("line %d is %d cells wide on a %d-column screen", i, lw, w)
		}
	}
}

// checkScreenQR is the proof for one rendered screen: either it shows the
// code, which a decoder reads back as the URL from the whole painted
// screen, or it says how large the window must be, and only when the code
// really does not fit.
func checkScreenQR(t *testing.T, s Screen, p colorprofile.Profile, th termTheme) (decoded bool) {
	t.Helper()
	screen := Render(s)
	checkScreenShape(t, screen, s.Width, s.Height)
	plain := ansi.Strip(screen)
	// "too small: needs W×H" in any language (× is x where it would be
	// double width): the size it needs is on the screen
	said := strings.ReplaceAll(strings.Join(strings.Fields(plain), ""), "×", "x")
	if minW, _ := s.QR.MinSize(s.QRStyle); regexp.MustCompile(fmt.Sprintf(`%dx\d`, minW)).MatchString(said) {
		if strings.ContainsAny(plain, qrGlyphs) {
			t.Fatal(`the screen says "needs" and shows block glyphs`)
		}
		if qrFitsSomewhere(s) {
			mw, mh := s.QR.MinSize(s.QRStyle)
			t.Fatalf(`"needs" shown at %dx%d, but a %dx%d code fits`, s.Width, s.Height, mw, mh)
		}
		return false
	}
	if s.QRStyle.EastAsian && strings.ContainsAny(plain, qrGlyphs) {
		t.Fatal("East Asian screen draws the code with ambiguous-width block glyphs")
	}
	if s.QRStyle.EastAsian {
		checkNoAmbiguousLeftOfQR(t, s, screen)
	}
	img := paintScreen(t, screen, s.Width, s.Height, p, th, s.QRStyle.EastAsian)
	if s.QRStyle.Invert {
		// Light modules on dark: a phone reads the negative.
		img = invertImage(img)
	}
	got, err := decodeQRImage(img)
	if err != nil {
		t.Fatalf("whole screen %dx%d does not decode: %v", s.Width, s.Height, err)
	}
	if got != s.QR.Text() {
		t.Fatalf("decoded %d chars, not the URL", len(got))
	}
	return true
}

// checkNoAmbiguousLeftOfQR: on the rows of the code, nothing up to its right
// edge is an ambiguous-width glyph (which a CJK terminal would draw wide,
// shearing the code). The block is found by rendering it as the layout does.
func checkNoAmbiguousLeftOfQR(t *testing.T, s Screen, screen string) {
	t.Helper()
	var blocks []QRBlock
	if b, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle); ok {
		blocks = append(blocks, b)
	}
	if b, ok := s.QR.Fit(s.Width, s.Height-compactHeight(s), s.QRStyle); ok {
		blocks = append(blocks, b)
	}
	lines := strings.Split(screen, "\n")
	for _, b := range blocks {
		bl := strings.Split(b.Text, "\n")
		for top := 0; top+len(bl) <= len(lines); top++ {
			i := strings.Index(lines[top], bl[0])
			if i < 0 {
				continue
			}
			left := ansi.StringWidth(lines[top][:i])
			intact := true
			for j, want := range bl {
				k := strings.Index(lines[top+j], want)
				if k < 0 || ansi.StringWidth(lines[top+j][:k]) != left {
					intact = false
					break
				}
			}
			if !intact {
				continue
			}
			for j := range bl {
				l := lines[top+j]
				upTo := l[:strings.Index(l, bl[j])+len(bl[j])]
				if ambiguous(ansi.Strip(upTo)) {
					t.Fatalf("row %d: an ambiguous-width glyph left of or inside the code", top+j)
				}
			}
			return
		}
	}
	t.Fatal("the code's block is not on the screen intact")
}

// TestScreenDecodes proves the code scans on the whole screen: the QR screen at
// 80×24, 100×30 and 200×60, in every colour profile, on a dark and a light
// terminal, with narrow and East Asian widths, painted as the terminal would
// and decoded back to the URL.
func TestScreenDecodes(t *testing.T) {
	sweep(t)
	t.Parallel()
	q, err := NewQR(screenTestURL)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []struct{ w, h int }{{80, 24}, {100, 30}, {200, 60}}
	profiles := []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.ASCII}
	for _, sz := range sizes {
		for _, p := range profiles {
			for _, th := range []termTheme{darkTheme, lightTheme} {
				for _, ea := range []bool{false, true} {
					for _, inv := range []bool{false, true} {
						if inv && (ea || p == colorprofile.ANSI256) {
							continue // enough inverted cases to prove it; keeps the run short
						}
						name := fmt.Sprintf("%dx%d/%v/%s/ea=%v/inv=%v", sz.w, sz.h, p, th.name, ea, inv)
						t.Run(name, func(t *testing.T) {
							t.Parallel()
							st := QRStyle{Profile: p, DarkBG: th.dark, EastAsian: ea, Invert: inv}
							decoded := checkScreenQR(t, qrScreen(q, sz.w, sz.h, th, st), p, th)
							if !decoded && (!ea || sz.w >= 200) {
								t.Fatalf(`%dx%d says "needs" instead of showing the code`, sz.w, sz.h)
							}
						})
					}
				}
			}
		}
	}
}

// TestScreenNeverClipsQR: from 20×10 up to 200×60, the screen fits the
// window, and it either shows the whole code (it decodes) or says how large
// the window must be — never a clipped code. Sizes that lay the screen out
// alike (beside, stacked or too small, with the same block) are one class:
// each class is decoded at its smallest and its largest size, in a
// language that changes from one sample to the next, so that every class
// and every language is seen without decoding all 693 screens.
func TestScreenNeverClipsQR(t *testing.T) {
	sweep(t)
	t.Parallel()
	q, err := NewQR(screenTestURL)
	if err != nil {
		t.Fatal(err)
	}
	styles := []struct {
		p  colorprofile.Profile
		th termTheme
		ea bool
	}{
		{colorprofile.TrueColor, darkTheme, false},
		{colorprofile.ASCII, lightTheme, false},
		{colorprofile.ANSI, darkTheme, true},
	}
	n := 0 // samples so far, across styles: picks the language
	for _, st := range styles {
		style := QRStyle{Profile: st.p, DarkBG: st.th.dark, EastAsian: st.ea}
		samples := classSamples(q, st.th, style)
		locales := make([]string, len(samples))
		for i := range samples {
			locales[i] = passport.Locales[n%len(passport.Locales)].Code
			n++
		}
		t.Run(fmt.Sprintf("%v/%s/ea=%v", st.p, st.th.name, st.ea), func(t *testing.T) {
			t.Parallel()
			shown := 0
			for i, sz := range samples {
				locale := locales[i]
				t.Run(fmt.Sprintf("%dx%d/%s", sz.w, sz.h, locale), func(t *testing.T) {
					s := qrScreen(q, sz.w, sz.h, st.th, style)
					s.Locale = locale
					if checkScreenQR(t, s, st.p, st.th) {
						shown++
					}
				})
			}
			if shown == 0 {
				t.Fatal("no size showed the code")
			}
		})
	}
	if n < len(passport.Locales) {
		t.Fatalf("only %d samples: not every language was seen", n)
	}
}

type size struct{ w, h int }

// classSamples is the smallest and the largest size of every layout class
// on the 20×10 … 200×60 grid.
func classSamples(q *QR, th termTheme, st QRStyle) []size {
	first, last := map[string]size{}, map[string]size{}
	var order []string
	for w := 20; w <= 200; w += 9 {
		for h := 10; h <= 60; h += 5 {
			c := layoutClass(qrScreen(q, w, h, th, st))
			if _, ok := first[c]; !ok {
				first[c] = size{w, h}
				order = append(order, c)
			}
			last[c] = size{w, h}
		}
	}
	var out []size
	for _, c := range order {
		out = append(out, first[c])
		if last[c] != first[c] {
			out = append(out, last[c])
		}
	}
	return out
}

// layoutClass names how qrScreen lays out s: the code beside the words,
// stacked over them, or not at all, and the block's size (its scale, quiet
// zone and error correction). It asks the same questions qrScreen asks.
func layoutClass(s Screen) string {
	f := frame{s: &s, t: s.Theme, p: &s.Theme.p, tw: widthFor(s.QRStyle.EastAsian)}
	if blk, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle); ok {
		return fmt.Sprintf("beside %dx%d", blk.Width, len(blk.Lines))
	}
	if blk, ok := s.QR.Fit(s.Width, s.Height-len(f.compact(s.Width)), s.QRStyle); ok {
		return fmt.Sprintf("stacked %dx%d", blk.Width, len(blk.Lines))
	}
	return "too small"
}

// TestScreenEastAsianWidths: where the terminal draws ambiguous-width
// glyphs (·, •, …, ×) two cells wide, no line of the screen may become wider
// than the window, or the terminal wraps it onto the next row (whose first
// cells, beside the text column, are the code's quiet zone).
func TestScreenEastAsianWidths(t *testing.T) {
	t.Parallel()
	q, err := NewQR(screenTestURL)
	if err != nil {
		t.Fatal(err)
	}
	for w := 20; w <= 200; w += 9 {
		for h := 10; h <= 60; h += 5 {
			for _, th := range []termTheme{darkTheme, lightTheme} {
				s := qrScreen(q, w, h, th, QRStyle{Profile: colorprofile.TrueColor, DarkBG: th.dark, EastAsian: true})
				for i, l := range strings.Split(Render(s), "\n") {
					p := strings.TrimRight(ansi.Strip(l), " ")
					if ew := eaWidth.StringWidth(p); ew > w {
						t.Errorf("%dx%d %s: line %d is %d cells wide in an East Asian terminal (%d measured narrow): %q",
							w, h, th.name, i, ew, ansi.StringWidth(p), strings.TrimLeft(p, " "))
					}
				}
			}
		}
	}
}

// BenchmarkRenderQRScreen80x24 measures one frame of the QR screen (issue
// 6's budget: ≤ 50 µs, ≤ 100 allocations).
func BenchmarkRenderQRScreen80x24(b *testing.B) {
	q, err := NewQR(screenTestURL)
	if err != nil {
		b.Fatal(err)
	}
	s := qrScreen(q, 80, 24, darkTheme, QRStyle{Profile: colorprofile.TrueColor, DarkBG: true})
	Render(s) // the block is cached per QR, as in the app after the first frame
	b.ReportAllocs()
	for b.Loop() {
		Render(s)
	}
}
