package teatest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// A qr_url with a C1 string terminator and a bidi override
// broke the OSC 8 link and printed the ticket on screen. The built binary
// in a real terminal now refuses it as an unexpected reply, says why, asks
// again, and never shows the ticket or a QR code for it.
func TestBinaryInTmuxHostileQRURL(t *testing.T) {
	slowBinaryRun(t)
	srv := passporttest.New(passporttest.Options{PlainHTTP: true,
		QRURLHost: "www.bilibili.tv/h5/\u202eNIGOL\u009c\u009d2;PWNC1\u009c",
		TicketIDs: func(n int) string { return "tSECRET123" + strings.Repeat("x", n) }})
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	s := startTmux(t, 100, 30, binaryShell(t, dir, srv, "-o "+filepath.Join(dir, "cookies.txt")))
	scr := s.waitFor("the reason", func(scr string) bool {
		return strings.Contains(flat(scr), "unexpected reply: QR URL holds a control or invisible character")
	})
	s.waitFor("a second ticket request", func(string) bool { return srv.Count(passporttest.EndpointTicket) >= 2 })
	scr += s.screen()
	for _, bad := range []string{"SECRET", "PWNC1", "NIGOL", "Scan with"} {
		if strings.Contains(scr, bad) {
			t.Fatalf("%q is on screen:\n%s", bad, scr)
		}
	}
	if got := s.display("#{pane_title}"); strings.Contains(got, "PWN") {
		t.Fatalf("the title was set: %q", got)
	}
	s.keys("q")
	if code := waitFile(t, s, filepath.Join(dir, "exit")); code != "130" {
		t.Fatalf("exit status %s, want 130", code)
	}
}
