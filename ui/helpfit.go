package ui

import "charm.land/bubbles/v2/key"

// helpFit is the help bar in at most rows rows of width w: the entries
// named in Screen.KeysDrop give way first, in that order, until it fits.
// The others (q, and the key the screen is about) are never dropped; if
// they alone need more rows, they get them and the caller cuts words
// above instead (withHelp).
func (f *frame) helpFit(w, rows int) []line {
	rows = max(rows, 1)
	hl := f.help(w)
	if len(hl) <= rows || len(f.s.KeysDrop) == 0 {
		return hl
	}
	keys := f.s.Keys
	defer func() { f.s.Keys = keys }()
	kept := append([]key.Binding(nil), keys...)
	for _, drop := range f.s.KeysDrop {
		for i, b := range kept {
			if b.Enabled() && b.Help().Key == drop {
				kept = append(kept[:i:i], kept[i+1:]...)
				break
			}
		}
		f.s.Keys = kept
		if hl = f.help(w); len(hl) <= rows {
			break
		}
	}
	return hl
}

// withHelp puts the help rows under ls within the window's height: where
// both do not fit, the words give way, never the keys.
func (f *frame) withHelp(ls, help []line) []line {
	if over := len(ls) + len(help) - f.s.Height; over > 0 {
		ls = ls[:max(len(ls)-over, 0)]
	}
	return append(ls, help...)
}

// CodeDrawn says whether the screen draws the QR code itself (beside its
// words or above them), not the too-small message: a key that acts on the
// drawn code (i) acts only then.
func CodeDrawn(s Screen) bool {
	if !s.State.ShowsCode() || s.QR == nil || s.Width <= 0 || s.Height <= 0 {
		return false
	}
	if s.Theme == nil {
		t := NewTheme(true)
		s.Theme = &t
	}
	f := frame{s: &s, t: s.Theme, p: &s.Theme.p, tw: widthFor(s.QRStyle.EastAsian)}
	if _, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle); ok {
		return true
	}
	_, ok := s.QR.Fit(s.Width, s.Height-len(f.compact(s.Width)), s.QRStyle)
	return ok
}

// ImagePlan is the image the screen draws placeholders for (the same fit
// as Render's), for the model to send to the terminal; false when the
// screen draws none.
func ImagePlan(s Screen) (ImagePlacement, bool) {
	if s.QRStyle.Mode != QRImage || s.Menu != nil || !s.State.ShowsCode() || s.QR == nil || s.Width <= 0 || s.Height <= 0 {
		return ImagePlacement{}, false
	}
	if s.Theme == nil {
		t := NewTheme(true)
		s.Theme = &t
	}
	f := frame{s: &s, t: s.Theme, p: &s.Theme.p, tw: widthFor(s.QRStyle.EastAsian)}
	blk, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle)
	if !ok {
		blk, ok = s.QR.Fit(s.Width, s.Height-len(f.compact(s.Width)), s.QRStyle)
	}
	if !ok {
		return ImagePlacement{}, false
	}
	return ImagePlacement{QR: s.QR, Cols: blk.Width, Rows: blk.Height, Invert: s.QRStyle.Invert}, true
}
