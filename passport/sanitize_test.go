package passport

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitizeText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"plain", 0, "plain"},
		{"  a \t\n b  ", 0, "a b"},
		{"\x1b[31mred\x1b[0m", 0, "red"},
		{"\x1b[38;5;196mx\x1b[?25l", 0, "x"},
		{"a\x1b]0;title\x07b", 0, "ab"},
		{"a\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\b", 0, "alinkb"},
		{"a\x1bPdcs\x1b\\b", 0, "ab"},
		{"a\x1b(Bb\x1bMc", 0, "abc"},
		{"a\u009b31mb\u009d0;t\u009cc", 0, "abc"},
		{"a\x00b\x7fc\u0085d", 0, "abc d"},
		{"safe\u202eevil\u2066x\u2069\u200f\u200e\u061c", 0, "safeevilx"},
		{"zero\u200bwidth\ufeff", 0, "zerowidth"},
		{"👩\u200d💻", 0, "👩\u200d💻"},
		{"host\U0008a28a\ue000.tv", 0, "host\ufffd\ufffd.tv"}, // unassigned, private use: no agreed width
		{"bad\xffutf8", 0, "bad\ufffdutf8"},
		{"ไทย Tiếng Việt", 0, "ไทย Tiếng Việt"},
		{"abcdef", 4, "abc…"},
		{"abcd", 4, "abcd"},
		{"ab   cdef", 4, "ab…"},
		{"жжжжж", 3, "жж…"},
		{"abc", 1, "…"},
		{"unterminated\x1b]0;rest", 0, "unterminated"},
		{"\x1b", 0, ""},
		{"\x1b[", 0, ""},
	} {
		if got := SanitizeText(tc.in, tc.max); got != tc.want {
			t.Errorf("SanitizeText(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// checkSanitized fails when s holds anything a terminal could act on.
func checkSanitized(t *testing.T, s string, max int) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || (unicode.Is(unicode.Cf, r) && r != 0x200c && r != 0x200d) {
			t.Fatalf("control or format rune %U left in %q", r, s)
		}
	}
	if strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		t.Fatalf("whitespace not collapsed: %q", s)
	}
	if max > 0 && utf8.RuneCountInString(s) > max {
		t.Fatalf("%q longer than %d runes", s, max)
	}
}

func FuzzSanitizeText(f *testing.F) {
	for _, s := range []string{"", "a\x1b[1mb", "\x1b]0;x\x07", "\u202e", "a  b", "\xff\xfe", "\u009b1;2H"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 300
		out := SanitizeText(s, max)
		checkSanitized(t, out, max)
		if again := SanitizeText(out, max); again != out {
			t.Fatalf("not idempotent: %q -> %q", out, again)
		}
	})
}

func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"code":0,"message":"0","ttl":1,"data":{"qr_url":"https://x/?ticket=1"}}`,
		`{"code":10018101,"data":null}`, `{"code":"0"}`, `{"code":1e3}`, `{"code":99999999999}`,
		`{"code":0,"message":"\u001b[2J\u202e"}`, `<html>`, `[]`, ``, `{"code":0,"data":`, "\xef\xbb\xbf{\"code\":1}",
		`{"code":0,"data":[1,2]}`, `{"code":-101,"message":5,"ttl":"x","extra":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeEnvelope("op", body)
		if err != nil {
			var ue *UnexpectedReplyError
			if !errors.As(err, &ue) || !Retryable(err) {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		checkSanitized(t, env.Message, maxMessage)
		if len(env.Data) > 0 && string(env.Data) == "null" {
			t.Fatal("null data kept")
		}
	})
}

func FuzzParseTicket(f *testing.F) {
	for _, s := range []string{
		"https://www.bilibili.tv/h5/en/qrcode/login?ticket=4478b3e64d05ce26638f4d715ebe0a91",
		"https://x/?ticket=a%26b%2Bc+d", "https://x/#/?ticket=f", "ticket=1", "", "https://x/?ticket=",
		"http://[::1]:80/?ticket=%zz", "https://x/?ticket=a&ticket=b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, qr string) {
		id, err := ParseTicket(qr)
		// Unprintable text is refused first, whatever else is wrong with it;
		// printable text is refused only for its shape.
		bad := !utf8.ValidString(qr) || strings.IndexFunc(qr, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0
		if err != nil {
			var ue *UnexpectedReplyError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v is not an unexpected reply", err)
			}
			unprintableReason := ue.Reason == "QR URL is not valid UTF-8 text" || ue.Reason == "QR URL holds a control or invisible character"
			shapeReason := ue.Reason == "QR URL does not parse" || ue.Reason == "QR URL holds no ticket"
			if bad != unprintableReason || (!bad && !shapeReason) {
				t.Fatalf("%q: error %v", qr, err)
			}
			return
		}
		if bad {
			t.Fatalf("%q: unprintable URL accepted", qr)
		}
		if id == "" {
			t.Fatal("empty ticket accepted")
		}
		// What is sent back decodes to the same ticket.
		q, perr := url.ParseQuery(url.Values{"ticket": {id}}.Encode())
		if perr != nil || q.Get("ticket") != id {
			t.Fatalf("ticket %q does not round-trip", id)
		}
	})
}
