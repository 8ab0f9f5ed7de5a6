package ui

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui/i18n"
)

// Screen is a read-only snapshot of everything one frame shows.
type Screen struct {
	Width, Height int
	Theme         *Theme
	Locale        string      // s_locale of the app's language
	State         state.State // what the model is doing (ChoosingLanguage: Menu is set)
	Spinner       string      // the spinner's current frame
	Demo          bool        // -demo: say so in the title

	QR             *QR
	QRStyle        QRStyle
	UnexpectedHost string        // set when qr_url's host is not trusted
	Remaining      time.Duration // countdown of the ticket

	RetryIn  time.Duration // > 0 while waiting to retry after transient trouble
	RetryErr error
	// RetryNewCode: the wait outlives the code; a new one follows it.
	RetryNewCode bool

	Err error // Failed, SaveFailed (the writer's own words), CheckFailed

	Account    passport.Account
	Unverified error  // Done: saved, but the gateway could not confirm it
	SavedTo    string // "" when written to stdout
	Format     string

	Notice string // a one-off line, e.g. "Link copied"
	// MayNotScan: the code is drawn in half blocks on a terminal that
	// could not be asked what it draws; one line offers the f key.
	MayNotScan bool
	Menu       *Menu // non-nil: the locale menu is open over everything
	Keys       []key.Binding
	// KeysDrop names help entries (by their key, "o", "c", …) that give
	// way, in this order, when the bar has no room; model/keys.go decides.
	KeysDrop []string

	// LoosePath and LooseMode: the saved session file at LoosePath is open
	// to other users (mode LooseMode); the checking screens warn.
	LoosePath string
	LooseMode fs.FileMode
	// LooseShared: that file holds cookies of other sites too.
	LooseShared bool
	// UnexpectedScheme is set when qr_url's scheme is not https.
	UnexpectedScheme string
	// UnexpectedUserInfo: qr_url carries user info (user@host).
	UnexpectedUserInfo bool
}

// Menu is the locale menu's state.
type Menu struct {
	Items   []passport.Locale // already filtered
	Cursor  int
	Current string // the locale in use ("" on first launch)
	Filter  string
}

const (
	gap        = 2  // columns between the QR and the text
	minTextCol = 26 // narrowest useful text column beside the QR
	maxTextCol = 72 // text is easier to read in a column than across a wide window
)

// frame builds one screen. Text goes through tw (measured as this terminal
// draws it) and the theme's paints; every line knows its width.
type frame struct {
	s  *Screen
	t  *Theme
	p  *paints
	tw textWidth
}

// Render draws the screen; no line is wider than Width and there are at
// most Height lines.
func Render(s Screen) string {
	if s.Width <= 0 || s.Height <= 0 {
		return ""
	}
	if s.Theme == nil {
		t := NewTheme(true)
		s.Theme = &t
	}
	f := frame{s: &s, t: s.Theme, p: &s.Theme.p, tw: widthFor(s.QRStyle.EastAsian)}
	switch {
	case s.Menu != nil:
		return f.place(f.menu(min(s.Width, 60)))
	case s.State.ShowsCode() && s.QR != nil && s.QRStyle.Mode == QRNone:
		return f.place(f.linkScreen(min(s.Width, maxTextCol)))
	case s.State.ShowsCode() && s.QR != nil:
		return f.qrScreen()
	}
	return f.place(f.message(min(s.Width, f.messageWidth())))
}

// messageWidth is the column the message screens use: maxTextCol, or on
// the screens that name the session's file the width of that line, so a
// long path and its "(netscape)" stay on one line where the window has
// room for it (the window's width caps it in Render).
func (f *frame) messageWidth() int {
	s := f.s
	if s.SavedTo == "" || (s.State != state.Done && s.State != state.AlreadyLoggedIn) {
		return maxTextCol
	}
	return max(maxTextCol, f.tw.of(f.tw.plain(f.savedLine())))
}

// savedLine is where the done and already-logged-in screens say the
// session is.
func (f *frame) savedLine() string {
	s := f.s
	if s.State == state.AlreadyLoggedIn {
		return i18n.T(s.Locale, i18n.TextSavedIn, ShowPath(s.SavedTo, MaxPathShown))
	}
	return i18n.T(s.Locale, i18n.TextSavedTo, ShowPath(s.SavedTo, MaxPathShown), s.Format)
}

// text is a catalog string in the screen's language, ready for this terminal.
func (f *frame) text(m i18n.Text, args ...any) string {
	return f.tw.plain(i18n.T(f.s.Locale, m, args...))
}

// one is a single line of plain text in p, cut to w.
func (f *frame) one(p paint, s string, w int) line {
	s, sw := f.tw.truncate(f.tw.plain(s), w)
	return line{p.on(s), sw}
}

// para is plain text in p, wrapped to w.
func (f *frame) para(p paint, s string, w int) []line {
	ls := f.tw.wrap(f.tw.plain(s), w)
	for i := range ls {
		ls[i].s = p.on(ls[i].s)
	}
	return ls
}

// title is the app's name, with the demo badge beside it, or under it
// where the column is too narrow: a demo must never pass for a real login.
func (f *frame) title(w int) []line {
	s := f.text(i18n.TextTitle)
	t := f.one(f.p.title, s, w)
	if !f.s.Demo {
		return []line{t}
	}
	badge := "[" + f.text(i18n.TextDemoBadge) + "]"
	if bw := f.tw.of(badge); t.w+1+bw <= w {
		return []line{{t.s + " " + f.p.warn.on(badge), t.w + 1 + bw}}
	}
	return []line{t, f.one(f.p.warn, badge, w)}
}

func (f *frame) qrScreen() string {
	s := f.s
	// Beside: the QR on the left, the words on the right (fits 80×24).
	if blk, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle); ok {
		colW := min(s.Width-blk.Width-gap, maxTextCol)
		return f.beside(blk, f.qrColumn(colW))
	}
	// Stacked: a few lines of words under the QR.
	compact := f.compact(s.Width)
	if blk, ok := s.QR.Fit(s.Width, s.Height-len(compact), s.QRStyle); ok {
		ls := make([]line, 0, s.Height)
		for _, l := range blk.Lines {
			ls = append(ls, line{l, blk.Width})
		}
		// the key help in the rows left under the code and its status
		ls = append(ls, compact[:len(compact)-1]...)
		ls = f.withHelp(ls, f.helpFit(s.Width, s.Height-len(ls)))
		return f.place(ls)
	}
	// Nothing fits: say how large the window must be, and the other ways.
	w, h := s.QR.MinSize(s.QRStyle)
	ls := append(f.title(s.Width), line{})
	ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, i18n.TextTooSmall, w, h+len(compact), s.Width, s.Height), s.Width)...)
	if s.QRStyle.EastAsian && !s.QRStyle.Console {
		ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, i18n.TextEastAsianHint), s.Width)...)
	}
	ls = append(ls, line{})
	ls = append(ls, compact[:len(compact)-1]...) // status and notes; help comes last
	ls = append(ls, f.link(s.Width))
	ways := i18n.TextOtherWays
	if s.QRStyle.Console {
		ways = i18n.TextConsoleWays // no window to enlarge: a font, a resolution, -png, -qr none
	}
	ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, ways), s.Width)...)
	// A tiny window: the keys (q to quit above all) matter more than the
	// words before them, so those give way first.
	return f.place(f.withHelp(ls, f.helpFit(s.Width, s.Height-len(ls))))
}

// qrColumn is the text beside the QR.
func (f *frame) qrColumn(w int) []line {
	ls := make([]line, 0, 24)
	ls = append(ls, f.title(w)...)
	ls = append(ls, line{})
	ls = append(ls, f.status(w)...)
	ls = append(ls, line{}, f.link(w), line{})
	return f.withHelp(ls, f.helpFit(w, f.s.Height-len(ls)))
}

// status: what is happening, the locale, the countdown, and notes.
func (f *frame) status(w int) []line {
	s := f.s
	var ls []line
	st, hint := i18n.TextScan, i18n.TextScanHint
	if s.State == state.Scanned {
		st, hint = i18n.TextScanned, i18n.TextScannedHint
	}
	ls = append(ls, f.para(f.p.status, i18n.T(s.Locale, st), w)...)
	ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, hint), w)...)
	ls = append(ls, line{}, f.localeLine(w), f.one(f.p.value, i18n.T(s.Locale, i18n.TextExpiresIn, f.countdown()), w))
	return append(ls, f.notes(w)...)
}

func (f *frame) countdown() string {
	return i18n.ExpiresIn(f.s.Locale, f.s.Remaining)
}

// compact is the status squeezed under a QR in a narrow window.
func (f *frame) compact(w int) []line {
	s := f.s
	st := i18n.TextScan
	if s.State == state.Scanned {
		st = i18n.TextScanned
	}
	first := f.text(st) + "  " + f.countdown()
	ls := []line{f.one(f.p.status, first, w)}
	for _, n := range f.notes(w) {
		if n.w > 0 {
			ls = append(ls, n)
		}
	}
	hl := f.help(w)
	if len(hl) > 0 {
		ls = append(ls, hl[0])
	} else {
		ls = append(ls, line{})
	}
	return ls
}

func (f *frame) localeLine(w int) line {
	name := f.s.Locale
	if l, ok := passport.LookupLocale(f.s.Locale); ok {
		name = l.Native + " · " + l.Code
	}
	// The catalog writes the separator with the label: a colon (in
	// Indonesian and Malay the label is also the name's first word), full
	// width in Chinese. The name has its own paint: split the text at it.
	const mark = "\x00"
	label, after, _ := strings.Cut(f.text(i18n.TextLanguage, mark), mark)
	lw, aw := f.tw.of(label), f.tw.of(after)
	if lw >= w {
		return f.one(f.p.label, label, w)
	}
	v := f.one(f.p.value, name, max(w-lw-aw, 1))
	l := line{f.p.label.on(label) + v.s, lw + v.w}
	if after != "" && l.w+aw <= w {
		l = line{l.s + f.p.label.on(after), l.w + aw}
	}
	return l
}

// notes: retry notices, an unexpected QR host, one-off notices.
func (f *frame) notes(w int) []line {
	s := f.s
	var ls []line
	if s.RetryIn > 0 {
		ls = append(ls, line{})
		retrying := RetryTitle(s.RetryErr)
		if s.RetryNewCode {
			retrying = i18n.TextRetryNewCode
		}
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, retrying, i18n.Seconds(s.RetryIn)), w)...)
		if s.RetryErr != nil {
			ls = append(ls, f.para(f.p.muted, Describe(s.Locale, s.RetryErr), w)...)
		}
	}
	if s.UnexpectedScheme != "" {
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, i18n.TextUnexpectedScheme, SanitizeText(s.UnexpectedScheme, 20)), w)...)
	}
	if s.UnexpectedUserInfo {
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, i18n.TextUnexpectedUserInfo), w)...)
	}
	if s.UnexpectedHost != "" {
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, i18n.TextUnexpectedHost, SanitizeText(s.UnexpectedHost, 60)), w)...)
	}
	if s.Notice != "" {
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.accent, SanitizeText(s.Notice, 300), w)...)
	}
	if f.mayNotScan() {
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, i18n.TextMayNotScan), w)...)
	}
	if s.LoosePath != "" {
		ls = append(ls, line{})
		mode := fmt.Sprintf("%04o", s.LooseMode.Perm())
		warn := i18n.TextLooseMode
		if s.LooseShared {
			warn = i18n.TextLooseModeShared
		}
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, warn, ShowPath(s.LoosePath, MaxPathShown), mode), w)...)
	}
	return ls
}

// link shows the QR's URL without its query or fragment (the ticket is a
// secret on screen), as an OSC 8 hyperlink to the full URL for terminals
// that click. Both come only from the checked, percent-encoded Link: raw
// qr_url text never reaches the terminal.
func (f *frame) link(w int) line {
	full := f.s.QR.Link()
	shown := LinkText(full)
	if shown == "" {
		return line{}
	}
	l := f.one(f.p.link, shown, w)
	return line{ansi.SetHyperlink(full) + l.s + ansi.ResetHyperlink(), l.w}
}

// mayNotScan: the code beside the text is drawn in half blocks (an odd
// scale) on a terminal that could not be asked what it draws, and the
// phone has not read it yet (once scanned, it did scan). Whole-cell
// scales are background colours already, which line spacing cannot break.
func (f *frame) mayNotScan() bool {
	s := f.s
	if !s.MayNotScan || s.State != state.ShowingCode || s.QR == nil || s.QRStyle.textMode() != QRBlocks {
		return false
	}
	blk, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle)
	return ok && blk.Scale%2 == 1
}

// linkScreen is -qr none: no code, the whole link (ticket and all: the
// user asked for it, to paste into the phone or to hear it read), wrapped
// at any byte since a URL has no spaces.
func (f *frame) linkScreen(w int) []line {
	s := f.s
	ls := append(f.title(w), line{})
	ls = append(ls, f.status(w)...)
	ls = append(ls, line{})
	full := s.QR.Link()
	for len(full) > 0 {
		n := min(len(full), w)
		ls = append(ls, line{ansi.SetHyperlink(s.QR.Link()) + f.p.link.on(full[:n]) + ansi.ResetHyperlink(), n})
		full = full[n:]
	}
	ls = append(ls, line{})
	return f.withHelp(ls, f.helpFit(w, f.s.Height-len(ls)))
}

// message draws the phases without a QR: spinners, done, failed.
func (f *frame) message(w int) []line {
	s := f.s
	ls := append(f.title(w), line{})
	spin := func(m i18n.Text) {
		ls = append(ls, f.para(f.p.status, s.Spinner+" "+i18n.T(s.Locale, m), w)...)
	}
	switch s.State {
	case state.Fetching:
		spin(i18n.TextFetching)
		ls = append(ls, line{}, f.localeLine(w))
		ls = append(ls, f.notes(w)...)
	case state.Renewing:
		ls = append(ls, f.para(f.p.warn, s.Spinner+" "+i18n.T(s.Locale, i18n.TextExpiredRenewing), w)...)
		ls = append(ls, line{}, f.localeLine(w))
		ls = append(ls, f.notes(w)...)
	case state.Finishing:
		spin(i18n.TextCompleting)
		ls = append(ls, f.notes(w)...)
	case state.Saving:
		spin(i18n.TextSaving)
	case state.Checking:
		spin(i18n.TextChecking)
		ls = append(ls, f.notes(w)...)
	case state.Done:
		ls = append(ls, f.para(f.p.good, "✓ "+i18n.T(s.Locale, i18n.TextDone, AccountLabel(s.Locale, s.Account)), w)...)
		if s.SavedTo != "" {
			ls = append(ls, f.para(f.p.value, f.savedLine(), w)...)
		}
		ls = append(ls, f.ends(w)...)
		if p := PremiumLine(s.Locale, s.Account.Premium); p != "" {
			ls = append(ls, f.para(f.p.value, p, w)...)
		}
		if s.Unverified != nil {
			ls = append(ls, line{})
			ls = append(ls, f.para(f.p.warn, "! "+i18n.T(s.Locale, i18n.TextUnverified, UnverifiedReason(s.Locale, s.Unverified)), w)...)
		}
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, i18n.TextClosingSoon), w)...)
	case state.CheckFailed:
		ls = append(ls, f.para(f.p.warn, i18n.T(s.Locale, i18n.TextCheckFailed, UnverifiedReason(s.Locale, s.Err)), w)...)
		ls = append(ls, f.notes(w)...)
	case state.AlreadyLoggedIn:
		ls = append(ls, f.para(f.p.good, "✓ "+i18n.T(s.Locale, i18n.TextAlreadyLoggedIn, AccountLabel(s.Locale, s.Account)), w)...)
		if s.SavedTo != "" {
			ls = append(ls, f.para(f.p.muted, f.savedLine(), w)...)
		}
		ls = append(ls, f.ends(w)...)
		if p := PremiumLine(s.Locale, s.Account.Premium); p != "" {
			ls = append(ls, f.para(f.p.value, p, w)...)
		}
		ls = append(ls, f.notes(w)...)
	case state.Failed:
		// "r try again" is in the help bar below: no sentence repeats it
		ls = append(ls, f.para(f.p.bad, "✗ "+i18n.T(s.Locale, i18n.TextFailed), w)...)
		ls = append(ls, f.para(f.p.value, Describe(s.Locale, s.Err), w)...)
		ls = append(ls, f.notes(w)...)
	case state.SaveFailed:
		// the login worked and is kept; only the file is missing
		ls = append(ls, f.para(f.p.bad, "✗ "+i18n.T(s.Locale, i18n.TextNotSavedTitle), w)...)
		// the writer's own words: path and reason, no secrets
		ls = append(ls, f.para(f.p.value, i18n.T(s.Locale, i18n.TextErrSave, FileReason(s.Err)), w)...)
		ls = append(ls, line{})
		ls = append(ls, f.para(f.p.muted, i18n.T(s.Locale, i18n.TextErrSaveHint), w)...)
		ls = append(ls, f.notes(w)...)
	default: // the code, the menu and the last frame are drawn elsewhere
	}
	ls = append(ls, line{})
	return f.withHelp(ls, f.helpFit(w, f.s.Height-len(ls)))
}

// menu draws the locale menu.
func (f *frame) menu(w int) []line {
	s, m := f.s, f.s.Menu
	ls := append(f.title(w), line{}, f.one(f.p.status, i18n.T(s.Locale, i18n.TextMenuTitle), w))
	if m.Filter != "" {
		ls = append(ls, f.one(f.p.menuFilter, i18n.T(s.Locale, i18n.TextMenuFilter, SanitizeText(m.Filter, 30)), w))
	}
	ls = append(ls, line{})
	nameW := 0
	for _, l := range m.Items {
		nameW = max(nameW, f.tw.of(l.Native))
	}
	for i, l := range m.Items {
		row := l.Native + strings.Repeat(" ", nameW-f.tw.of(l.Native)) + "  " + l.Code
		p, mark := f.p.menuItem, "  "
		if i == m.Cursor {
			p, mark = f.p.menuCursor, f.tw.plain("› ")
		}
		it := f.one(p, mark+row, w)
		if l.Code == m.Current {
			cur := f.tw.plain("  ✓ " + i18n.T(s.Locale, i18n.TextMenuCurrent))
			if cw := f.tw.of(cur); it.w+cw <= w {
				it = line{it.s + f.p.menuCurrent.on(cur), it.w + cw}
			}
		}
		ls = append(ls, it)
	}
	if len(m.Items) == 0 {
		ls = append(ls, f.one(f.p.muted, i18n.T(s.Locale, i18n.TextMenuNoMatch), w))
	}
	ls = append(ls, line{})
	return f.withHelp(ls, f.helpFit(w, f.s.Height-len(ls)))
}

// help lays the key help out with bubbles/help in as many rows as the
// width needs. Rows change only with the keys, language and width, so they
// are kept in the theme's cache.
func (f *frame) help(w int) []line {
	var k strings.Builder
	k.WriteString(strconv.Itoa(w))
	if f.tw.cond.EastAsianWidth {
		k.WriteString("ea")
	}
	for _, b := range f.s.Keys {
		if b.Enabled() {
			k.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
		}
	}
	return f.t.help.get(k.String(), func() []line {
		h := help.New()
		h.Styles = f.t.helpSt
		sep := " • "
		if f.tw.cond.EastAsianWidth {
			sep = " | "
		}
		h.ShortSeparator = sep
		sepW := f.tw.of(sep)
		var rows []line
		var row []key.Binding
		rowW := 0
		emit := func() {
			rows = append(rows, line{h.ShortHelpView(row), rowW})
			row, rowW = nil, 0
		}
		for _, b := range f.s.Keys {
			if !b.Enabled() {
				continue
			}
			hb := b.Help()
			hk, hd := f.tw.plain(hb.Key), f.tw.plain(hb.Desc)
			b.SetHelp(hk, hd)
			bw := f.tw.of(hk) + 1 + f.tw.of(hd)
			if len(row) > 0 && rowW+sepW+bw > w {
				emit()
			}
			if bw > w { // a single key wider than the column: cut its words
				d, _ := f.tw.truncate(hd, max(w-f.tw.of(hk)-1, 0))
				b.SetHelp(hk, d)
				bw = min(bw, w)
			}
			if len(row) > 0 {
				rowW += sepW
			}
			row = append(row, b)
			rowW += bw
		}
		if len(row) > 0 {
			emit()
		}
		return rows
	})
}

// beside joins the QR block and the text column, centred in the window.
// Widths are all known: nothing is measured here.
func (f *frame) beside(blk QRBlock, col []line) string {
	s := f.s
	colW := 0
	for _, l := range col {
		colW = max(colW, l.w)
	}
	totalW := blk.Width + gap + colW
	rows := min(max(blk.Height, len(col)), s.Height)
	left := max((s.Width-totalW)/2, 0)
	top := max((s.Height-rows)/2, 0)
	pad := strings.Repeat(" ", left)
	blank := strings.Repeat(" ", blk.Width)
	var b strings.Builder
	b.Grow(len(blk.Text) + rows*(left+gap+64) + top)
	b.WriteString(strings.Repeat("\n", top))
	for i := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pad)
		if i < len(blk.Lines) {
			b.WriteString(blk.Lines[i])
		} else {
			b.WriteString(blank)
		}
		if i < len(col) && col[i].w > 0 {
			b.WriteString("  ")
			b.WriteString(col[i].s)
		}
	}
	return b.String()
}

// place centres lines in the window, keeping every line within it.
func (f *frame) place(ls []line) string {
	s := f.s
	if len(ls) > s.Height {
		ls = ls[:s.Height]
	}
	w := 0
	for _, l := range ls {
		w = max(w, l.w)
	}
	left := max((s.Width-min(w, s.Width))/2, 0)
	top := max((s.Height-len(ls))/2, 0)
	pad := strings.Repeat(" ", left)
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", top))
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		if l.w == 0 {
			continue
		}
		if l.w > s.Width { // a guard; layout keeps lines narrower
			b.WriteString(ansi.Truncate(l.s, s.Width, ""))
			continue
		}
		b.WriteString(pad)
		b.WriteString(l.s)
	}
	return b.String()
}
