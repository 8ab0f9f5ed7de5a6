package teatest

import (
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// An http qr_url to the real host is a wrong scheme, and the screen says
// so; it used to say "unexpected host (www.bilibili.tv)". A link wrong in
// both gets both notes.
func TestQRNotesSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		fake       passporttest.Options
		want, dont []string
	}{
		{"http scheme, trusted host", passporttest.Options{QRURLScheme: "http"},
			[]string{"link is http://, not", "https:// — a login link must use https."}, []string{"unexpected host"}},
		{"http scheme, unexpected host", passporttest.Options{QRURLScheme: "http", QRURLHost: "qr.example.net"},
			[]string{"link is http://, not", "https:// — a login link must use https.", "unexpected host (qr.example.net)"}, nil},
		{"https, unexpected host", passporttest.Options{QRURLHost: "qr.example.net"},
			[]string{"unexpected host (qr.example.net)"}, []string{"link is http", "a login link must use https"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := startApp(t, appOpts{w: 100, h: 30, fake: tc.fake})
			scr := a.waitScreen("Scan with the bilibili.tv app") // the notes wrap beside the QR
			for _, w := range tc.want {
				if !strings.Contains(scr, w) {
					t.Errorf("screen lacks %q:\n%s", w, scr)
				}
			}
			for _, d := range tc.dont {
				if strings.Contains(scr, d) {
					t.Errorf("screen says %q:\n%s", d, scr)
				}
			}
			a.key(keyCtrlC)
			a.finish()
		})
	}
}

// passport.New's errors name its Options fields; the user gave flags, so
// the message names the flag.
func TestBinaryURLFlagWording(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home, "HOME=" + home}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-passport-url", "http://passport.example.com"}, "biliqr: -passport-url must be https (http only for loopback hosts)"},
		{[]string{"-api-url", "ftp://127.0.0.1"}, "biliqr: -api-url must be https (http only for loopback hosts)"},
		{[]string{"-api-url", "https://user:pw@api.example.com"}, "biliqr: -api-url must not hold user info"},
		{[]string{"-passport-url", "passport.example.com"}, "biliqr: -passport-url is not an absolute URL"},
	} {
		_, stderr, code := runBinary(t, env, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "PassportURL") || strings.Contains(stderr, "APIURL") {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
