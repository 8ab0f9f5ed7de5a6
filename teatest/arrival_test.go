package teatest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/passport/passporttest"
)

// The readings of a service met as the site's own page meets it
// (PROTOCOL.md): each run through the built binary, in plain mode, against
// the fake, with what it shows, writes and exits with.

// savedJSON is a session file in the json format, as the binary wrote it.
type savedJSON struct {
	Mid      int64 `json:"mid"`
	Verified *bool `json:"verified"`
	Cookies  []struct {
		Name, Value, Domain, Expires string
		HTTPOnly                     bool `json:"http_only"`
	} `json:"cookies"`
}

func (f savedJSON) cookie(name string) (value, expires string, ok bool) {
	for _, c := range f.Cookies {
		if c.Name == name {
			return c.Value, c.Expires, true
		}
	}
	return "", "", false
}

func readSavedJSON(t *testing.T, path string) savedJSON {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f savedJSON
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	return f
}

// arrivalFake scans and confirms by itself, as autoFake, with o on top.
func arrivalFake(t *testing.T, o passporttest.Options) *passporttest.Server {
	o.PlainHTTP, o.Name, o.Mid = true, "Mika", 42
	o.AutoScanAfterPolls, o.AutoConfirmAfterPolls = 1, 1
	srv := passporttest.New(o)
	t.Cleanup(srv.Close)
	return srv
}

// loginPlain runs a whole login in plain mode into dir/session.json and
// returns its stdout once it exited with want.
func loginPlain(t *testing.T, srv *passporttest.Server, out string, want int, extra ...string) string {
	t.Helper()
	p := startNoTTY(t, streamEnv(t), append(append(serverFlags(srv), "-o", out, "-format", "json"), extra...)...)
	p.wantExit(t, want)
	stdout := p.out.String()
	noSecrets(t, srv, "stdout", stdout)
	noSecrets(t, srv, "stderr", p.errOut.String())
	return stdout
}

const verifiedLine = "Logged in to bilibili.tv as Mika (mid 42); session saved to "

// sentDevices lists the buvid3 of every request the fake saw ("" for none).
func sentDevices(srv *passporttest.Server) []string {
	var out []string
	for _, r := range srv.Requests() {
		v := ""
		for _, c := range r.Cookies {
			if c.Name == passport.DeviceCookie {
				v = c.Value
			}
		}
		out = append(out, v)
	}
	return out
}

func TestBinaryArrivesAsTheSite(t *testing.T) {
	slowBinaryRun(t)
	t.Run("buvid3-requiring gateway", func(t *testing.T) {
		t.Parallel()
		// A gateway that answers 10023006 without a well-formed buvid3:
		// with the one the binary makes, the login verifies; the same one
		// went with every request from the first ticket request on, is
		// saved, and a -check and a later login from that file reuse it.
		srv := arrivalFake(t, passporttest.Options{RequireDevice: true})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 0)
		if !strings.Contains(stdout, verifiedLine+out+" (json); the session ends on ") {
			t.Fatalf("not verified:\n%s", stdout)
		}
		f := readSavedJSON(t, out)
		dev, expires, ok := f.cookie(passport.DeviceCookie)
		if !ok || !passport.WellFormedDevice(dev) || f.Verified == nil || !*f.Verified {
			t.Fatalf("saved buvid3 in the site's format %v (present %v), verified %v", passport.WellFormedDevice(dev), ok, f.Verified != nil && *f.Verified)
		}
		if e, err := time.Parse(time.RFC3339, expires); err != nil || time.Until(e) < 364*24*time.Hour || time.Until(e) > 366*24*time.Hour {
			t.Errorf("buvid3 expires %q, want in 365 days", expires)
		}
		sent := sentDevices(srv)
		if srv.Requests()[0].Path != passporttest.EndpointTicket {
			t.Fatalf("first request %s", srv.Requests()[0].Path)
		}
		for i, v := range sent {
			if v != dev {
				t.Fatalf("request %d (%s) carried another buvid3 than the one saved, or none (%v)", i, srv.Requests()[i].Path, v == "")
			}
		}
		n := len(sent)
		stdout2, _, code := runBinary(t, streamEnv(t), append([]string{"-check", "-o", out}, serverFlags(srv)...)...)
		if code != 0 || !strings.Contains(stdout2, "logged in as Mika (mid 42)") {
			t.Fatalf("-check: exit %d\n%s", code, stdout2)
		}
		loginPlain(t, srv, out, 0, "-force")
		for i, v := range sentDevices(srv)[n:] {
			if v != dev {
				t.Fatalf("after the file: request %d carried another buvid3 than the saved one, or none (%v)", n+i, v == "")
			}
		}
		if again, _, _ := readSavedJSON(t, out).cookie(passport.DeviceCookie); again != dev {
			t.Fatalf("the new login saved another buvid3 (present %v)", again != "")
		}
	})
	t.Run("qr_url on www.biliintl.com", func(t *testing.T) {
		t.Parallel()
		srv := arrivalFake(t, passporttest.Options{QRURLHost: "www.biliintl.com"})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 0)
		inOrder(t, stdout, "\n\nwww.biliintl.com/h5/en/qrcode/login?…\n", verifiedLine+out+" (json); the session ends on ")
		if strings.Contains(stdout, "unexpected host") {
			t.Fatalf("the site's mirror is warned about:\n%s", stdout)
		}
	})
	t.Run("go_url cookie pairs in dorothy's order", func(t *testing.T) {
		t.Parallel()
		srv := arrivalFake(t, passporttest.Options{CookiesVia: passporttest.ViaGoURL, GoURL: passporttest.GoURLCookiePairsDorothy})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 0)
		if !strings.Contains(stdout, verifiedLine+out+" (json); the session ends on ") {
			t.Fatalf("not verified:\n%s", stdout)
		}
		if n := srv.Count(passporttest.EndpointGo); n != 0 {
			t.Errorf("go_url requested %d times; its pairs are the session", n)
		}
		f := readSavedJSON(t, out)
		for _, name := range []string{"SESSDATA", "bili_jct", "DedeUserID", "DedeUserID__ckMd5"} {
			_, expires, ok := f.cookie(name)
			e, err := time.Parse(time.RFC3339, expires)
			if !ok || err != nil || time.Until(e) < 179*24*time.Hour {
				t.Errorf("%s saved %v, expires %q: want the go_url's Expires (180 days)", name, ok, expires)
			}
		}
		for _, name := range []string{"gourl", "Expires"} {
			if _, _, ok := f.cookie(name); ok {
				t.Errorf("%s saved as a cookie", name)
			}
		}
	})
	t.Run("poll sets joy_jct, mid, buvid4", func(t *testing.T) {
		t.Parallel()
		srv := arrivalFake(t, passporttest.Options{SiteCookies: true})
		out := filepath.Join(t.TempDir(), "session.json")
		loginPlain(t, srv, out, 0)
		f := readSavedJSON(t, out)
		jct, _, _ := f.cookie("bili_jct")
		for name, want := range map[string]string{"joy_jct": jct, "mid": "42", "buvid4": ""} {
			v, _, ok := f.cookie(name)
			if !ok || v == "" || (want != "" && v != want) {
				t.Errorf("%s saved %v, with the value wanted %v", name, ok, want == "" || v == want)
			}
		}
		// Saved in the cookie formats too.
		txt := filepath.Join(t.TempDir(), "cookies.txt")
		p := startNoTTY(t, streamEnv(t), append(serverFlags(srv), "-o", txt, "-force")...)
		p.wantExit(t, 0)
		b, _ := os.ReadFile(txt)
		for _, name := range []string{"\tjoy_jct\t", "\tmid\t42\n", "\tbuvid4\t", "\tbuvid3\t"} {
			if !strings.Contains(string(b), name) {
				t.Errorf("cookies.txt lacks %q:\n%s", name, b)
			}
		}
	})
	t.Run("cookie_info body", func(t *testing.T) {
		t.Parallel()
		// The platform=tv shape: no Set-Cookie, the session in the body.
		// Today's binary keeps and verifies it; the tokens beside it are
		// secrets and go nowhere.
		srv := arrivalFake(t, passporttest.Options{ConfirmData: passporttest.ConfirmDataCookieInfo})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 0)
		if !strings.Contains(stdout, verifiedLine+out+" (json); the session ends on ") {
			t.Fatalf("not verified:\n%s", stdout)
		}
		b, _ := os.ReadFile(out)
		f := readSavedJSON(t, out)
		var values []string
		for _, c := range f.Cookies {
			values = append(values, c.Value)
			if c.Domain == "evil.example" {
				t.Errorf("a cookie for an untrusted domain was saved")
			}
		}
		for _, s := range srv.Secrets() {
			if strings.Contains(string(b), s) && !strings.Contains(strings.Join(values, "\n"), s) {
				t.Errorf("the file holds a secret that is no cookie (a token)")
			}
		}
		if _, _, ok := f.cookie("SESSDATA"); !ok {
			t.Error("SESSDATA from cookie_info not saved")
		}
	})
	t.Run("member/web/account settles an inconclusive v2/user", func(t *testing.T) {
		t.Parallel()
		srv := arrivalFake(t, passporttest.Options{UserCode: passport.CodePremiumNeeded, Account: passporttest.AccountSettles})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 0)
		if !strings.Contains(stdout, verifiedLine+out+" (json); the session ends on ") || strings.Contains(stdout, "unverified") {
			t.Fatalf("not verified:\n%s", stdout)
		}
		if f := readSavedJSON(t, out); f.Verified == nil || !*f.Verified {
			t.Fatalf("file verified %v", f.Verified)
		}
		if srv.Count(passporttest.EndpointAccount) != 1 {
			t.Fatalf("member/web/account asked %d times", srv.Count(passporttest.EndpointAccount))
		}
		// -check takes the same two steps.
		stdout2, _, code := runBinary(t, streamEnv(t), append([]string{"-check", "-o", out}, serverFlags(srv)...)...)
		if code != 0 || !strings.Contains(stdout2, "logged in as Mika (mid 42)") || srv.Count(passporttest.EndpointAccount) != 2 {
			t.Fatalf("-check: exit %d, account asked %d times\n%s", code, srv.Count(passporttest.EndpointAccount), stdout2)
		}
	})
	t.Run("member/web/account says logged out", func(t *testing.T) {
		t.Parallel()
		srv := arrivalFake(t, passporttest.Options{UserCode: passport.CodeDeviceIDNeeded, Account: passporttest.AccountLoggedOut})
		out := filepath.Join(t.TempDir(), "session.json")
		stdout := loginPlain(t, srv, out, 1)
		if !strings.Contains(stdout, "The server says the login did not complete. Nothing was saved.\n") {
			t.Errorf("stdout:\n%s", stdout)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("a logged-out login wrote %s (%v)\n%s", out, err, stdout)
		}
	})
}
