package session

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// secret marks every cookie value in tests so errors can be checked for leaks.
const secret = "S3CRETVALUE"

var expiry2030 = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

func sampleSession() passport.Session {
	return passport.Session{
		Account: passport.Account{Mid: 1709658507, Name: "Ann Lee"},
		Cookies: []passport.Cookie{
			{Name: "SESSDATA", Value: secret + "1%2C2", Domain: "bilibili.tv", Path: "/", Expires: expiry2030, Secure: true, HTTPOnly: true},
			{Name: "bili_jct", Value: secret + "jct", Domain: "bilibili.tv", Path: "/", Expires: expiry2030, Secure: true},
			{Name: "DedeUserID", Value: "1709658507", Domain: "bilibili.tv", Path: "/", Expires: expiry2030},
			{Name: "host_only", Value: secret + "h", Domain: "passport.bilibili.tv", HostOnly: true, Path: "/x/intl", HTTPOnly: true},
		},
	}
}

func encode(t *testing.T, s passport.Session, f Format) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, s, f); err != nil {
		t.Fatalf("Encode(%s): %v", f, err)
	}
	return buf.String()
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"netscape": Netscape, " Header ": Header, "JSON": JSON} {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseFormat("yaml")
	if err == nil {
		t.Fatal("ParseFormat(yaml) succeeded")
	}
	for _, f := range Formats {
		if !strings.Contains(err.Error(), string(f)) {
			t.Errorf("error %q does not list %s", err, f)
		}
	}
}

func TestEncodeNetscapeFields(t *testing.T) {
	out := encode(t, sampleSession(), Netscape)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "# Netscape HTTP Cookie File" {
		t.Fatalf("first line = %q", lines[0])
	}
	if !strings.Contains(out, "biliqr") || !strings.Contains(out, "1709658507.") {
		t.Errorf("no comment saying biliqr wrote it for the mid:\n%s", out)
	}
	if !strings.Contains(out, "# biliqr: mid=1709658507 name=Ann Lee\n") {
		t.Errorf("no meta comment:\n%s", out)
	}
	var cookieLines [][]string
	for _, l := range lines {
		if strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "#HttpOnly_") {
			continue
		}
		cookieLines = append(cookieLines, strings.Split(l, "\t"))
	}
	exp := "1893553445" // expiry2030 in unix seconds
	want := [][]string{
		{"#HttpOnly_.bilibili.tv", "TRUE", "/", "TRUE", exp, "SESSDATA", secret + "1%2C2"},
		{".bilibili.tv", "TRUE", "/", "TRUE", exp, "bili_jct", secret + "jct"},
		{".bilibili.tv", "TRUE", "/", "FALSE", exp, "DedeUserID", "1709658507"},
		{"#HttpOnly_passport.bilibili.tv", "FALSE", "/x/intl", "FALSE", "0", "host_only", secret + "h"},
	}
	if len(cookieLines) != len(want) {
		t.Fatalf("got %d cookie lines, want %d:\n%s", len(cookieLines), len(want), out)
	}
	for i, fields := range cookieLines {
		if len(fields) != 7 {
			t.Fatalf("line %d has %d fields", i, len(fields))
		}
		for j := range fields {
			if fields[j] != want[i][j] {
				t.Errorf("cookie %d field %d = %q, want %q", i, j+1, fields[j], want[i][j])
			}
		}
	}
}

func TestEncodeHeader(t *testing.T) {
	got := encode(t, sampleSession(), Header)
	want := "SESSDATA=" + secret + "1%2C2; bili_jct=" + secret + "jct; DedeUserID=1709658507; host_only=" + secret + "h\n"
	if got != want {
		t.Errorf("header = %q, want %q", got, want)
	}
}

func TestEncodeJSON(t *testing.T) {
	got := encode(t, sampleSession(), JSON)
	for _, frag := range []string{`"mid": 1709658507`, `"name": "Ann Lee"`, `"expires": "2030-01-02T03:04:05Z"`, `"host_only": true`, `"http_only": true`, "\n  "} {
		if !strings.Contains(got, frag) {
			t.Errorf("JSON lacks %s:\n%s", frag, got)
		}
	}
	// The session cookie has no expires at all.
	if n := strings.Count(got, `"expires"`); n != 3 {
		t.Errorf("%d expires fields, want 3", n)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, f := range []Format{Netscape, JSON} {
		t.Run(string(f), func(t *testing.T) {
			want := sampleSession()
			got, gotF, err := Decode([]byte(encode(t, want, f)))
			if err != nil {
				t.Fatal(err)
			}
			if gotF != f {
				t.Errorf("format = %s, want %s", gotF, f)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n got %#v\nwant %#v", got, want)
				for i := range min(len(got.Cookies), len(want.Cookies)) {
					if g, w := got.Cookies[i], want.Cookies[i]; !reflect.DeepEqual(g, w) {
						t.Errorf("cookie %d: got %+v %v, want %+v %v", i, g, g.Expires, w, w.Expires)
					}
				}
			}
		})
	}
	t.Run("header", func(t *testing.T) {
		in := sampleSession()
		got, f, err := Decode([]byte(encode(t, in, Header)))
		if err != nil {
			t.Fatal(err)
		}
		if f != Header {
			t.Errorf("format = %s", f)
		}
		if got.Mid != in.Mid || got.Name != "" {
			t.Errorf("account = %+v, want mid %d from DedeUserID", got.Account, in.Mid)
		}
		if len(got.Cookies) != len(in.Cookies) {
			t.Fatalf("%d cookies, want %d", len(got.Cookies), len(in.Cookies))
		}
		for i, c := range got.Cookies {
			want := passport.Cookie{Name: in.Cookies[i].Name, Value: in.Cookies[i].Value}
			if c != want {
				t.Errorf("cookie %d = %+v, want %+v", i, c, want)
			}
		}
	})
}

func TestRoundTripNoAccount(t *testing.T) {
	s := sampleSession()
	s.Account = passport.Account{}
	out := encode(t, s, Netscape)
	if strings.Contains(out, "# biliqr:") {
		t.Errorf("meta line written for no account:\n%s", out)
	}
	got, _, err := Decode([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if got.Mid != 1709658507 {
		t.Errorf("mid = %d, want it from DedeUserID", got.Mid)
	}
}

func TestDecodeBrowserExport(t *testing.T) {
	export := "# Netscape HTTP Cookie File\r\n" +
		"# http://curl.haxx.se/rfc/cookie_spec.html\r\n" +
		"# This is a generated file!  Do not edit.\r\n" +
		"\r\n" +
		".bilibili.tv\tTRUE\t/\tFALSE\t1893553445\tbuvid3\tabc-def\r\n" +
		"#HttpOnly_.bilibili.tv\tTRUE\t/\tTRUE\t1893553445.25\tSESSDATA\t" + secret + "\r\n" +
		"www.bilibili.tv\tFALSE\t/en\tfalse\t0\tlang\ten\r\n" +
		"   \r\n" +
		".bilibili.tv\tTRUE\t/\tFALSE\t-1\tDedeUserID\t42\r\n"
	s, f, err := Decode([]byte(export))
	if err != nil {
		t.Fatal(err)
	}
	if f != Netscape {
		t.Errorf("format = %s", f)
	}
	if s.Mid != 42 {
		t.Errorf("mid = %d, want 42 from DedeUserID", s.Mid)
	}
	want := []passport.Cookie{
		{Name: "buvid3", Value: "abc-def", Domain: "bilibili.tv", Path: "/", Expires: expiry2030},
		{Name: "SESSDATA", Value: secret, Domain: "bilibili.tv", Path: "/", Expires: expiry2030, Secure: true, HTTPOnly: true},
		{Name: "lang", Value: "en", Domain: "www.bilibili.tv", HostOnly: true, Path: "/en"},
		{Name: "DedeUserID", Value: "42", Domain: "bilibili.tv", Path: "/"},
	}
	if !reflect.DeepEqual(s.Cookies, want) {
		t.Errorf("cookies:\n got %+v\nwant %+v", s.Cookies, want)
	}
}

func TestDecodeHeaderVariants(t *testing.T) {
	s, f, err := Decode([]byte("\xef\xbb\xbfCookie: a=1; b = 2 ;\r\n"))
	if err != nil || f != Header {
		t.Fatalf("Decode = %v, %s", err, f)
	}
	want := []passport.Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "2"}}
	if !reflect.DeepEqual(s.Cookies, want) {
		t.Errorf("cookies = %+v", s.Cookies)
	}
}

func TestDecodeSanitizesName(t *testing.T) {
	in := "# Netscape HTTP Cookie File\n# biliqr: mid=7 name=Evil\x1b[31mRed\u202e\n.bilibili.tv\tTRUE\t/\tFALSE\t0\ta\tb\n"
	s, _, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s.Mid != 7 || s.Name != "EvilRed" { // the whole sequence goes, as on screen
		t.Errorf("account = %+v", s.Account)
	}
	js := `{"mid":-3,"name":"x\u001by","cookies":[{"name":"DedeUserID","value":"9"}]}`
	s, _, err = Decode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if s.Mid != 9 || s.Name != "x" { // ESC y is a sequence
		t.Errorf("account = %+v", s.Account)
	}
}

func TestDecodeRejects(t *testing.T) {
	huge := strings.Repeat("a="+secret+"; ", MaxFileSize/10)
	cases := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"blank", " \r\n\n\t ", ErrEmpty},
		{"huge", huge, ErrTooLarge},
		{"binary", "\x00\x01\x02" + secret, ErrCorrupt},
		{"invalid utf8", "a=\xff" + secret, ErrCorrupt},
		{"prose", "hello world, " + secret, ErrCorrupt},
		{"two header lines", "a=" + secret + "\nb=" + secret, ErrCorrupt},
		{"magic only", "# Netscape HTTP Cookie File\n# nothing\n", ErrCorrupt},
		{"six fields", "# Netscape HTTP Cookie File\n.bilibili.tv\tTRUE\t/\tFALSE\t0\t" + secret + "\n", ErrCorrupt},
		{"eight fields", ".bilibili.tv\tTRUE\t/\tFALSE\t0\tn\t" + secret + "\textra\n", ErrCorrupt},
		{"bad flag", ".bilibili.tv\tYES\t/\tFALSE\t0\tn\t" + secret + "\n", ErrCorrupt},
		{"bad secure", ".bilibili.tv\tTRUE\t/\t1\t0\tn\t" + secret + "\n", ErrCorrupt},
		{"bad expiry", ".bilibili.tv\tTRUE\t/\tFALSE\tsoon" + secret + "\tn\tv\n", ErrCorrupt},
		{"nan expiry", ".bilibili.tv\tTRUE\t/\tFALSE\tNaN\tn\tv\n", ErrCorrupt},
		{"no domain", "\tTRUE\t/\tFALSE\t0\tn\t" + secret + "\n", ErrCorrupt},
		{"hash domain", "#HttpOnly_#x\tTRUE\t/\tFALSE\t0\tn\t" + secret + "\n", ErrCorrupt},
		{"bad name", ".bilibili.tv\tTRUE\t/\tFALSE\t0\ta;b\t" + secret + "\n", ErrCorrupt},
		{"empty name", ".bilibili.tv\tTRUE\t/\tFALSE\t0\t\t" + secret + "\n", ErrCorrupt},
		{"ctl in value", ".bilibili.tv\tTRUE\t/\tFALSE\t0\tn\t" + secret + "\x1b\n", ErrCorrupt},
		{"header no =", "a=" + secret + "; " + secret, ErrCorrupt},
		{"header empty name", "=" + secret, ErrCorrupt},
		{"json broken", `{"cookies":[{"name":"a","value":"` + secret, ErrCorrupt},
		{"json wrong type", `{"cookies":[{"name":"a","value":12345}]}`, ErrCorrupt},
		{"json trailing", `{"cookies":[{"name":"a","value":"` + secret + `"}]} x`, ErrCorrupt},
		{"json no cookies", `{"mid":1,"cookies":[]}`, ErrCorrupt},
		{"json bad expires", `{"cookies":[{"name":"a","value":"v","expires":"` + secret + `"}]}`, ErrCorrupt},
		{"json bad name", `{"cookies":[{"name":"a b","value":"` + secret + `"}]}`, ErrCorrupt},
		{"json ctl value", `{"cookies":[{"name":"a","value":"` + secret + `\n"}]}`, ErrCorrupt},
		{"json bad domain", `{"cookies":[{"name":"a","value":"v","domain":"#x"}]}`, ErrCorrupt},
		{"json array", `[1,2]`, ErrCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, f, err := Decode([]byte(tc.in))
			if err == nil {
				t.Fatalf("Decode succeeded: %s %+v", f, s)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error leaks a cookie value: %q", err)
			}
		})
	}
}

func TestEncodeRejects(t *testing.T) {
	withCookie := func(c passport.Cookie) passport.Session {
		return passport.Session{Cookies: []passport.Cookie{c}}
	}
	cases := []struct {
		name string
		s    passport.Session
		f    Format
	}{
		{"no cookies", passport.Session{Account: passport.Account{Mid: 1}}, Netscape},
		{"newline in value", withCookie(passport.Cookie{Name: "a", Value: secret + "\n", Domain: "bilibili.tv"}), Header},
		{"tab in value", withCookie(passport.Cookie{Name: "a", Value: secret + "\t", Domain: "bilibili.tv"}), Netscape},
		{"semicolon in value", withCookie(passport.Cookie{Name: "a", Value: secret + ";x=y", Domain: "bilibili.tv"}), Header},
		{"bad name", withCookie(passport.Cookie{Name: "a\tb", Value: secret, Domain: "bilibili.tv"}), JSON},
		{"no domain", withCookie(passport.Cookie{Name: "a", Value: secret}), Netscape},
		{"bad domain", withCookie(passport.Cookie{Name: "a", Value: secret, Domain: "#x"}), Netscape},
		{"unknown format", withCookie(passport.Cookie{Name: "a", Value: secret, Domain: "x"}), Format("yaml")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tc.s, tc.f)
			if err == nil {
				t.Fatalf("Encode succeeded:\n%s", buf.String())
			}
			if buf.Len() != 0 {
				t.Errorf("Encode wrote %d bytes before failing", buf.Len())
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error leaks a cookie value: %q", err)
			}
		})
	}
	// A header file needs no domain.
	var buf bytes.Buffer
	if err := Encode(&buf, withCookie(passport.Cookie{Name: "a", Value: "b"}), Header); err != nil {
		t.Errorf("header without domain: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	s := sampleSession()
	for _, fm := range Formats {
		var buf bytes.Buffer
		if err := Encode(&buf, s, fm); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	for _, seed := range []string{
		"", "\x00", "{", "[]", "{}", `{"cookies":null}`, "a=b", "a=b;;c=d", "Cookie:", "#HttpOnly_",
		"# Netscape HTTP Cookie File\n#HttpOnly_x\tTRUE\t\tTRUE\t1e300\tn\tv",
		"x\tFALSE\t/\tFALSE\t99999999999999999999\tn\tv\r\n",
		"x\tTRUE\t/\tTRUE\t-5.5\tn\t\n# biliqr: name=only\n",
		"# biliqr: mid=abc name=\n.x\tTRUE\t/\tTRUE\t0\tDedeUserID\t-1",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, fm, err := Decode(data)
		if err != nil {
			if s.Cookies != nil || fm != "" {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		if len(s.Cookies) == 0 {
			t.Fatal("success with no cookies")
		}
		// Whatever Decode accepts, Encode can write back in the same
		// format, and that reads back to the same session.
		var buf bytes.Buffer
		if err := Encode(&buf, s, fm); err != nil {
			t.Fatalf("re-encode as %s: %v", fm, err)
		}
		s2, fm2, err := Decode(buf.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v\n%q", err, buf.String())
		}
		if fm2 != fm || !reflect.DeepEqual(s, s2) {
			t.Fatalf("unstable round trip as %s:\n%+v\n%+v", fm, s, s2)
		}
	})
}

func TestJSONClampsExpiry(t *testing.T) {
	s := sampleSession()
	s.Cookies[0].Expires = time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	got, _, err := Decode([]byte(encode(t, s, JSON)))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC); !got.Cookies[0].Expires.Equal(want) {
		t.Errorf("expires = %v, want %v", got.Cookies[0].Expires, want)
	}
}

// The JSON format says whether the gateway confirmed the login, and why
// not when it did not; such a file reads back like any other.
func TestJSONCarriesVerification(t *testing.T) {
	s := passport.Session{Account: passport.Account{Mid: 7}, Cookies: []passport.Cookie{
		{Name: "SESSDATA", Value: "v", Domain: "bilibili.tv", Path: "/"},
	}}
	for _, tc := range []struct {
		unverified error
		want       []string
		not        string
	}{
		{nil, []string{`"verified": true`}, `"unverified"`},
		{&passport.APIError{Op: "web/v2/user", Code: passport.CodeDeviceIDNeeded},
			[]string{`"verified": false`, `"reason": "device_id_needed"`, `"code": 10023006`}, `"verified": true`},
		{&passport.TransportError{Op: "web/v2/user", StatusCode: 503},
			[]string{`"verified": false`, `"reason": "server"`}, `"code"`},
	} {
		s.Unverified = tc.unverified
		var buf bytes.Buffer
		if err := Encode(&buf, s, JSON); err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%v: file lacks %s:\n%s", tc.unverified, w, buf.String())
			}
		}
		if strings.Contains(buf.String(), tc.not) {
			t.Errorf("%v: file has %s:\n%s", tc.unverified, tc.not, buf.String())
		}
		back, f, err := Decode(buf.Bytes())
		if err != nil || f != JSON || back.Mid != 7 || len(back.Cookies) != 1 {
			t.Fatalf("read back: %+v %v %v", back, f, err)
		}
	}
}

// Session file errors say they are file errors, so the UI words them as
// their own path and reason.
func TestFileErrorsAreKindFile(t *testing.T) {
	for _, err := range []error{ErrNoSession, &FileError{Op: "read", Path: "/x", Err: ErrCorrupt}} {
		if k := passport.KindOf(err); k != passport.KindFile {
			t.Errorf("%v: kind %v", err, k)
		}
	}
}

// A cookie that expired in year 0 stays expired through a save and a
// read: it never comes back as one without an expiry.
func TestJSONExpiryInYearZeroStaysExpired(t *testing.T) {
	in := `{"mid":0,"name":"","cookies":[{"name":"SESSDATA","value":"v","domain":"bilibili.tv","host_only":false,"path":"/","expires":"0000-01-01T00:00:00Z","secure":false,"http_only":false}]}`
	s, _, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := Decode([]byte(encode(t, s, JSON)))
	if err != nil {
		t.Fatal(err)
	}
	if e := again.Cookies[0].Expires; e.IsZero() || e.After(time.Now()) {
		t.Errorf("expires %v after a round trip, want a time long past", e)
	}
}
