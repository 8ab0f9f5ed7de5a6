package teatest

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/biliqr/biliqr/ui"
)

// The tests' decoder reads every valid code: these tickets' codes defeat
// gozxing's finder-pattern detector (zbar reads them), and random tickets
// drew such codes now and then (TestStreamModes/plain/expiry and
// TestPNGRewrittenPerTicket failed about one -race run in ten).
func TestDecodeReadsCodesTheDetectorMisses(t *testing.T) {
	t.Parallel()
	for _, tk := range []string{"b5edc7296512466c89989c1e2e46f5f8", "dab60d97e7d36c4cc2377c6628a658e7", "cf13476bee77d5ab713647860bd93e98"} {
		q, err := ui.NewQR(ticketURL(tk))
		if err != nil {
			t.Fatal(err)
		}
		b, err := q.PNG()
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := decodeImage(img); err != nil || got != ticketURL(tk) {
			t.Errorf("ticket %s: %q, %v", tk, got, err)
		}
	}
}
