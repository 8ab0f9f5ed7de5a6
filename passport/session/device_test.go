package session

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/biliqr/biliqr/passport"
)

// loader records what AdoptDevice hands on.
type loader struct{ got []passport.Cookie }

func (l *loader) LoadCookies(cs []passport.Cookie) { l.got = append(l.got, cs...) }

// Only the buvid3 of the file is taken, from every format, a browser's
// shared cookies.txt included; a file without one, or none at all, gives
// nothing.
func TestAdoptDevice(t *testing.T) {
	dir := t.TempDir()
	s := passport.Session{Account: passport.Account{Mid: 42}, Cookies: []passport.Cookie{
		{Name: "SESSDATA", Value: "s", Domain: "bilibili.tv", Path: "/"},
		{Name: passport.DeviceCookie, Value: "dev", Domain: "bilibili.tv", Path: "/"},
	}}
	for _, f := range []Format{Netscape, Header, JSON} {
		p := filepath.Join(dir, string(f))
		if err := WriteFile(p, s, f); err != nil {
			t.Fatal(err)
		}
		var l loader
		AdoptDevice(&l, p)
		if len(l.got) != 1 || l.got[0].Name != passport.DeviceCookie || l.got[0].Value != "dev" {
			t.Errorf("%s: adopted %v", f, l.got)
		}
	}
	shared := filepath.Join(dir, "shared.txt")
	if err := os.WriteFile(shared, []byte("# Netscape HTTP Cookie File\n"+
		".example.com\tTRUE\t/\tFALSE\t0\tbuvid3\tother-site\n"+
		".bilibili.tv\tTRUE\t/\tFALSE\t0\tbuvid3\tbrowser\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var l loader
	AdoptDevice(&l, shared)
	var values []string
	for _, ck := range l.got {
		values = append(values, ck.Domain+"="+ck.Value)
	}
	// Both are handed on; the client's LoadCookies keeps only trusted
	// domains, so the other site's never reaches bilibili.tv.
	if len(l.got) != 2 {
		t.Errorf("shared jar: adopted %v", values)
	}
	for _, p := range []string{filepath.Join(dir, "missing"), dir} {
		var l loader
		AdoptDevice(&l, p)
		if len(l.got) != 0 {
			t.Errorf("%s: adopted %v", p, l.got)
		}
	}
	noDevice := filepath.Join(dir, "nodevice.txt")
	if err := WriteFile(noDevice, passport.Session{Cookies: s.Cookies[:1]}, Netscape); err != nil {
		t.Fatal(err)
	}
	l = loader{}
	if AdoptDevice(&l, noDevice); len(l.got) != 0 {
		t.Errorf("adopted %v from a file without buvid3", l.got)
	}
}
