package ui

import (
	"net/url"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/biliqr/biliqr/passport"
)

// Phase is what the screen is showing; the model maps its states onto it.
type Phase int

const (
	PhaseFetching   Phase = iota // spinner: asking for a ticket
	PhaseQR                      // the QR, waiting for a scan
	PhaseScanned                 // the QR, scanned: confirm on the phone
	PhaseCompleting              // spinner: go_url, SSO, verify
	PhaseSaving                  // spinner: writing the file
	PhaseDone                    // who is logged in, where the file went
	PhaseFailed                  // what went wrong
	PhaseChecking                // spinner: checking a saved session
	PhaseLoggedIn                // a saved session is still valid
)

// Screen is a read-only snapshot of everything one frame shows.
type Screen struct {
	Width, Height int
	Theme         *Theme
	Locale        string // s_locale of the app's language
	Phase         Phase
	Spinner       string // the spinner's current frame
	Demo          bool   // -demo: say so in the title

	QR             *QR
	QRStyle        QRStyle
	UnexpectedHost string        // set when qr_url's host is not trusted
	Remaining      time.Duration // countdown of the ticket
	Renewing       bool          // the ticket expired and a new one is on its way

	RetryIn  time.Duration // > 0 while waiting to retry after transient trouble
	RetryErr error

	Err     error // PhaseFailed (and PhaseLoggedIn's "could not check")
	SaveErr bool  // Err happened while saving: the login is kept

	Account passport.Account
	SavedTo string // "" when written to stdout
	Format  string

	Notice string // a one-off line, e.g. "Link copied"
	Menu   *Menu  // non-nil: the locale menu is open over everything
	Keys   []key.Binding
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
)

// Render draws the screen; every line fits Width and there are at most Height.
func Render(s Screen) string {
	if s.Theme == nil {
		t := NewTheme(true)
		s.Theme = &t
	}
	if s.Width <= 0 || s.Height <= 0 {
		return ""
	}
	var out string
	switch {
	case s.Menu != nil:
		out = renderMenu(s)
	case s.Phase == PhaseQR || s.Phase == PhaseScanned:
		out = renderQR(s)
	default:
		out = renderMessage(s)
	}
	return clip(out, s.Width, s.Height)
}

func renderQR(s Screen) string {
	t := s.Theme
	// Beside: the QR on the left, the words on the right (fits 80×24).
	if blk, ok := s.QR.Fit(s.Width-gap-minTextCol, s.Height, s.QRStyle); ok {
		colW := s.Width - blk.Width - gap
		col := strings.Join(qrColumn(s, colW), "\n")
		body := lipgloss.JoinHorizontal(lipgloss.Top, blk.Text, strings.Repeat(" ", gap), col)
		return center(s, body)
	}
	// Stacked: a few lines of words under the QR.
	compact := compactLines(s, s.Width)
	if blk, ok := s.QR.Fit(s.Width, s.Height-len(compact), s.QRStyle); ok {
		body := lipgloss.JoinVertical(lipgloss.Left, blk.Text, strings.Join(compact, "\n"))
		return center(s, body)
	}
	// Nothing fits: say how large the window must be, and the other ways.
	w, h := s.QR.MinSize(s.QRStyle)
	lines := []string{title(s, s.Width), ""}
	lines = append(lines, wrap(t.Warn, T(s.Locale, MsgTooSmall, w, h+len(compact), s.Width, s.Height), s.Width)...)
	if s.QRStyle.EastAsian {
		lines = append(lines, wrap(t.Muted, T(s.Locale, MsgEastAsianHint), s.Width)...)
	}
	lines = append(lines, "")
	lines = append(lines, compact[:len(compact)-1]...) // status and notes; help comes last
	lines = append(lines, link(t, s.QR.Text(), s.Width))
	lines = append(lines, wrap(t.Muted, T(s.Locale, MsgOtherWays), s.Width)...)
	lines = append(lines, helpLines(s, s.Width)...)
	return strings.Join(lines, "\n")
}

// title is the app's name, with a badge in the demo.
func title(s Screen, w int) string {
	t := s.Theme.Title.Render(T(s.Locale, MsgTitle))
	if s.Demo {
		t += " " + s.Theme.Warn.Render("["+T(s.Locale, MsgDemoBadge)+"]")
	}
	return ansi.Truncate(t, w, "…")
}

// qrColumn is the text beside the QR.
func qrColumn(s Screen, w int) []string {
	t := s.Theme
	lines := []string{title(s, w), ""}
	lines = append(lines, statusLines(s, w)...)
	lines = append(lines, "", link(t, s.QR.Text(), w), "")
	lines = append(lines, helpLines(s, w)...)
	return lines
}

// statusLines: what is happening, the locale, the countdown, and notes.
func statusLines(s Screen, w int) []string {
	t := s.Theme
	var lines []string
	status, hint := MsgScan, MsgScanHint
	if s.Phase == PhaseScanned {
		status, hint = MsgScanned, MsgScannedHint
	}
	if s.Renewing {
		lines = append(lines, wrap(t.Warn, T(s.Locale, MsgExpiredRenewing), w)...)
	} else {
		lines = append(lines, wrap(t.Status, T(s.Locale, status), w)...)
		lines = append(lines, wrap(t.Muted, T(s.Locale, hint), w)...)
	}
	lines = append(lines, "")
	lines = append(lines, localeLine(s, w))
	lines = append(lines, t.Value.Render(T(s.Locale, MsgExpiresIn, Countdown(int((s.Remaining+time.Second-1)/time.Second)))))
	lines = append(lines, noteLines(s, w)...)
	return lines
}

// compactLines is the status squeezed under a QR in a narrow window.
func compactLines(s Screen, w int) []string {
	t := s.Theme
	status := MsgScan
	if s.Phase == PhaseScanned {
		status = MsgScanned
	}
	first := t.Status.Render(T(s.Locale, status)) + t.Muted.Render("  "+Countdown(int((s.Remaining+time.Second-1)/time.Second)))
	lines := []string{ansi.Truncate(first, w, "…")}
	for _, n := range noteLines(s, w) {
		lines = append(lines, ansi.Truncate(n, w, "…"))
	}
	lines = append(lines, ansi.Truncate(shortHelp(s, w), w, "…"))
	return lines
}

func localeLine(s Screen, w int) string {
	t := s.Theme
	name := s.Locale
	if l, ok := passport.LookupLocale(s.Locale); ok {
		name = l.Native + " · " + l.Code
	}
	return ansi.Truncate(t.Label.Render(T(s.Locale, MsgLanguage)+" ")+t.Value.Render(name), w, "…")
}

// noteLines: retry notices, an unexpected QR host, one-off notices.
func noteLines(s Screen, w int) []string {
	t := s.Theme
	var lines []string
	if s.RetryIn > 0 {
		lines = append(lines, "")
		lines = append(lines, wrap(t.Warn, T(s.Locale, MsgRetrying, roundSeconds(s.RetryIn)), w)...)
		if s.RetryErr != nil {
			lines = append(lines, wrap(t.Muted, Describe(s.Locale, s.RetryErr), w)...)
		}
	}
	if s.UnexpectedHost != "" {
		lines = append(lines, "")
		lines = append(lines, wrap(t.Warn, T(s.Locale, MsgUnexpectedHost, SanitizeText(s.UnexpectedHost, 60)), w)...)
	}
	if s.Notice != "" {
		lines = append(lines, "")
		lines = append(lines, wrap(t.Accent, s.Notice, w)...)
	}
	return lines
}

// renderMessage draws the phases without a QR: spinners, done, failed.
func renderMessage(s Screen) string {
	t := s.Theme
	w := min(s.Width, 72)
	lines := []string{title(s, w), ""}
	spin := func(m Msg) {
		lines = append(lines, wrap(t.Status, s.Spinner+" "+T(s.Locale, m), w)...)
	}
	switch s.Phase {
	case PhaseFetching:
		spin(MsgFetching)
		lines = append(lines, "", localeLine(s, w))
		lines = append(lines, noteLines(s, w)...)
	case PhaseCompleting:
		spin(MsgCompleting)
		lines = append(lines, noteLines(s, w)...)
	case PhaseSaving:
		spin(MsgSaving)
	case PhaseChecking:
		spin(MsgChecking)
		lines = append(lines, noteLines(s, w)...)
	case PhaseDone:
		lines = append(lines, wrap(t.Good, "✓ "+T(s.Locale, MsgDone, AccountLabel(s.Locale, s.Account)), w)...)
		if s.SavedTo != "" {
			lines = append(lines, wrap(t.Value, T(s.Locale, MsgSavedTo, s.SavedTo, s.Format), w)...)
		}
		lines = append(lines, "")
		lines = append(lines, wrap(t.Muted, T(s.Locale, MsgClosingSoon), w)...)
	case PhaseLoggedIn:
		if s.Err != nil {
			lines = append(lines, wrap(t.Warn, T(s.Locale, MsgCheckFailed, Describe(s.Locale, s.Err)), w)...)
		} else {
			lines = append(lines, wrap(t.Good, "✓ "+T(s.Locale, MsgAlreadyLoggedIn, AccountLabel(s.Locale, s.Account)), w)...)
			if s.SavedTo != "" {
				lines = append(lines, wrap(t.Muted, s.SavedTo, w)...)
			}
		}
		lines = append(lines, noteLines(s, w)...)
	case PhaseFailed:
		lines = append(lines, wrap(t.Bad, "✗ "+T(s.Locale, MsgFailed), w)...)
		what, hint := Describe(s.Locale, s.Err), MsgErrRetryHint
		if s.SaveErr {
			// save errors are the writer's own words: path and reason, no secrets
			what, hint = T(s.Locale, MsgErrSave, SanitizeText(s.Err.Error(), 300)), MsgErrSaveHint
		}
		lines = append(lines, wrap(t.Value, what, w)...)
		lines = append(lines, "")
		lines = append(lines, wrap(t.Muted, T(s.Locale, hint), w)...)
		lines = append(lines, noteLines(s, w)...)
	}
	lines = append(lines, "")
	lines = append(lines, helpLines(s, w)...)
	return center(s, strings.Join(lines, "\n"))
}

// renderMenu draws the locale menu.
func renderMenu(s Screen) string {
	t := s.Theme
	m := s.Menu
	w := min(s.Width, 60)
	lines := []string{title(s, w), ""}
	lines = append(lines, t.Status.Render(ansi.Truncate(T(s.Locale, MsgMenuTitle), w, "…")))
	if m.Filter != "" {
		lines = append(lines, t.MenuFilter.Render(ansi.Truncate(T(s.Locale, MsgMenuFilter, SanitizeText(m.Filter, 30)), w, "…")))
	}
	lines = append(lines, "")
	nameW := 0
	for _, l := range m.Items {
		nameW = max(nameW, lipgloss.Width(l.Native))
	}
	for i, l := range m.Items {
		pad := strings.Repeat(" ", nameW-lipgloss.Width(l.Native))
		row := l.Native + pad + "  " + l.Code
		style, mark := t.MenuItem, "  "
		if i == m.Cursor {
			style, mark = t.MenuCursor, "› "
		}
		line := style.Render(mark + row)
		if l.Code == m.Current {
			line += t.MenuCurrent.Render("  ✓ " + T(s.Locale, MsgMenuCurrent))
		}
		lines = append(lines, ansi.Truncate(line, w, "…"))
	}
	if len(m.Items) == 0 {
		lines = append(lines, t.Muted.Render(T(s.Locale, MsgMenuNoMatch)))
	}
	lines = append(lines, "")
	lines = append(lines, helpLines(s, w)...)
	return center(s, strings.Join(lines, "\n"))
}

// helpLines lays the key help out in as many lines as the width needs.
func helpLines(s Screen, w int) []string {
	h := help.New()
	h.Styles = s.Theme.Help
	var lines []string
	var row []key.Binding
	for _, b := range s.Keys {
		if !b.Enabled() {
			continue
		}
		if len(row) > 0 && lipgloss.Width(h.ShortHelpView(append(row, b))) > w {
			lines = append(lines, h.ShortHelpView(row))
			row = nil
		}
		row = append(row, b)
	}
	if len(row) > 0 {
		lines = append(lines, ansi.Truncate(h.ShortHelpView(row), w, "…"))
	}
	return lines
}

func shortHelp(s Screen, w int) string {
	h := help.New()
	h.Styles = s.Theme.Help
	h.SetWidth(w)
	return h.ShortHelpView(s.Keys)
}

// link shows the QR's URL without its query (the ticket is a secret on
// screen), as an OSC 8 hyperlink to the full URL for terminals that click.
func link(t *Theme, full string, w int) string {
	shown := full
	if u, err := url.Parse(full); err == nil {
		shown = u.Host + u.Path
		if u.RawQuery != "" {
			shown += "?…"
		}
	}
	shown = ansi.Truncate(SanitizeText(shown, 200), w, "…")
	return ansi.SetHyperlink(full) + t.Accent.Underline(true).Render(shown) + ansi.ResetHyperlink()
}

// wrap renders text in style, word-wrapped to w cells (display width, so
// Thai marks and CJK characters are measured right).
func wrap(style lipgloss.Style, text string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(style.Width(w).Render(text), "\n")
}

// center places body in the middle of the window when there is room.
func center(s Screen, body string) string {
	bw, bh := lipgloss.Width(body), lipgloss.Height(body)
	if bw >= s.Width && bh >= s.Height {
		return body
	}
	return lipgloss.Place(s.Width, s.Height, lipgloss.Center, lipgloss.Center, body)
}

// clip is the last guard: no line wider than w, no more than h lines.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

func roundSeconds(d time.Duration) string {
	return (((d + time.Second - 1) / time.Second) * time.Second).String()
}
