package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/biliqr/biliqr/ui/i18n"
)

// keyHelp are the words shown after a key name in the help column.
var keyHelp = []i18n.Text{
	i18n.TextKeyQuit, i18n.TextKeyRefresh, i18n.TextKeyRetry, i18n.TextKeyLang, i18n.TextKeyInvert, i18n.TextKeyCopy,
	i18n.TextKeyOpen, i18n.TextKeyPick, i18n.TextKeyBack, i18n.TextKeyMove, i18n.TextKeyClose, i18n.TextKeyRelogin,
}

// The text column beside the QR is about 33 cells at 80×24 and never under
// 26. A help entry must fit it whole; 20 cells leave room for a short
// neighbour in its row and let the words users know stand ("sao chép liên
// kết", "log masuk semula") rather than clipped forms. A status line should
// not wrap more than once.
func TestTranslationsFitColumn(t *testing.T) {
	for _, loc := range i18n.Locales() {
		for _, k := range keyHelp {
			if w := lipgloss.Width("r " + i18n.T(loc, k)); w > 20 {
				t.Errorf("%s %q: help entry is %d cells, want ≤ 20", loc, k, w)
			}
		}
		for _, k := range []i18n.Text{i18n.TextScan, i18n.TextScanned} {
			if n := len(narrowWidth.wrap(i18n.T(loc, k), 33)); n > 2 {
				t.Errorf("%s %q: status takes %d lines at 33 cells, want ≤ 2", loc, k, n)
			}
		}
	}
}

// Thai has no spaces between words and the layout wraps only at spaces,
// so every run without a space must fit the text column.
func TestThaiBreaksAtPhrases(t *testing.T) {
	for _, k := range i18n.Keys() {
		for _, run := range strings.Fields(i18n.T("th_TH", k)) {
			if w := lipgloss.Width(run); w > 30 {
				t.Errorf("th_TH %q: %q is %d cells with no space to wrap at", k, run, w)
			}
		}
	}
}
