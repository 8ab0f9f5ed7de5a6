package ui

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text string
		w    int
		want []string
	}{
		{"Open the app on your phone and use its scanner.", 30, []string{"Open the app on your phone and", "use its scanner."}},
		// CJK breaks between characters instead of leaving a half-empty line
		{"打开手机上的 App，用「扫一扫」扫描二维码。", 30, []string{"打开手机上的 App，用「扫一扫」", "扫描二维码。"}},
		// Thai wraps at the spaces between phrases
		{"เปิดแอปบนโทรศัพท์ แล้วใช้เครื่องสแกน", 20, []string{"เปิดแอปบนโทรศัพท์", "แล้วใช้เครื่องสแกน"}},
		// a word longer than the line is cut where it must be
		{"supercalifragilistic", 8, []string{"supercal", "ifragili", "stic"}},
		{"", 10, []string{""}},
	} {
		var got []string
		for _, l := range narrowWidth.wrap(tc.text, tc.w) {
			if l.w > tc.w || l.w != narrowWidth.of(l.s) {
				t.Errorf("%q: line %q measured %d, limit %d", tc.text, l.s, l.w, tc.w)
			}
			got = append(got, l.s)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.text, tc.w, got, tc.want)
		}
	}
}

func TestTruncateEastAsian(t *testing.T) {
	s, w := wideWidth.truncate(wideWidth.plain("biliqr · bilibili.tv login"), 12)
	if w > 12 || wideWidth.of(s) != w || !strings.HasSuffix(s, "...") {
		t.Fatalf("truncate = %q (%d)", s, w)
	}
}
