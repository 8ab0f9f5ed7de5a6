package termcaps

import (
	"testing"

	"github.com/biliqr/biliqr/ui"
)

func env(kv ...string) Env {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return Env{Getenv: func(k string) string { return m[k] }}
}

// fontWith is a console answering with a Unicode keyboard and a font
// holding exactly these glyphs.
func fontWith(unicode bool, glyphs ...rune) ConsoleQuery {
	return func() (Console, bool) {
		c := Console{Unicode: unicode, Glyphs: map[rune]bool{}}
		for _, g := range glyphs {
			c.Glyphs[g] = true
		}
		return c, true
	}
}

// The Linux console is read through the injected ioctl answer: Debian's
// Lat15-Fixed16 (█ but no ▀▄) gets large, a font with half blocks gets
// blocks, a console not in Unicode mode gets large (background-coloured
// spaces), and always the console's palette.
func TestDecideConsole(t *testing.T) {
	linux := env("TERM", "linux")
	for _, c := range []struct {
		name    string
		console ConsoleQuery
		want    ui.QRMode
	}{
		{"Lat15-Fixed16: █ only", fontWith(true, '█', 'A'), ui.QRLarge},
		{"Uni3-Terminus: ▀▄█", fontWith(true, '▀', '▄', '█'), ui.QRBlocks},
		{"keyboard not in Unicode mode", fontWith(false, '▀', '▄', '█'), ui.QRLarge},
		{"no console to ask (TERM=linux over SSH)", func() (Console, bool) { return Console{}, false }, ui.QRLarge},
	} {
		for _, plain := range []bool{false, true} {
			d := Decide(ui.QRAuto, plain, linux, c.console)
			if d.Mode != c.want || !d.Console || d.Probe {
				t.Errorf("%s (plain %v): %+v, want mode %v with the console palette and no probe", c.name, plain, d, c.want)
			}
		}
	}
}

func TestDecideProbe(t *testing.T) {
	for _, c := range []struct {
		name        string
		env         Env
		probe, tmux bool
		unsure      bool
	}{
		{"kitty", env("TERM", "xterm-kitty"), true, false, false},
		{"xterm", env("TERM", "xterm-256color"), true, false, false},
		{"Apple Terminal", env("TERM", "xterm-256color", "TERM_PROGRAM", "Apple_Terminal"), false, false, true},
		{"SSH, plain xterm", env("TERM", "xterm-256color", "SSH_CONNECTION", "1 2 3 4"), false, false, true},
		{"SSH from kitty", env("TERM", "xterm-kitty", "SSH_CONNECTION", "1 2 3 4"), true, false, false},
		{"tmux", env("TERM", "tmux-256color", "TMUX", "/tmp/x,1,0"), true, true, false},
		{"dumb", env("TERM", "dumb"), false, false, true},
	} {
		d := Decide(ui.QRAuto, false, c.env, nil)
		if d.Mode != ui.QRBlocks || d.Probe != c.probe || d.Tmux != c.tmux || d.Unsure != c.unsure {
			t.Errorf("%s: %+v, want blocks, probe %v, tmux %v, unsure %v", c.name, d, c.probe, c.tmux, c.unsure)
		}
		if p := Decide(ui.QRAuto, true, c.env, nil); p.Probe {
			t.Errorf("%s: -plain probes: %+v", c.name, p)
		}
	}
	if d := Decide(ui.QRImage, true, env("TERM", "xterm-kitty"), nil); d.Mode != ui.QRBlocks {
		t.Errorf("-plain -qr image: %+v, want blocks (no image in plain text)", d)
	}
	if d := Decide(ui.QRNone, false, env("TERM", "linux"), fontWith(true)); d.Mode != ui.QRNone {
		t.Errorf("-qr none on the console: %+v", d)
	}
}

// Graphics support is not placeholder support: kitty before 0.28,
// Konsole and WezTerm get text; kitty 0.28+ and Ghostty an image.
func TestPlaceholdersFrom(t *testing.T) {
	for v, want := range map[string]bool{
		"kitty(0.35.2)": true, "kitty(0.28.0)": true, "kitty(0.26.5)": false, "kitty(1.0)": true,
		"ghostty 1.1.3": true, "Konsole 24.02.1": false, "WezTerm 20240203-110809-5046fc22": false,
		"tmux 3.4": false, "": false, "kitty(garbage)": false,
	} {
		if got := PlaceholdersFrom(v); got != want {
			t.Errorf("PlaceholdersFrom(%q) = %v, want %v", v, got, want)
		}
	}
}
