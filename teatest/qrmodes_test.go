package teatest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/ui"
)

// On a Linux console whose font has █ but no ▀▄ (Debian's Lat15-Fixed16,
// played through the test build's BILIQR_TEST_CONSOLE), auto draws the
// large code in the console's own colours (40/47) with no half block;
// where it cannot fit, it says the size and the console's ways out.
func TestBinaryConsoleLarge(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	env := "TERM=linux BILIQR_TEST_CONSOLE=unicode:2588,41 "
	s := startTmux(t, 100, 50, env+binaryShell(t, dir, srv, ""))
	scr := s.waitText("Scan with the bilibili.tv app", "f larger/other code")
	if strings.ContainsAny(scr, "▀▄█") {
		t.Fatalf("half blocks on a console font without them:\n%s", scr)
	}
	colours := s.run("capture-pane", "-e", "-p", "-t", "main")
	if !strings.Contains(colours, "47m") || strings.Contains(colours, "107m") {
		t.Fatalf("the light modules are not the console's grey (47):\n%.400q", colours)
	}
	s.run("resize-window", "-t", "main", "-x", "80", "-y", "25")
	s.waitText("Window too small for the QR code: needs ", "setfont")

	// -plain on the same console: '#', no glyph the font lacks
	out := plainCode(t, srv, []string{"TERM=linux", "BILIQR_TEST_CONSOLE=unicode:2588"}, "-locale", "en_US")
	if strings.ContainsAny(out, "▀▄█") || !strings.Contains(out, "##") {
		t.Fatalf("-plain on the console:\n%s", out)
	}
}

// kittyTerm is a terminal for the binary in a PTY: an emulator answers
// its queries (the cursor position, DA1), and the graphics probe is
// answered as a kitty of the given version would ("" answers nothing).
type kittyTerm struct {
	t    *testing.T
	f    *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex // guards emu and out: the reader writes, the test reads
	emu  *vt.Emulator
	out  bytes.Buffer // everything the binary wrote
	done chan struct{}
}

func startKitty(t *testing.T, version string, args []string, env ...string) *kittyTerm {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	k := &kittyTerm{t: t, f: f, cmd: cmd, emu: vt.NewEmulator(80, 24), done: make(chan struct{})}
	go io.Copy(f, k.emu) //nolint:errcheck
	go k.read(version)
	t.Cleanup(func() {
		cmd.Process.Kill() //nolint:errcheck
		cmd.Wait()         //nolint:errcheck
		f.Close()
		<-k.done
	})
	return k
}

var (
	graphicsQuery = regexp.MustCompile(`\x1b_Gi=255,[^\x1b]*a=q[^\x1b]*\x1b\\`)
	xtversion     = "\x1b[>0q"
)

// read feeds the emulator and answers the probe before the emulator
// answers the DA1 behind it, as a terminal answers in order.
func (k *kittyTerm) read(version string) {
	defer close(k.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := k.f.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			k.mu.Lock()
			k.out.Write(chunk)
			k.mu.Unlock()
			if version != "" && graphicsQuery.Match(chunk) {
				// the replies, DA1's last, in one write: every key the
				// test types later comes after them
				fmt.Fprintf(k.f, "\x1b_Gi=255;OK\x1b\\\x1bP>|%s\x1b\\\x1b[?62;22c", version)
				chunk = bytes.ReplaceAll(chunk, []byte("\x1b[c"), nil)
			}
			chunk = graphicsQuery.ReplaceAll(chunk, nil)
			chunk = bytes.ReplaceAll(chunk, []byte(xtversion), nil)
			k.mu.Lock()
			k.emu.Write(bytes.ReplaceAll(chunk, []byte("\x1b[?1049l"), nil)) //nolint:errcheck
			k.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// screen is the emulated screen now.
func (k *kittyTerm) screen() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.emu.String()
}

func (k *kittyTerm) written() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.out.String()
}

// waitFor polls what the binary wrote (a PTY cannot say when it has
// drawn; the deadline only bounds a failure).
func (k *kittyTerm) waitFor(what string, cond func(out string) bool) string {
	k.t.Helper()
	deadline := time.Now().Add(patience)
	for {
		out := k.written()
		if cond(out) {
			return out
		}
		if time.Now().After(deadline) {
			k.t.Fatalf("waiting for %s; the screen:\n%s", what, k.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var kittyAPC = regexp.MustCompile(`\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\`)

// transmitted is the PNG of the first complete image transmission (a=T
// and the chunks after it, to m=0); nil while there is none.
func transmitted(out string) []byte {
	var data strings.Builder
	started := false
	for _, m := range kittyAPC.FindAllStringSubmatch(out, -1) {
		opts := "," + m[1] + ","
		if strings.Contains(opts, ",a=T,") {
			started = true
			data.Reset()
		}
		if !started {
			continue
		}
		data.WriteString(m[2])
		if strings.Contains(opts, ",m=0,") {
			b, err := base64.StdEncoding.DecodeString(data.String())
			if err != nil {
				return nil
			}
			return b
		}
	}
	return nil
}

// A terminal that answers as kitty 0.35 does gets the code as an image:
// Unicode placeholders on screen, and the transmitted image decodes to
// the exact link. q deletes it from the terminal.
func TestBinaryKittyImage(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	k := startKitty(t, "kitty(0.35.2)", []string{"-locale", "en_US", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
		"-o", filepath.Join(dir, "cookies.txt")}, "TERM=xterm-kitty", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	out := k.waitFor("an image", func(out string) bool { return transmitted(out) != nil })
	img, err := png.Decode(bytes.NewReader(transmitted(out)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeImage(img)
	if tk := srv.Tickets(); err != nil || len(tk) == 0 || got != ticketURL(tk[0]) {
		t.Fatalf("the image decodes to %q (%v), want the ticket's link", got, err)
	}
	k.waitFor("placeholders", func(string) bool { return strings.ContainsRune(k.screen(), '\U0010EEEE') })
	k.f.Write([]byte("q")) //nolint:errcheck
	k.waitFor("the image deleted", func(out string) bool { return strings.Contains(out, "a=d,d=I,i=1,") })
}

// Terminals that take graphics without drawing placeholders (kitty
// 0.26, Konsole) keep the code in text: no image is sent.
func TestBinaryKittyWithoutPlaceholders(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"kitty(0.26.5)", "Konsole 24.02.1"} {
		srv := passporttest.New(passporttest.Options{PlainHTTP: true})
		t.Cleanup(srv.Close)
		dir := t.TempDir()
		k := startKitty(t, version, []string{"-locale", "en_US", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
			"-o", filepath.Join(dir, "cookies.txt")}, "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir)
		k.waitFor("the code in half blocks", func(string) bool { return qrOnScreen(k.screen()) })
		// the probe is over once DA1 is answered; f then shows no image
		// among the renderings
		k.f.Write([]byte("f")) //nolint:errcheck
		k.waitFor("f", func(string) bool { return strings.Contains(k.screen(), "Code drawn as: ASCII") })
		if strings.Contains(k.written(), "a=T") {
			t.Fatalf("%s: an image was sent", version)
		}
	}
}

// plainCode runs the binary in -plain until it has printed its first
// code (the block ends with the line on when it expires), then stops it.
func plainCode(t *testing.T, srv *passporttest.Server, env []string, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), append([]string{"-plain", "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL(),
		"-o", filepath.Join(dir, "c.txt")}, args...)...)
	cmd.Env = append(append(os.Environ(), "XDG_CONFIG_HOME="+dir), env...)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }() //nolint:errcheck
	var out strings.Builder
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "The code expires in") || strings.Contains(sc.Text(), "后过期（") {
			return out.String()
		}
	}
	t.Fatalf("no code printed:\n%s", out.String())
	return ""
}

// -qr none prints the whole link on standard output, ticket and all, and
// no code; the full screen shows the whole link in the code's place.
func TestBinaryQRNone(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	out := plainCode(t, srv, nil, "-qr", "none", "-locale", "en_US")
	tk := srv.Tickets()
	if len(tk) == 0 || !strings.Contains(out, "\n"+ticketURL(tk[0])+"\n") {
		t.Fatalf("-qr none: no whole link on a line of its own:\n%s", out)
	}
	if strings.ContainsAny(out, "▀▄█#") {
		t.Fatalf("-qr none drew a code:\n%s", out)
	}
	// a screen reader hears what to do with the link, not of a code it
	// cannot find
	if strings.Contains(out, "Scan this QR code") || !strings.Contains(out, "Open this link on your phone") {
		t.Fatalf("-qr none speaks of a code to scan, or not of the link:\n%s", out)
	}
}

// c inside tmux puts the link in tmux's buffer, and says so.
func TestBinaryCopyInTmux(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	s := startTmux(t, 120, 40, binaryShell(t, dir, srv, "-qr blocks"))
	s.waitText("Expires in")
	s.keys("c")
	s.waitText("Copied to tmux's buffer")
	tk := srv.Tickets()
	if got := s.run("show-buffer"); len(tk) == 0 || got != ticketURL(tk[0]) {
		t.Fatalf("tmux's buffer holds %q, want the link", got)
	}
}

// Every rendering works in the full screen at 80×24 and 120×40, in
// English and Chinese: a code is drawn, or (large and ascii need up to 82×43)
// the size it needs and the other ways are said; none shows the link.
func TestRenderingsFullScreen(t *testing.T) {
	t.Parallel()
	type want struct{ en, zh []string }
	drawn := want{[]string{"Expires in"}, []string{"后过期"}}
	// large and ascii need two cells a module: 82×43 for most tickets
	// (version 5), less for one that encodes smaller (74×39 for version
	// 3), which may then fit 120×40. The fake's tickets are random, so
	// either outcome is right: the size it needs said, or the code drawn.
	tooSmall := want{[]string{"Window too small for the QR code: needs|Expires in"}, []string{"放不下二维码：需要|后过期"}}
	cases := map[ui.QRMode]map[int]want{
		ui.QRBlocks: {80: drawn, 120: drawn},
		ui.QRLarge:  {80: tooSmall, 120: tooSmall},
		ui.QRASCII:  {80: tooSmall, 120: tooSmall},
		ui.QRImage:  {80: drawn, 120: drawn},
		ui.QRNone:   {80: {[]string{"qrcode/login?ticket="}, []string{"qrcode/login?ticket="}}, 120: drawn},
	}
	for mode, sizes := range cases {
		for w, wt := range sizes {
			h := map[int]int{80: 24, 120: 40}[w]
			for _, loc := range []string{"en_US", "zh_ZH"} {
				t.Run(fmt.Sprintf("%v/%dx%d/%s", mode, w, h, loc), func(t *testing.T) {
					t.Parallel()
					a := startApp(t, appOpts{w: w, h: h, config: func(c *model.Config) {
						c.Locale, c.QRAsked, c.QRMode = loc, mode, mode
					}})
					parts := wt.en
					if loc == "zh_ZH" {
						parts = wt.zh
					}
					scr := a.waitUntil(func(scr string) bool {
						for _, p := range parts {
							any := false
							for _, alt := range strings.Split(p, "|") {
								any = any || strings.Contains(scr, alt)
							}
							if !any {
								return false
							}
						}
						return true
					})
					fitsWidth(t, scr, w, h)
					switch mode {
					case ui.QRImage:
						if !strings.ContainsRune(scr, '\U0010EEEE') {
							t.Fatalf("no placeholders:\n%s", scr)
						}
					case ui.QRNone:
						if strings.ContainsAny(qrPart(scr), "▀▄█") {
							t.Fatalf("-qr none drew a code:\n%s", scr)
						}
					case ui.QRBlocks:
						// at 120×40 a ticket that encodes to version 4 is
						// drawn in whole cells: half blocks only at 80×24
						if w == 80 && !strings.ContainsAny(scr, "▀▄") {
							t.Fatalf("no half blocks:\n%s", scr)
						}
					default: // large and ascii: drawn or too small, as waited for
					}
				})
			}
		}
	}
}

// Every rendering in -plain, in English and Chinese: blocks and image
// (plain text has no images) draw half blocks, large █, ascii '#' only,
// none the whole link alone.
func TestRenderingsPlain(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	for _, mode := range []string{"blocks", "large", "ascii", "image", "none"} {
		for _, loc := range []string{"en_US", "zh_ZH"} {
			out := plainCode(t, srv, nil, "-qr", mode, "-locale", loc)
			has := func(s string) bool { return strings.ContainsAny(out, s) }
			ok := map[string]bool{
				"blocks": has("▀▄"),
				"image":  has("▀▄"),
				"large":  has("█") && !has("▀▄"),
				"ascii":  has("#") && !has("▀▄█"),
				"none":   !has("▀▄█#") && strings.Contains(out, "qrcode/login?ticket="),
			}[mode]
			if !ok {
				t.Errorf("-plain -qr %s -locale %s:\n%s", mode, loc, out)
			}
		}
	}
}
