package stream

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
)

// An insecure link on the service's own host is said for what it is (the
// scheme, the user info) in -plain and in -json's "untrusted"; only a
// foreign host is called one.
func TestUntrustedLinkSaysWhy(t *testing.T) {
	q := testQR(t)
	for _, tc := range []struct {
		name       string
		ticket     passport.Ticket
		say, never []string
		untrusted  string
	}{
		{"http on the service's host", passport.Ticket{Host: "www.bilibili.tv", InsecureScheme: "http", HostTrusted: true},
			[]string{"link is http://, not https://"}, []string{"unexpected host"}, `"untrusted":["scheme"]`},
		{"user info on the service's host", passport.Ticket{Host: "u@www.bilibili.tv", UserInfo: true, HostTrusted: true},
			[]string{"carries a user name"}, []string{"unexpected host", "not https"}, `"untrusted":["user_info"]`},
		{"a foreign host", passport.Ticket{Host: "evil.example"},
			[]string{"unexpected host (evil.example)"}, []string{"not https", "user name"}, `"untrusted":["host"]`},
		{"trusted", passport.Ticket{Host: "www.bilibili.tv", Trusted: true, HostTrusted: true},
			nil, []string{"unexpected host", "not https", "user name"}, `"trusted":true}`},
	} {
		var human, js bytes.Buffer
		v := New(Options{Human: &human, JSON: &js})
		v.Event(model.Event{Kind: model.EventCode, Locale: "en_US", QR: q, Ticket: tc.ticket, ExpiresIn: 180 * time.Second})
		for _, s := range tc.say {
			if !strings.Contains(human.String(), s) {
				t.Errorf("%s: plain lacks %q:\n%s", tc.name, s, human.String())
			}
		}
		for _, s := range tc.never {
			if strings.Contains(human.String(), s) {
				t.Errorf("%s: plain says %q:\n%s", tc.name, s, human.String())
			}
		}
		if !strings.Contains(js.String(), tc.untrusted) {
			t.Errorf("%s: JSON %s lacks %s", tc.name, js.String(), tc.untrusted)
		}
	}
}
