package ui

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"

	"github.com/biliqr/biliqr/passport"
)

// qrURLSeeds are qr_url replies, good and hostile. The first two are
// replies once seen to break the screen: a C1 string terminator that broke the OSC 8 link and
// put the ticket on screen, and a bidi override with C1 OSC introducers.
var qrURLSeeds = []string{
	"https://www.bilibili.tv/h5/en/qrcode/login\u009c?ticket=tSECRET123",
	"https://www.bilibili.tv/h5/\u202eNIGOL\u009c\u009d2;PWNC1\u009c/login?ticket=tc1",
	"https://www.bilibili.tv/h5/en/qrcode/login?ticket=4478b3e64d05ce26638f4d715ebe0a91",
	"https://www.bilibili.tv/h5/#/login?ticket=tFRAGMENT9",
	"https://www.bilibili.tv/h5/en/\x1b]8;;https://evil.example\x07login?ticket=tESC777",
	"https://www.bilibili.tv/h5/en/login\x1b\\?ticket=tST4242",
	"https://www.bilibili.tv/h5/en/login\a?ticket=tBEL4242",
	"https://www.bilibili.tv/h5/zh/登录 页?ticket=tUNICODE1",
	"https://evil.example:8443/login?ticket=t%E2%80%AE%1b%9c",
	"https://www.%E2%80%AE.tv/login?ticket=tHOST5555",
	"https://www.bilibili.tv/h5/en/login\xc2?ticket=tBADUTF8",
	"javascript://www.bilibili.tv/%0aalert(1)?ticket=tJS12345",
}

// fuzzQRTemplate is a code encoded once, whose modules every fuzzed QR
// borrows (fuzzQR).
var fuzzQRTemplate = func() *QR {
	q, err := NewQR(qrURLSeeds[2])
	if err != nil {
		panic(err)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for l := range qrECCLevels {
		if q.codes[l] != nil {
			q.matrix(l)
		}
	}
	return q
}()

// fuzzQR is the QR of qrURL as the fuzz targets need it: its text and link
// (what they check) are qrURL's, its modules the template's, which no
// check looks at. Encoding a code per input (four ECC levels, eight masks
// each) cost more than all the checks together, and the encoder's paths
// for each new kind of input counted as new coverage, each minimized at
// that cost: the targets ran about 20 inputs in CI's 5 s. ok is false
// where NewQR refuses the text (empty, or too long for any code).
func fuzzQR(qrURL string) (q *QR, ok bool) {
	if qrURL == "" || len(qrURL) > qrMaxBytes {
		return nil, false
	}
	t := fuzzQRTemplate
	// The rendered blocks depend on the modules alone: the template's cache
	// serves every input (fuzz inputs run one at a time in a process).
	q = &QR{text: qrURL, link: safeLink(qrURL), codes: t.codes, sizes: t.sizes, mats: t.mats, cache: t.cache}
	return q, true
}

// qrMaxBytes is the most bytes a QR code holds (version 40, ECC L, byte
// mode): a longer qr_url is refused by NewQR.
const qrMaxBytes = 2953

// Whatever the server puts in qr_url, the screen holds only printable text
// (valid UTF-8, no control, C1 or bidi character) plus the escape sequences
// ui itself writes (SGR, and the OSC 8 link), and the ticket is not on it.
// ui is checked on its own, without passport's refusal in front of it.
//
// Each input is drawn at one of the sizes (size picks it), not all: one
// screen per input keeps the fuzzer at thousands of inputs in its budget.
func FuzzQRURLScreen(f *testing.F) {
	sizes := [][2]int{{80, 24}, {120, 40}, {40, 15}}
	for _, s := range qrURLSeeds {
		for i := range sizes {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, qrURL string, size uint8) {
		qr, ok := fuzzQR(qrURL)
		if !ok {
			return
		}
		host := hostOf(qrURL) // what passport.Ticket.Host holds
		ticket := ticketOf(qrURL)
		for _, sz := range [][2]int{sizes[int(size)%len(sizes)]} {
			out := Render(Screen{Width: sz[0], Height: sz[1], Locale: "en_US", State: state.ShowingCode, QR: qr,
				QRStyle: QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}, UnexpectedHost: host})
			visible, oscs, err := splitTerminal(out)
			if err != nil {
				t.Fatalf("%dx%d: %v", sz[0], sz[1], err)
			}
			for _, p := range oscs {
				if !strings.HasPrefix(p, "8;;") {
					t.Fatalf("unexpected OSC %q", p)
				}
			}
			if ticket != "" && strings.Contains(visible, ticket) && !shownAnyway(qrURL, ticket, sz) {
				t.Fatalf("%dx%d: the ticket %q is on screen:\n%s", sz[0], sz[1], ticket, visible)
			}
		}
	})
}

// The OSC 8 hyperlink and the OSC 52 copy carry only the checked link:
// printable ASCII, an http(s) URL, with the same ticket as the qr_url.
func FuzzQRURLOSC(f *testing.F) {
	for _, s := range qrURLSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, qrURL string) {
		qr, ok := fuzzQR(qrURL)
		if !ok {
			return
		}
		link := qr.Link()
		for i := 0; i < len(link); i++ {
			if link[i] <= ' ' || link[i] >= 0x7f {
				t.Fatalf("link byte %#x at %d is not printable ASCII: %q", link[i], i, link)
			}
		}
		if link != "" {
			u, err := url.Parse(link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("link %q is no http(s) URL (%v)", link, err)
			}
			if id, err := passport.ParseTicket(qrURL); err == nil {
				if got, err := passport.ParseTicket(link); err != nil || got != id {
					t.Fatalf("the link lost the ticket: %q → %q (%v)", id, got, err)
				}
			}
		}

		// OSC 52, as tea.SetClipboard writes it for the c key
		_, oscs, err := splitTerminal(ansi.SetSystemClipboard(link))
		if err != nil || len(oscs) != 1 {
			t.Fatalf("OSC 52: %v %q", err, oscs)
		}
		payload, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(oscs[0], "52;c;"))
		if err != nil || string(payload) != link {
			t.Fatalf("OSC 52 carries %q, want the link %q (%v)", payload, link, err)
		}

		// OSC 8, as the QR screen writes it
		out := Render(Screen{Width: 80, Height: 24, Locale: "en_US", State: state.ShowingCode, QR: qr,
			QRStyle: QRStyle{Profile: colorprofile.ANSI256, DarkBG: true}})
		_, oscs, err = splitTerminal(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range oscs {
			if uri := strings.TrimPrefix(p, "8;;"); uri != "" && uri != link {
				t.Fatalf("OSC 8 links to %q, want the link %q", uri, link)
			}
		}
	})
}

// splitTerminal reads out as a terminal would: CSI sequences are skipped,
// OSC payloads are returned (each must be printable ASCII and end in BEL
// or ST), and the rest, the visible text, must be printable UTF-8 lines.
func splitTerminal(out string) (visible string, oscs []string, err error) {
	var b strings.Builder
	for i := 0; i < len(out); {
		c := out[i]
		if c == 0x1b {
			if i+1 >= len(out) {
				return "", nil, errors.New("lone ESC at the end")
			}
			switch out[i+1] {
			case '[':
				j := i + 2
				for j < len(out) && out[j] >= 0x20 && out[j] <= 0x3f {
					j++
				}
				if j >= len(out) || out[j] < 0x40 || out[j] > 0x7e {
					return "", nil, fmt.Errorf("bad CSI at %d", i)
				}
				i = j + 1
			case ']':
				j := i + 2
				for j < len(out) && out[j] != 0x07 && out[j] != 0x1b {
					if out[j] < 0x20 || out[j] > 0x7e {
						return "", nil, fmt.Errorf("byte %#x inside an OSC at %d", out[j], j)
					}
					j++
				}
				if j >= len(out) {
					return "", nil, fmt.Errorf("unterminated OSC at %d", i)
				}
				oscs = append(oscs, out[i+2:j])
				if out[j] == 0x1b {
					if j+1 >= len(out) || out[j+1] != '\\' {
						return "", nil, fmt.Errorf("OSC at %d ends in ESC without \\", i)
					}
					j++
				}
				i = j + 1
			default:
				return "", nil, fmt.Errorf("unexpected escape ESC %q at %d", out[i+1], i)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size <= 1 {
			return "", nil, fmt.Errorf("invalid UTF-8 byte %#x at %d", c, i)
		}
		if r != '\n' && !unicode.IsPrint(r) {
			return "", nil, fmt.Errorf("non-printable %U at %d", r, i)
		}
		b.WriteRune(r)
		i += size
	}
	return b.String(), oscs, nil
}

// ticketOf is the ticket of qrURL as passport reads it, else the raw
// ticket parameter; "" when there is none worth looking for.
func ticketOf(qrURL string) string {
	id, err := passport.ParseTicket(qrURL)
	if err != nil {
		u, perr := url.Parse(qrURL)
		if perr != nil {
			return ""
		}
		id = u.Query().Get("ticket")
	}
	// A ticket made only of what the screen is made of (QR glyphs, spaces)
	// cannot be looked for, nor one so short it can be part of any text
	// ("23" in "needs 37×23"); real tickets are 32 hex digits.
	if strings.Trim(id, " ▀▄█\n") == "" || utf8.RuneCountInString(id) < 6 {
		return ""
	}
	return id
}

// shownAnyway: the ticket's text is on screen for a reason other than the
// ticket: it is also in the scheme, host or path that the screen shows, or
// in the screen's own words. Rendered without query and fragment, the
// screen holds it too.
func shownAnyway(qrURL, ticket string, sz [2]int) bool {
	base := qrURL
	if i := strings.IndexAny(base, "?#"); i >= 0 {
		base = base[:i]
	}
	qr, ok := fuzzQR(base + "?x")
	if !ok {
		return true
	}
	out := Render(Screen{Width: sz[0], Height: sz[1], Locale: "en_US", State: state.ShowingCode, QR: qr,
		QRStyle: QRStyle{Profile: colorprofile.TrueColor, DarkBG: true}, UnexpectedHost: hostOf(qrURL)})
	visible, _, err := splitTerminal(out)
	return err != nil || strings.Contains(visible, ticket)
}

func hostOf(qrURL string) string {
	if u, err := url.Parse(qrURL); err == nil {
		return passport.SanitizeText(u.Host, 255)
	}
	return ""
}
