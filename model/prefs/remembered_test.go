package prefs

import (
	"path/filepath"
	"testing"
)

// The language and the rendering are remembered together: saving one
// keeps the other, and -qr auto forgets the rendering.
func TestLanguageAndRenderingTogether(t *testing.T) {
	path := filepath.Join(t.TempDir(), "biliqr", "config.json")
	if err := update(path, func(p *Prefs) { p.Locale = "th_TH" }); err != nil {
		t.Fatal(err)
	}
	if err := update(path, func(p *Prefs) { p.QR = "large" }); err != nil {
		t.Fatal(err)
	}
	if err := update(path, func(p *Prefs) { p.Locale = "zh_ZH" }); err != nil {
		t.Fatal(err)
	}
	if p, err := Load(path); err != nil || p.Locale != "zh_ZH" || p.QR != "large" {
		t.Fatalf("Load = %+v, %v; want zh_ZH and large", p, err)
	}
}
