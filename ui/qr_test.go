package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

func allQRStyles() []QRStyle {
	var out []QRStyle
	for _, p := range append([]colorprofile.Profile{colorprofile.Unknown}, testProfiles...) {
		for _, dark := range []bool{false, true} {
			for _, inv := range []bool{false, true} {
				for _, ea := range []bool{false, true} {
					out = append(out, QRStyle{Profile: p, DarkBG: dark, Invert: inv, EastAsian: ea})
				}
			}
		}
	}
	return out
}

// checkBlock asserts the block's shape: Height lines, each exactly Width
// cells both as Lip Gloss measures them and, in East Asian mode, as a
// terminal with ambiguous-width-wide glyphs would draw them.
func checkBlock(t *testing.T, b QRBlock, st QRStyle) {
	t.Helper()
	lines := strings.Split(b.Text, "\n")
	if len(lines) != b.Height {
		t.Fatalf("%d lines, Height %d", len(lines), b.Height)
	}
	wide := runewidth.Condition{EastAsianWidth: true}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != b.Width {
			t.Fatalf("line %d is %d cells, Width %d", i, w, b.Width)
		}
		if st.EastAsian {
			if w := wide.StringWidth(ansi.Strip(l)); w != b.Width {
				t.Fatalf("line %d is %d cells in an East Asian terminal, Width %d", i, w, b.Width)
			}
		}
		if strings.Contains(l, "\x1b[") && !strings.HasSuffix(l, "\x1b[m") {
			t.Fatalf("line %d does not reset its style at the end", i)
		}
	}
}

func TestQRFitBounds(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, st := range allQRStyles() {
		mw, mh := q.MinSize(st)
		for w := 0; w <= 200; w += 7 {
			for h := 0; h <= 100; h += 3 {
				b, ok := q.Fit(w, h, st)
				if ok != (mw <= w && mh <= h) {
					t.Fatalf("%+v: Fit(%d,%d) = %v, MinSize %dx%d", st, w, h, ok, mw, mh)
				}
				if !ok {
					continue
				}
				if b.Width > w || b.Height > h {
					t.Fatalf("%+v: Fit(%d,%d) gave %dx%d", st, w, h, b.Width, b.Height)
				}
				if b.Quiet < 2 || b.Quiet > 4 {
					t.Fatalf("quiet zone %d", b.Quiet)
				}
				if !checked[b.Text] {
					checkBlock(t, b, st)
					checked[b.Text] = true
				}
			}
		}
		// MinSize itself fits exactly.
		if b, ok := q.Fit(mw, mh, st); !ok || b.Width != mw || b.Height != mh {
			t.Fatalf("%+v: Fit(MinSize %dx%d) = %v %dx%d", st, mw, mh, ok, b.Width, b.Height)
		}
	}
}

func TestQRTooSmall(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	st := QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}
	if b, ok := q.Fit(40, 15, st); ok {
		t.Fatalf("Fit(40,15) gave %s", blockInfo(b))
	}
	// V5 (37 modules) with a 2-module quiet zone in half blocks.
	if w, h := q.MinSize(st); w != 41 || h != 21 {
		t.Fatalf("MinSize %dx%d, want 41x21", w, h)
	}
	st.EastAsian = true // two spaces per module
	if w, h := q.MinSize(st); w != 82 || h != 41 {
		t.Fatalf("East Asian MinSize %dx%d, want 82x41", w, h)
	}
}

// TestQRChoice pins what Fit picks for the budgets the issue names; a change
// here changes what users scan.
func TestQRChoice(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	st := QRStyle{Profile: colorprofile.ANSI256, DarkBG: true}
	for _, c := range []struct {
		w, h int
		want string
	}{
		{45, 23, "45x23 V5-L quiet 4 scale 1"}, // 80×24 with the text beside it
		{44, 23, "43x22 V5-L quiet 3 scale 1"},
		{80, 24, "45x23 V5-L quiet 4 scale 1"},
		{100, 30, "53x27 V7-Q quiet 4 scale 1"},
		{60, 30, "53x27 V7-Q quiet 4 scale 1"},
		{200, 60, "106x53 V7-Q quiet 4 scale 2"},
	} {
		b, ok := q.Fit(c.w, c.h, st)
		if got := blockInfo(b); !ok || got != c.want {
			t.Errorf("Fit(%d,%d) = %v %s, want %s", c.w, c.h, ok, got, c.want)
		}
	}
}

func TestQRCacheAndStyles(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL)
	if err != nil {
		t.Fatal(err)
	}
	if q.Text() != testQRURL {
		t.Fatal("Text() differs from the input")
	}
	for _, st := range allQRStyles() {
		a, ok := q.Fit(100, 60, st)
		b, _ := q.Fit(100, 60, st)
		if !ok {
			t.Fatalf("%+v: nothing fits 100x60", st)
		}
		if a.Text != b.Text || a.Width != b.Width || a.Height != b.Height || len(a.Lines) != a.Height {
			t.Fatalf("%+v: two calls differ", st)
		}
		inv := st
		inv.Invert = !st.Invert
		if c, _ := q.Fit(100, 60, inv); c.Text == a.Text {
			t.Fatalf("%+v: Invert changes nothing", st)
		}
	}
}

// TestQRFitCachedAllocs: View runs on every frame; a cached Fit must not
// allocate. (Not parallel: AllocsPerRun forbids it.)
func TestQRFitCachedAllocs(t *testing.T) {
	q, err := NewQR(testQRURL85)
	if err != nil {
		t.Fatal(err)
	}
	st := QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}
	q.Fit(80, 24, st)
	if n := testing.AllocsPerRun(100, func() { q.Fit(80, 24, st) }); n != 0 {
		t.Fatalf("cached Fit allocates %v times", n)
	}
}

func TestQRColoursExplicit(t *testing.T) {
	t.Parallel()
	q, err := NewQR(testQRURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p          colorprofile.Profile
		dark, lite string
	}{
		{colorprofile.TrueColor, "48;2;0;0;0", "48;2;255;255;255"},
		{colorprofile.ANSI256, "48;5;16", "48;5;231"},
		{colorprofile.ANSI, "40", "107"},
	} {
		b, _ := q.Fit(45, 23, QRStyle{Profile: c.p, DarkBG: true})
		for i, l := range strings.Split(b.Text, "\n") {
			// Every line starts by setting both colours.
			seq, _, _, _ := ansi.DecodeSequence(l, ansi.NormalState, nil)
			if !strings.HasPrefix(seq, "\x1b[") || !strings.Contains(seq, ";") {
				t.Fatalf("%v line %d starts with %q, not fg;bg", c.p, i, seq)
			}
			// A light first cell: the quiet zone is painted, not left to the theme.
			if !strings.Contains(seq, c.lite) {
				t.Fatalf("%v line %d: %q lacks light background %s", c.p, i, seq, c.lite)
			}
		}
		if !strings.Contains(b.Text, c.dark) {
			t.Fatalf("%v: no dark colour", c.p)
		}
	}
	for _, p := range []colorprofile.Profile{colorprofile.ASCII, colorprofile.NoTTY} {
		b, _ := q.Fit(45, 23, QRStyle{Profile: p, DarkBG: true})
		if strings.Contains(b.Text, "\x1b") {
			t.Fatalf("%v: escapes in a colourless rendering", p)
		}
	}
}

func TestNewQRErrors(t *testing.T) {
	t.Parallel()
	if _, err := NewQR(""); err == nil {
		t.Fatal("empty text accepted")
	}
	long := strings.Repeat("x", 3000)
	_, err := NewQR(long)
	if err == nil {
		t.Fatal("3000 bytes accepted")
	}
	if strings.Contains(err.Error(), "xxx") {
		t.Fatal("error repeats the text")
	}
}

func TestEastAsianWidthFrom(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, false},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, false},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, false},
		{map[string]string{"LANG": "zh_TW.Big5"}, false},
		{map[string]string{"LANG": "ja_JP.UTF-8@cjk_narrow"}, false},
		{map[string]string{"LANG": "C"}, false},
		{map[string]string{"LANG": "C.UTF-8"}, false},
		{map[string]string{"LANG": "ja_JP.UTF-8", "LC_ALL": "en_US.UTF-8"}, false},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_CTYPE": "zh_CN.UTF-8"}, false},
		// a CJK locale is no guess of width: only the variable says wide
		{map[string]string{"LANG": "zh_CN.UTF-8", "RUNEWIDTH_EASTASIAN": "1"}, true},
		{map[string]string{"LANG": "ja_JP.UTF-8", "RUNEWIDTH_EASTASIAN": "0"}, false},
		{map[string]string{"LANG": "en_US.UTF-8", "RUNEWIDTH_EASTASIAN": "1"}, true},
	} {
		if got := EastAsianWidthFrom(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %v, want %v", c.env, got, c.want)
		}
	}
}

func BenchmarkNewQR(b *testing.B) {
	for b.Loop() {
		if _, err := NewQR(testQRURL85); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitCached(b *testing.B) {
	q, _ := NewQR(testQRURL85)
	st := QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}
	q.Fit(45, 23, st)
	b.ReportAllocs()
	for b.Loop() {
		q.Fit(45, 23, st)
	}
}

func BenchmarkFitUncached(b *testing.B) {
	q, _ := NewQR(testQRURL85)
	st := QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}
	b.ReportAllocs()
	for b.Loop() {
		q.mu.Lock()
		clear(q.cache) // keep the module matrices: only the rendering is measured
		q.mu.Unlock()
		q.Fit(45, 23, st)
	}
}
