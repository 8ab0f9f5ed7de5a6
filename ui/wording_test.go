package ui

import (
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// A qr_url too long for any QR code is the server's reply that cannot be
// drawn: said as such, with no internal "ui:" prefix.
func TestQRTooLongWording(t *testing.T) {
	_, err := NewQR("https://www.bilibili.tv/h5/en/qrcode/login?ticket=" + strings.Repeat("x", 5000))
	if err == nil {
		t.Fatal("a 5000-byte URL fit a QR code")
	}
	for _, loc := range i18n.Locales() {
		got := Describe(loc, err)
		if strings.Contains(got, "ui:") || !strings.Contains(got, "too long to draw as a QR code") {
			t.Errorf("%s: %q", loc, got)
		}
	}
	if passport.Retryable(err) {
		t.Error("asking again would get the same link: not retryable")
	}
}
