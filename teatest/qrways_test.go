package teatest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport/passporttest"
)

var lightBG color.Color = color.RGBA{0xfa, 0xfa, 0xfa, 0xff}

// ticketURL is the qr_url the fake hands out for ticket id (site "en").
func ticketURL(id string) string {
	return "https://www.bilibili.tv/h5/en/qrcode/login?ticket=" + url.QueryEscape(id)
}

// firstTicketURL waits for the app's first ticket and returns its qr_url.
func (a *app) firstTicketURL() string {
	a.t.Helper()
	tk := a.srv.Tickets()
	if len(tk) == 0 {
		a.t.Fatal("no ticket was issued")
	}
	return ticketURL(tk[0])
}

// raw is every byte the program wrote so far.
func (a *app) raw() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return string(a.fed)
}

// halfBlockQRRows counts the rows whose first mark is a finder pattern's
// edge drawn in upper half blocks ("▀▀▀▀▀▀▀" after the quiet zone's
// spaces): a whole QR at scale 1 has two, from the top-left and
// bottom-left patterns.
func halfBlockQRRows(scr string) int {
	n := 0
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "▀▀▀▀▀▀▀") {
			n++
		}
	}
	return n
}

// paintedQRRows counts the emulated screen's rows that hold a run of at
// least 20 cells painted with a background colour: the rows of a drawn
// code, which sets both colours on every cell, whether in half blocks or
// in whole cells (spaces) at two columns per module. Text sets none.
func (a *app) paintedQRRows() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for y := range a.emu.Height() {
		run := 0
		for x := range a.emu.Width() {
			if c := a.emu.CellAt(x, y); c != nil && c.Style.Bg != nil {
				run++
			} else {
				run = 0
			}
			if run == 20 {
				n++
				break
			}
		}
	}
	return n
}

// fitsWidth fails when an emulated line is wider than w or there are more
// than h lines.
func fitsWidth(t *testing.T, scr string, w, h int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) > h {
		t.Errorf("%d×%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(strings.TrimRight(l, " ")); lw > w {
			t.Errorf("%d×%d: line %d is %d wide: %q", w, h, i, lw, l)
		}
	}
}

// Too small for any QR: the app says how large the window must be, shows
// the link and the other ways; growing the window draws the QR, in the
// side-by-side and the stacked layout, and shrinking it says so again.
func TestTooSmallThenResize(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{w: 40, h: 15})
	scr := a.waitUntil(func(s string) bool {
		f := flat(s)
		return strings.Contains(f, "needs") && strings.Contains(f, "have 40×15") && strings.Contains(f, "press c to copy the link") &&
			strings.Contains(s, "www.bilibili.tv/h5/en/qrcode/login") && strings.Contains(s, "c copy link")
	})
	if strings.ContainsAny(scr, "▀▄█") {
		t.Fatalf("a QR is drawn in a window too small for it:\n%s", scr)
	}
	fitsWidth(t, scr, 40, 15)

	a.resize(80, 24)
	scr = a.waitUntil(func(s string) bool {
		return halfBlockQRRows(s) >= 2 && strings.Contains(s, "Scan with the bilibili.tv app")
	})
	if strings.Contains(flat(scr), "needs") {
		t.Fatalf("still too small at 80×24:\n%s", scr)
	}
	fitsWidth(t, scr, 80, 24)

	// 60×40: too narrow beside, the QR goes above a few lines of words
	a.resize(60, 40)
	scr = a.waitUntil(func(s string) bool {
		return halfBlockQRRows(s) >= 2 && strings.Contains(s, "Scan with the bilibili.tv app") &&
			!strings.Contains(s, "Expires in") // the stacked layout's short status
	})
	lines := strings.Split(scr, "\n")
	lastQR, status := -1, -1
	for i, l := range lines {
		if strings.ContainsAny(l, "▀▄█") {
			lastQR = i
			if strings.Contains(l, "Scan with") {
				t.Fatalf("60×40 is not stacked:\n%s", scr)
			}
		}
		if strings.Contains(l, "Scan with the bilibili.tv app") {
			status = i
		}
	}
	if lastQR < 0 || status < lastQR {
		t.Fatalf("60×40: the status is not below the QR:\n%s", scr)
	}
	fitsWidth(t, scr, 60, 40)

	a.resize(30, 10)
	scr = a.waitUntil(func(s string) bool {
		return strings.Contains(flat(s), "needs") && strings.Contains(flat(s), "have 30×10")
	})
	fitsWidth(t, scr, 30, 10)

	a.key(keyCtrlC)
	if res := a.finish(); res.ExitCode() != 130 {
		t.Fatalf("exit %d", res.ExitCode())
	}
}

// The link is an OSC 8 hyperlink to the whole qr_url, and c puts exactly
// that URL on the clipboard with OSC 52.
func TestOSC8AndCopy(t *testing.T) {
	t.Parallel()
	a := startApp(t, appOpts{})
	a.waitScreen("Scan with the bilibili.tv app", "www.bilibili.tv/h5/en/qrcode/log")
	a.waitDrawn("www.bilibili.tv/h5/en/qrcode/log") // the hyperlink is in the written frame
	u := a.firstTicketURL()
	raw := a.raw()
	var targets []string
	for _, m := range osc8.FindAllString(raw, -1) {
		// ESC ] 8 ; params ; URI (BEL | ESC \)
		body := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(m, "\x1b]8;"), "\x07"), "\x1b\\")
		if _, uri, ok := strings.Cut(body, ";"); ok && uri != "" {
			targets = append(targets, uri)
		}
	}
	found := false
	for _, tg := range targets {
		if tg == u {
			found = true
		} else if strings.Contains(tg, "bilibili") {
			t.Errorf("a hyperlink goes elsewhere (%d chars, not the qr_url)", len(tg))
		}
	}
	if !found {
		t.Fatalf("no OSC 8 hyperlink to the qr_url among %d links", len(targets))
	}

	a.key(keyRune('c'))
	a.waitScreen("Sent the link to the")
	// The words come with the frame, the OSC 52 from tea.SetClipboard's
	// command, which Bubble Tea writes when it gets round to it: wait for it.
	want := base64.StdEncoding.EncodeToString([]byte(u))
	a.waitUntil(func(string) bool {
		raw := a.raw()
		return strings.Contains(raw, "\x1b]52;c;"+want+"\x07") || strings.Contains(raw, "\x1b]52;c;"+want+"\x1b\\")
	})
	a.key(keyCtrlC)
	a.finish()
}

// o opens the qr_url through Config.OpenURL and says so; where there is no
// browser it says that plainly instead.
func TestOpenLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"browser", nil, "Opened the link in your browser."},
		{"none", model.ErrNoBrowser, "No browser here"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var opened []string
			a := startApp(t, appOpts{config: func(c *model.Config) {
				c.OpenURL = func(u string) error {
					mu.Lock()
					defer mu.Unlock()
					opened = append(opened, u)
					return tc.err
				}
			}})
			a.waitScreen("Scan with the bilibili.tv app")
			a.key(keyRune('o'))
			a.waitScreen(tc.want)
			mu.Lock()
			got := append([]string(nil), opened...)
			mu.Unlock()
			if len(got) != 1 || got[0] != a.firstTicketURL() {
				t.Fatalf("OpenURL called %d times (with the qr_url: %v)", len(got), len(got) == 1 && got[0] == a.firstTicketURL())
			}
			a.key(keyCtrlC)
			a.finish()
		})
	}
}

// startAppProfile is startApp with the program pinned to colour profile p,
// the environment env and the terminal background bg (nil: unknown). The
// tickets are fixed: readASCIIQR looks for the finder's edge by its glyphs,
// and a random ticket's modules drew the same run now and then (one -race
// run in six failed on it).
func startAppProfile(t *testing.T, w, h int, p colorprofile.Profile, env []string, bg color.Color) *app {
	t.Helper()
	return startApp(t, appOpts{w: w, h: h, profile: p, env: env, bg: bg, noBackground: bg == nil,
		fake: passporttest.Options{TicketIDs: fixedTickets}})
}

// asciiQR is the top of a no-colour QR as the emulator shows it, cut to the
// top-left finder's columns and the four quiet-zone columns left of it.
type asciiQR struct {
	quietTop string // the quiet zone's first line
	edge     string // the finder pattern's top edge (the line after the quiet zone)
}

// readASCIIQR finds the top-left finder's top edge in scr, drawn either way
// round, and the quiet zone's first line two lines above it (quiet zone 4
// at scale 1, one module per half-row).
func readASCIIQR(scr string) (asciiQR, bool) {
	lines := strings.Split(scr, "\n")
	for i, l := range lines {
		r := []rune(l)
		// the finder's top edge: seven dark modules over dark-light-…-dark
		light := strings.Index(l, "█▀▀▀▀▀█") // dark modules as glyphs
		dark := strings.Index(l, " ▄▄▄▄▄ ")  // light modules as glyphs
		var col int
		switch {
		case light >= 0:
			col = len([]rune(l[:light]))
		case dark >= 0 && i >= 2 && strings.Contains(lines[i-2], "█████████████████████"):
			col = len([]rune(l[:dark]))
		default:
			continue
		}
		if i < 2 || col < 4 {
			return asciiQR{}, false
		}
		// the quiet zone: two lines above, from four columns left of the
		// finder (quiet zone 4 at scale 1) over the finder's width
		top := []rune(lines[i-2])
		if len(top) < col+7 {
			top = append(top, []rune(strings.Repeat(" ", col+7-len(top)))...)
		}
		return asciiQR{quietTop: string(top[col-4 : col+7]), edge: string(r[col-4 : col+7])}, true
	}
	return asciiQR{}, false
}

// Without colours the glyphs are the terminal's foreground: on a light
// background dark modules are drawn as glyphs and the quiet zone is blank;
// on a dark background (also the guess when unknown) the opposite; i flips.
func TestNoColorLightBackground(t *testing.T) {
	t.Parallel()
	const w, h = 100, 40 // room for quiet zone 4 at scale 1 beside the words
	env := []string{"TERM=xterm-256color", "NO_COLOR=1"}
	for _, tc := range []struct {
		name      string
		bg        color.Color
		glyphDark bool
	}{
		{"light", lightBG, true},
		{"dark", darkBG, false},
		{"unknown", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := startAppProfile(t, w, h, colorprofile.ASCII, env, tc.bg)
			check := func(glyphDark bool) {
				t.Helper()
				var q asciiQR
				scr := a.waitUntil(func(s string) bool {
					var ok bool
					q, ok = readASCIIQR(s)
					// the screen settles on the expected polarity
					return ok && strings.Contains(s, "Scan with") && (strings.Trim(q.quietTop, " ") == "") == glyphDark
				})
				a.waitDrawn("Scan with")
				if strings.Contains(a.raw(), "\x1b[38;") || strings.Contains(a.raw(), "\x1b[48;") {
					t.Fatal("colours written under NO_COLOR")
				}
				if glyphDark {
					if q.quietTop != strings.Repeat(" ", 11) || q.edge != "    █▀▀▀▀▀█" {
						t.Fatalf("light background: quiet %q edge %q\n%s", q.quietTop, q.edge, scr)
					}
				} else if q.quietTop != strings.Repeat("█", 11) || q.edge != "████ ▄▄▄▄▄ " {
					t.Fatalf("dark background: quiet %q edge %q\n%s", q.quietTop, q.edge, scr)
				}
			}
			check(tc.glyphDark)
			a.key(keyRune('i'))
			check(!tc.glyphDark)
			a.key(keyRune('i'))
			check(tc.glyphDark)
			a.key(keyCtrlC)
			a.finish()
		})
	}
}

// decodePNG reads the PNG at path and decodes the QR in it; quiet is its
// quiet zone, in modules, on the narrowest side.
func decodePNG(path string) (text string, quiet int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", 0, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "", 0, err
	}
	text, err = decodeImage(img)
	if err != nil {
		return "", 0, err
	}
	return text, pngQuietZone(img), nil
}

// decodeImage decodes the QR code in img.
func decodeImage(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return "", err
	}
	// no TRY_HARDER: a code with a proper quiet zone reads plainly
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		// gozxing's finder-pattern detector misses about one valid code
		// in 250 (random tickets hit it: zbar reads those fine). img is
		// the code and its quiet zone alone, so the pure-barcode reader
		// may read it; it checks the error correction all the same, so a
		// broken code still fails.
		pure, perr := zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
		if perr != nil {
			return "", err
		}
		res = pure
	}
	return res.GetText(), nil
}

// pngQuietZone measures the light margin around the dark modules, in
// modules: the top-left finder's top edge is 7 modules wide.
func pngQuietZone(img image.Image) int {
	r := img.Bounds()
	dark := func(x, y int) bool {
		c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
		return c.Y < 128
	}
	minX, minY, maxX, maxY := r.Max.X, r.Max.Y, -1, -1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if dark(x, y) {
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	if maxX < 0 {
		return 0
	}
	run := 0
	for x := minX; x < r.Max.X && dark(x, minY); x++ {
		run++
	}
	module := run / 7
	if module == 0 || run%7 != 0 {
		return 0
	}
	margin := min(minX-r.Min.X, minY-r.Min.Y, r.Max.X-1-maxX, r.Max.Y-1-maxY)
	return margin / module
}

// -png writes the QR as a PNG (0600) that decodes to the qr_url, and
// rewrites it for every new ticket.
func TestPNGRewrittenPerTicket(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	pngPath := filepath.Join(dir, "qr.png")
	s := startTmux(t, 80, 24, binaryShell(t, dir, srv, "-png "+pngPath+" -o "+filepath.Join(dir, "c.txt")))
	s.waitText("Scan with the bilibili.tv app")

	decodesTo := func(n int) {
		t.Helper()
		quiet := 0
		s.waitFor(fmt.Sprintf("the PNG of ticket %d", n), func(string) bool {
			tk := srv.Tickets()
			if len(tk) < n {
				return false
			}
			got, q, err := decodePNG(pngPath)
			quiet = q
			return err == nil && got == ticketURL(tk[n-1])
		})
		if quiet < 4 {
			t.Fatalf("PNG quiet zone %d modules, want at least 4", quiet)
		}
		fi, err := os.Stat(pngPath)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Fatalf("PNG mode %v, want 0600", fi.Mode().Perm())
		}
	}
	decodesTo(1)
	s.keys("r")
	decodesTo(2)
	srv.Expire()
	decodesTo(3)
	if n := len(srv.Tickets()); n != 3 {
		t.Fatalf("%d tickets", n)
	}
	// only the PNG (and the shell's files) in the directory: no temp files
	// left behind by the atomic writes
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "qr.png") && e.Name() != "qr.png" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	s.keys("q")
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "130" {
		t.Fatalf("exit status %s, want 130", code)
	}
}
