package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// lineStartBanned is what Chinese typography never starts a line with
// (the review's list, and the other closing marks of the same kind). It is
// spelled out here, apart from wrap's own list, so the tests fail if the
// rule goes.
const lineStartBanned = "，。、；：）」！？』】》〉”’"

// wrapped is wrap's lines as plain strings, failing t on any line wider
// than w or measured wrongly.
func wrapped(t *testing.T, tw textWidth, s string, w int) []string {
	t.Helper()
	var out []string
	for _, l := range tw.wrap(tw.plain(s), w) {
		if l.w > w || l.w != tw.of(l.s) {
			t.Errorf("wrap(%q, %d): line %q measured %d (really %d), limit %d", s, w, l.s, l.w, tw.of(l.s), w)
		}
		out = append(out, l.s)
	}
	return out
}

// badStarts returns the lines (after the first) that begin with a banned
// character.
func badStarts(lines []string) []string {
	var bad []string
	for _, l := range lines[min(1, len(lines)):] {
		if r := []rune(l); len(r) > 0 && strings.ContainsRune(lineStartBanned, r[0]) {
			bad = append(bad, l)
		}
	}
	return bad
}

func TestWrapLineStartRule(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		w    int
		want []string
	}{
		// "。" does not fit after 五: 五 is carried down with it
		{"carry down before a full stop", "一二三四五。", 10, []string{"一二三四", "五。"}},
		{"carry down before a closing bracket", "请在手机上确认」", 14, []string{"请在手机上确", "认」"}},
		{"carry down two closing marks", "一二三四五」。", 12, []string{"一二三四", "五」。"}},
		// an opening bracket goes down with what it opens
		{"no opening bracket at the end", "一二三四「五」", 10, []string{"一二三四", "「五」"}},
		// a space is no place to break either when a closing mark follows it
		{"no break at a space before a colon", "一二三四 ：五", 9, []string{"一二三", "四 ：五"}},
		// a Latin word and the full-width comma after it stay together
		{"Latin word keeps its comma", "打开手机 App，用「扫一扫」扫码。", 14, []string{"打开手机 App，", "用「扫一扫」扫", "码。"}},
		// a run too long for any line is cut, still not before "。"
		{"long run cut before a full stop", "abcdefghij。", 10, []string{"abcdefghi", "j。"}},
		// where nothing can be carried, the line is cut where it is full
		{"nothing to carry", "。。。。。。", 4, []string{"。。", "。。", "。。"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapped(t, narrowWidth, tc.text, tc.w)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap(%q, %d) = %q, want %q", tc.text, tc.w, got, tc.want)
			}
		})
	}
}

// At every width, wrapping keeps each line within it, loses no text, and
// (but for lines of nothing but closing marks) starts no line with one.
func TestWrapFitsEveryWidth(t *testing.T) {
	texts := []string{
		"打开手机 App，用「扫一扫」扫码。",
		"登录信息已保存到 /home/user/.config/biliqr/cookies.txt（netscape）",
		"窗口太小，放不下二维码：需要 37×21，当前为 40×15。",
		"Network trouble — retrying in 4s",
		"เครือข่ายมีปัญหา จะลองใหม่ใน 16\u00a0วินาที",
		"แตะ “ยืนยัน” ในแอป เพื่อเข้าสู่ระบบให้เสร็จสิ้น",
		"Đã quét — vui lòng xác nhận trên điện thoại",
	}
	for _, tw := range []textWidth{narrowWidth, wideWidth} {
		for _, s := range texts {
			for w := 2; w <= 80; w++ {
				got := wrapped(t, tw, s, w)
				if squash := strings.ReplaceAll(strings.Join(got, ""), " ", ""); squash != strings.ReplaceAll(tw.plain(s), " ", "") {
					t.Errorf("wrap(%q, %d) lost text: %q", s, w, got)
				}
				if bad := badStarts(got); len(bad) > 0 && w >= 6 {
					t.Errorf("wrap(%q, %d): lines start with a closing mark: %q", s, w, bad)
				}
			}
		}
	}
}

// realisticArgs gives, for a catalog message, arguments like those the app
// passes: several sets, so names and paths of different lengths move the
// breaks around.
func realisticArgs(loc string, k i18n.Text) [][]any {
	acct := func(name string, mid int64) string {
		return AccountLabel(loc, passport.Account{Name: name, Mid: mid})
	}
	path := "/home/user/.config/biliqr/cookies.txt"
	switch k {
	case i18n.TextExpiresIn:
		return [][]any{{i18n.ExpiresIn(loc, 180*time.Second)}, {i18n.ExpiresIn(loc, 9*time.Second)}}
	case i18n.TextLanguage:
		return [][]any{{"简体中文 · zh_ZH"}, {"English · en_US"}}
	case i18n.TextDone, i18n.TextAlreadyLoggedIn:
		return [][]any{{acct("Mika", 42)}, {acct("小明", 12345678)}, {acct("", 987654321)}, {acct("bilibili用户_2026", 1)}}
	case i18n.TextSavedTo:
		return [][]any{{path, "netscape"}, {"cookies.txt", "json"}, {"/tmp/c", "header"}}
	case i18n.TextRetrying:
		return [][]any{{1}, {4}, {30}, {120}}
	case i18n.TextTooSmall:
		return [][]any{{37, 21, 40, 15}, {74, 38, 80, 24}}
	case i18n.TextUnexpectedHost:
		return [][]any{{"evil.example.com"}, {"passport.bilibili.tv.example"}}
	case i18n.TextMenuFilter:
		return [][]any{{"简体"}, {"indo"}}
	case i18n.TextAccountNameMid:
		return [][]any{{"Mika", 42}, {"小明", 12345678}}
	case i18n.TextAccountMid:
		return [][]any{{42}}
	case i18n.TextSummaryOK:
		return [][]any{{acct("Mika", 42), path, "netscape"}, {acct("小明", 7), "c.txt", "json"}}
	case i18n.TextSummaryStdout:
		return [][]any{{acct("Mika", 42), "netscape"}}
	case i18n.TextSummaryFailed:
		return [][]any{{i18n.T(loc, i18n.TextErrNetwork, i18n.T(loc, i18n.TextCauseTimeout))}, {i18n.T(loc, i18n.TextErrInternal)}}
	case i18n.TextSummaryNotSaved:
		return [][]any{{acct("Mika", 42), "cannot write " + path + ": permission denied"}}
	case i18n.TextSummaryKept:
		return [][]any{{acct("Mika", 42), path}}
	case i18n.TextCheckFailed:
		return [][]any{{i18n.T(loc, i18n.TextErrNetwork, i18n.T(loc, i18n.TextCauseDNS))}, {i18n.T(loc, i18n.TextErrHTTP, 412, i18n.T(loc, i18n.TextHTTP412))}}
	case i18n.TextErrAPI:
		return [][]any{{10004001, i18n.T(loc, i18n.TextCodeGeo)}, {-111, i18n.T(loc, i18n.TextCodeCSRF)}, {86038, "二维码已失效"}}
	case i18n.TextErrHTTP:
		return [][]any{{412, i18n.T(loc, i18n.TextHTTP412)}, {503, i18n.T(loc, i18n.TextHTTP5xx)}, {429, i18n.T(loc, i18n.TextHTTP429)}}
	case i18n.TextErrNetwork:
		return [][]any{{i18n.T(loc, i18n.TextCauseTimeout)}, {i18n.T(loc, i18n.TextCauseRefused)}, {i18n.T(loc, i18n.TextCauseUnreachable)}}
	case i18n.TextErrUnexpected:
		return [][]any{{"reply is not valid JSON"}, {"empty reply"}}
	case i18n.TextErrSave:
		return [][]any{{"cannot write " + path + ": permission denied"}, {"open /root/c.txt: read-only file system"}}
	case i18n.TextErrOther:
		return [][]any{{"something broke"}}
	}
	return [][]any{nil}
}

// Every catalog message, with realistic arguments and with the marks the
// screen puts before some of them, wrapped at the widths the screens use
// (33 beside the QR at 80×24, 40 and 72 for message screens), never starts
// a line with closing punctuation. Chinese is the language the rule is
// for; the others are checked too, as the screen wraps them the same way.
func TestCatalogLineStart(t *testing.T) {
	for _, loc := range i18n.Locales() {
		for _, k := range i18n.Keys() {
			for _, args := range realisticArgs(loc, k) {
				s := i18n.T(loc, k, args...)
				if strings.Contains(s, "%!") {
					t.Fatalf("%s %q: args %v do not fit: %q", loc, k, args, s)
				}
				for _, prefix := range []string{"", "✓ ", "⣾ "} {
					for _, w := range []int{33, 40, 72} {
						for _, tw := range []textWidth{narrowWidth, wideWidth} {
							if bad := badStarts(wrapped(t, tw, prefix+s, w)); len(bad) > 0 {
								t.Errorf("%s %q at %d cells: %q starts a line", loc, k, w, bad)
							}
						}
					}
				}
			}
		}
	}
}

// The retry countdown is whole seconds with the unit in the language's
// words (English's own "4s" aside; elsewhere a no-break space keeps the
// number on the unit's line), never a Go duration such as "1m30s".
func TestRetryShowsUnit(t *testing.T) {
	want := map[string]string{
		"en_US": "retrying in 4s",
		"th_TH": "4\u00a0วินาที",
		"vi_VN": "4\u00a0giây",
		"id_ID": "4\u00a0detik",
		"ms_MY": "4\u00a0saat",
		"zh_ZH": "4\u00a0秒后重试",
	}
	for _, loc := range i18n.Locales() {
		if want[loc] == "" {
			t.Errorf("%s: no expected unit", loc)
		}
	}
	for loc, unit := range want {
		for _, d := range []time.Duration{4 * time.Second, 3*time.Second + time.Millisecond} {
			scr := ansi.Strip(Render(Screen{Width: 72, Height: 24, Locale: loc, State: state.Fetching, RetryIn: d}))
			if !strings.Contains(scr, unit) || loc != "en_US" && strings.Contains(scr, "4s") {
				t.Errorf("%s, retry in %v: want %q on screen:\n%s", loc, d, unit, scr)
			}
		}
		scr := ansi.Strip(Render(Screen{Width: 72, Height: 24, Locale: loc, State: state.Fetching, RetryIn: 90 * time.Second}))
		if strings.Contains(scr, "1m30s") || !strings.Contains(scr, "90") {
			t.Errorf("%s: a 90 s retry shows a Go duration:\n%s", loc, scr)
		}
	}
}

// The separator after "Language" is the catalog's: full width in Chinese,
// never an ASCII colon added by the screen.
func TestLanguageSeparator(t *testing.T) {
	for loc, want := range map[string]string{
		"zh_ZH": "语言：简体中文 · zh_ZH",
		"en_US": "Language: English · en_US",
		"id_ID": "Bahasa: Bahasa Indonesia · id_ID",
	} {
		scr := ansi.Strip(Render(Screen{Width: 72, Height: 24, Locale: loc, State: state.Fetching}))
		if !strings.Contains(scr, want) {
			t.Errorf("%s: want %q on screen:\n%s", loc, want, scr)
		}
	}
	if scr := ansi.Strip(Render(Screen{Width: 72, Height: 24, Locale: "zh_ZH", State: state.Fetching})); strings.Contains(scr, "语言:") {
		t.Errorf("zh_ZH: ASCII colon after 语言:\n%s", scr)
	}
}

// A no-break space keeps a number on its unit's line: Thai wraps only at
// spaces, and "16" must not end a line with "วินาที" on the next.
func TestWrapKeepsNoBreakSpace(t *testing.T) {
	got := wrapped(t, narrowWidth, i18n.T("th_TH", i18n.TextRetrying, 16), 28) // a narrow text column
	want := []string{"เครือข่ายมีปัญหา จะลองใหม่ใน", "16\u00a0วินาที"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
