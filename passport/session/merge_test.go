package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// builtinOnly trusts what passport trusts with no configured hosts.
func builtinOnly(d string) bool {
	d = strings.ToLower(d)
	return d == "bilibili.tv" || strings.HasSuffix(d, ".bilibili.tv") || d == "biliintl.com" || strings.HasSuffix(d, ".biliintl.com")
}

// sharedJar is a browser export of other sites with every kind of line a
// merge must keep: comments, blank lines, #HttpOnly_ lines, CRLF, an old
// bilibili.tv session in between, and no newline at the end.
const sharedJar = "# Netscape HTTP Cookie File\n" +
	"# https://curl.se/docs/http-cookies.html\n" +
	".youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tyoutube-value\n" +
	"#HttpOnly_.youtube.com\tTRUE\t/\tTRUE\t1999999999\tLOGIN_INFO\tlogin-value\r\n" +
	"\n" +
	"#HttpOnly_.bilibili.tv\tTRUE\t/\tFALSE\t1999999999\tSESSDATA\told-sessdata\n" +
	".bilibili.tv\tTRUE\t/\tFALSE\t1999999999\tbili_jct\told-jct\n" +
	"www.bilibili.tv\tFALSE\t/\tFALSE\tnot-a-number\tbroken\tline\n" +
	"   # an indented note\n" +
	"example.org\tFALSE\t/path\tFALSE\t0\tsid\tx y z\n" +
	"# last line, no newline"

// otherLines are the lines of sharedJar that are not the session's.
func otherLines(jar string) []string {
	var out []string
	for _, l := range strings.SplitAfter(jar, "\n") {
		if !strings.Contains(l, "bilibili.tv") && l != "" {
			out = append(out, strings.TrimSuffix(l, "\n"))
		}
	}
	return out
}

func TestSaveMergesIntoSharedJar(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	if err := os.WriteFile(p, []byte(sharedJar), 0o600); err != nil {
		t.Fatal(err)
	}
	s := sampleSession()
	for round := 0; round < 2; round++ { // a second save replaces the first, never doubles it
		if err := Save(p, s, Netscape, builtinOnly); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(p)
	got := string(data)
	// Every other line byte for byte, in its order.
	rest := got
	for _, l := range otherLines(sharedJar) {
		i := strings.Index(rest, l)
		if i < 0 {
			t.Fatalf("line %q lost or out of order:\n%s", l, got)
		}
		rest = rest[i+len(l):]
	}
	for _, gone := range []string{"old-sessdata", "old-jct", "not-a-number"} {
		if strings.Contains(got, gone) {
			t.Errorf("old session line %q lingers:\n%s", gone, got)
		}
	}
	if n := strings.Count(got, "\tSESSDATA\t"); n != 1 {
		t.Errorf("%d SESSDATA lines, want 1:\n%s", n, got)
	}
	if n := strings.Count(got, writtenByPrefix); n != 1 {
		t.Errorf("%d biliqr headers, want 1:\n%s", n, got)
	}
	// The session goes where the old one was: after the blank line, before
	// the indented note.
	if i, j := strings.Index(got, "\tSESSDATA\t"), strings.Index(got, "an indented note"); i < 0 || i > j {
		t.Errorf("the session is not where the old one was:\n%s", got)
	}
	back, _, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range back.Cookies {
		if builtinOnly(c.Domain) {
			names = append(names, c.Name)
		}
	}
	if len(names) != len(s.Cookies) || back.Mid != s.Mid {
		t.Errorf("read back %v, mid %d", names, back.Mid)
	}
	checkMode(t, p, 0o600)
}

// A jar of other sites only is merged into; a file with the session of
// ours only is replaced whole.
func TestSaveIntoJarWithoutSession(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	jar := "# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\n"
	must(t, os.WriteFile(p, []byte(jar), 0o644))
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(data), jar) || !strings.Contains(string(data), "\tSESSDATA\t") {
		t.Fatalf("not merged:\n%s", data)
	}
}

func TestSaveKeepsCRLF(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	jar := "# Netscape HTTP Cookie File\r\n.youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\r\n"
	must(t, os.WriteFile(p, []byte(jar), 0o600))
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if strings.Count(string(data), "\n") != strings.Count(string(data), "\r\n") {
		t.Fatalf("mixed line endings:\n%q", data)
	}
}

// What is not ours is refused before and at the save, and left exactly as
// it was.
func TestSaveRefusesWhatIsNotOurs(t *testing.T) {
	ours := func(f Format) string { return encode(t, sampleSession(), f) }
	for _, tc := range []struct {
		name, content string
		format        Format
		want          error
	}{
		{"notes", "my notes\n", Netscape, ErrForeign},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", Netscape, ErrForeign},
		{"foreign json", `{"cookies":[{"name":"a","value":"b"}],"token":"x"}`, Netscape, ErrForeign},
		{"json without cookies", `{"mid":1,"name":"x","cookies":[]}`, JSON, ErrForeign},
		{"header of another site", "foo=bar; baz=qux\n", Header, ErrForeign},
		{"tab text", "a\tb\n", Netscape, ErrForeign},
		{"jar of others as header", "# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t0\tYSC\tv\n", Header, ErrSharedFormat},
		{"shared jar as json", sharedJar, JSON, ErrSharedFormat},
		{"too large", "# Netscape HTTP Cookie File\n" + strings.Repeat("#", MaxFileSize), Netscape, ErrLargeJar},
		{"too large, not a jar", strings.Repeat("x", MaxFileSize+1), Netscape, ErrLargeFile},
		// a merge would take it past the limit: refused at start, every
		// format alike (a header or JSON file would drop the other sites)
		{"near the limit", nearLimitJar, Netscape, ErrLargeJar},
		{"near the limit, json", nearLimitJar, JSON, ErrSharedFormat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			must(t, os.WriteFile(p, []byte(tc.content), 0o644))
			if _, err := CheckTarget(p, tc.format, builtinOnly); !errors.Is(err, tc.want) {
				t.Fatalf("CheckTarget: %v, want %v", err, tc.want)
			}
			if err := Save(p, sampleSession(), tc.format, builtinOnly); !errors.Is(err, tc.want) {
				t.Fatalf("Save: %v, want %v", err, tc.want)
			}
			checkContent(t, p, tc.content)
			checkMode(t, p, 0o644)
		})
	}
	for _, tc := range []struct {
		name, content string
		format        Format
	}{
		{"our netscape", ours(Netscape), JSON},
		{"our json", ours(JSON), Netscape},
		{"our header", ours(Header), Header},
		{"empty", "", JSON},
		{"blank", "\n\n", Header},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			must(t, os.WriteFile(p, []byte(tc.content), 0o600))
			tg, err := CheckTarget(p, tc.format, builtinOnly)
			if err != nil || tg.Shared() {
				t.Fatalf("CheckTarget: %+v, %v", tg, err)
			}
			if err := Save(p, sampleSession(), tc.format, builtinOnly); err != nil {
				t.Fatal(err)
			}
			checkContent(t, p, ours(tc.format))
		})
	}
}

func TestSessionExpires(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	embedded := "a1b2c3d4%2C1811669746%2Cdf52f*52"
	for _, tc := range []struct {
		name string
		cs   []passport.Cookie
		want time.Time
	}{
		{"earliest of the two", []passport.Cookie{
			{Name: "SESSDATA", Value: embedded, Expires: at("2027-06-01T00:00:00Z")},
			{Name: "bili_jct", Expires: at("2027-05-01T00:00:00Z")},
			{Name: "DedeUserID", Expires: at("2026-01-01T00:00:00Z")}}, at("2027-05-01T00:00:00Z")},
		{"the attribute wins over the embedded one", []passport.Cookie{
			{Name: "SESSDATA", Value: embedded, Expires: at("2028-01-01T00:00:00Z")}}, at("2028-01-01T00:00:00Z")},
		{"embedded when no attribute", []passport.Cookie{{Name: "SESSDATA", Value: embedded}}, time.Unix(1811669746, 0).UTC()},
		{"embedded, comma spelling", []passport.Cookie{{Name: "SESSDATA", Value: "a1b2,1811669746,df52"}}, time.Unix(1811669746, 0).UTC()},
		{"unknown", []passport.Cookie{{Name: "SESSDATA", Value: "opaque"}}, time.Time{}},
	} {
		if got := passport.SessionExpires(tc.cs); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A header file keeps every value exactly, or refuses one it cannot.
func TestHeaderRoundTripOrRefuse(t *testing.T) {
	s := passport.Session{Cookies: []passport.Cookie{{Name: "SESSDATA", Value: "a=b,c%2Cd!~"}, {Name: "bili_jct", Value: ""}}}
	back, _, err := Decode([]byte(encode(t, s, Header)))
	if err != nil || len(back.Cookies) != 2 || back.Cookies[0].Value != s.Cookies[0].Value || back.Cookies[1].Value != "" {
		t.Fatalf("round trip: %+v %v", back.Cookies, err)
	}
	for _, v := range []string{" lead", "trail ", "\ttab"} {
		bad := passport.Session{Cookies: []passport.Cookie{{Name: "SESSDATA", Value: v}}}
		if err := Encode(&strings.Builder{}, bad, Header); err == nil {
			t.Errorf("%q: encoded, though it cannot be read back", v)
		}
	}
}

// nearLimitJar is a jar of another site 600 bytes short of MaxFileSize.
var nearLimitJar = func() string {
	line := ".youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\n"
	head := "# Netscape HTTP Cookie File\n" + line
	pad := MaxFileSize - 600 - len(head)
	return head + "#" + strings.Repeat("p", pad-2) + "\n"
}()

// A merge never writes a file larger than MaxFileSize, even when the
// file grew after the start-up check: the save is refused, the file left
// as it was, and what is there is still read back.
func TestSaveNeverWritesPastTheReadLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	put(t, p, []byte(nearLimitJar))
	old := Target{Exists: true, Format: Netscape, Others: 1}
	if err := old.CheckFormat(Netscape); err != nil {
		t.Fatalf("a small jar: %v", err)
	}
	big := sampleSession()
	for i := 0; i < 10; i++ {
		big.Cookies = append(big.Cookies, passport.Cookie{Name: fmt.Sprintf("c%d", i), Value: strings.Repeat("v", 4000), Domain: "bilibili.tv", Path: "/"})
	}
	if err := Save(p, big, Netscape, builtinOnly); !errors.Is(err, ErrLargeJar) {
		t.Fatalf("Save = %v, want ErrLargeJar", err)
	}
	checkContent(t, p, nearLimitJar)
	if _, _, err := ReadFile(p); err != nil && !errors.Is(err, ErrCorrupt) {
		t.Fatalf("the jar no longer reads back: %v", err)
	}
}

// A comment in another encoding (a Latin-1 byte) does not make a jar
// foreign: the session is merged, the comment kept byte for byte, and the
// file reads back.
func TestJarWithALatin1Comment(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	jar := "# Netscape HTTP Cookie File\n# caf\xe9 cookies\n.youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\n"
	put(t, p, []byte(jar))
	if _, err := CheckTarget(p, Netscape, builtinOnly); err != nil {
		t.Fatalf("CheckTarget: %v", err)
	}
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if !strings.Contains(string(got), "# caf\xe9 cookies\n") {
		t.Errorf("the comment changed:\n%q", got)
	}
	if s, _, err := ReadFile(p); err != nil || len(s.Cookies) == 0 {
		t.Errorf("ReadFile: %v", err)
	}
}
