package stream

import (
	"strings"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
)

// A classic terminal: the printed code should fit it whole, so that it can
// be scanned without scrolling.
const qrMaxWidth, qrMaxHeight = 80, 24

// plain prints ev as full sentences in the UI's language, one per line
// (the QR code as a block of text with its details).
func (v *View) plain(ev model.Event) {
	l := ev.Locale
	switch ev.Kind {
	case model.EventChecking:
		v.say(ui.T(l, ui.TextChecking))
	case model.EventAlreadyLoggedIn:
		kept := ui.TextStreamKept
		if v.demo { // the fake's session, not bilibili.tv's
			kept = ui.TextStreamKeptDemo
		}
		v.say(ui.T(l, kept, ui.AccountLabel(l, ev.Account), ui.ShowPath(ev.SavedTo, ui.MaxPathShown)))
		if !ev.Account.Expires.IsZero() {
			v.say(ui.T(l, ui.TextSessionEndsLine, ui.Date(ev.Account.Expires)))
		}
	case model.EventCheckFailed:
		v.say(ui.T(l, ui.TextStreamCheckFailed, ui.UnverifiedReason(l, ev.Err)))
	case model.EventSessionExpired:
		if !ev.Account.Expires.IsZero() {
			v.say(ui.T(l, ui.TextSessionExpiredNotice, ui.Date(ev.Account.Expires)))
		} else {
			v.say(ui.T(l, ui.TextSessionInvalid))
		}
	case model.EventFetching:
		if v.last != model.EventExpired { // "getting a new one" said it
			v.say(ui.T(l, ui.TextFetching))
		}
	case model.EventCode:
		v.scanned = false
		v.code(ev)
	case model.EventWaiting:
		if v.scanned { // the server decides now: the countdown no longer counts
			v.say(ui.T(l, ui.TextStreamWaitingScanned))
		} else {
			v.say(ui.T(l, ui.TextStreamWaiting, countdown(ev.ExpiresIn)))
		}
	case model.EventScanned:
		v.scanned = true
		v.say(ui.T(l, ui.TextStreamScanned))
	case model.EventExpired:
		v.say(ui.T(l, ui.TextExpiredRenewing))
	case model.EventRetrying:
		secs := ui.Seconds(ev.RetryIn)
		v.say(ui.T(l, ui.TextStreamRetrying, ui.Describe(l, ev.Err), secs))
	case model.EventFinishing:
		v.say(ui.T(l, ui.TextCompleting))
	case model.EventSaving:
		v.say(ui.T(l, ui.TextSaving))
	case model.EventLoggedIn:
		who := ui.AccountLabel(l, ev.Account)
		if ev.SavedTo == "" {
			v.say(ui.T(l, ui.TextSummaryStdout, who, ev.Format) + ui.EndsSuffix(l, ev.Account.Expires))
		} else {
			ok := ui.TextSummaryOK
			if v.demo {
				ok = ui.TextSummaryOKDemo
			}
			v.say(ui.T(l, ok, who, ui.ShowPath(ev.SavedTo, ui.MaxPathShown), ev.Format) + ui.EndsSuffix(l, ev.Account.Expires))
		}
		if ev.Unverified != nil {
			v.say(ui.T(l, ui.TextUnverified, ui.UnverifiedReason(l, ev.Unverified)))
		}
	case model.EventSaveFailed:
		v.say(ui.T(l, ui.TextSummaryNotSaved, ui.AccountLabel(l, ev.Account), ui.Describe(l, ev.Err)))
	case model.EventFailed:
		v.say(ui.T(l, ui.TextSummaryFailed, ui.Describe(l, ev.Err)))
	case model.EventPNGFailed:
		v.say(ui.Describe(l, ev.Err)) // the file's path and why, as the screen's notice
	}
}

// code prints a QR code once, as text, with the link under it (without
// its query), the language and when it expires.
func (v *View) code(ev model.Event) {
	l := ev.Locale
	var b strings.Builder
	b.WriteString(ui.T(l, ui.TextStreamScan))
	b.WriteString("\n\n")
	switch {
	case ev.QR != nil && v.qrStyle.Mode == ui.QRNone:
		// no code: the whole link, ticket and all, on a line of its own,
		// to paste into the phone or to hear read out
		if link := ev.QR.Link(); link != "" {
			b.WriteString(link)
			b.WriteByte('\n')
		}
	case ev.QR != nil:
		if blk, ok := fitQR(ev.QR, v.qrStyle); ok {
			b.WriteString(blk.Text)
			b.WriteString("\n\n")
		}
		if link := ui.LinkText(ev.QR.Text()); link != "" {
			b.WriteString(link)
			b.WriteByte('\n')
		}
	}
	for _, note := range untrustedNotes(l, ev.Ticket) {
		b.WriteString(note)
		b.WriteByte('\n')
	}
	lang := l
	if loc, ok := passport.LookupLocale(l); ok {
		lang = loc.Native + " · " + loc.Code
	}
	b.WriteString(ui.T(l, ui.TextLanguage, lang) + "\n")
	at := v.now().Add(ev.ExpiresIn).Format("15:04:05")
	b.WriteString(ui.T(l, ui.TextStreamExpires, countdown(ev.ExpiresIn), at))
	v.say(b.String())
}

// untrustedNotes say what is wrong with a link that is not trusted, part
// by part, as the full screen does: its scheme, its user info, its host.
// An insecure link on the service's own host is not called a foreign host.
func untrustedNotes(l string, t passport.Ticket) []string {
	var notes []string
	for _, part := range untrustedParts(t) {
		switch part {
		case "scheme":
			notes = append(notes, ui.T(l, ui.TextUnexpectedScheme, ui.SanitizeText(t.InsecureScheme, 20)))
		case "user_info":
			notes = append(notes, ui.T(l, ui.TextUnexpectedUserInfo))
		case "host":
			if t.Host != "" {
				notes = append(notes, ui.T(l, ui.TextUnexpectedHost, ui.SanitizeText(t.Host, 60)))
			}
		}
	}
	return notes
}

// fitQR draws q at the smallest scale (half blocks, or '#' pairs where block
// glyphs are double width) with the standard quiet zone: at the highest
// error correction that keeps it within a classic 80×24 terminal, else
// within 80 columns, else at the lowest error correction (the '#' code of
// a real link needs 90×45).
func fitQR(q *ui.QR, st ui.QRStyle) (ui.QRBlock, bool) {
	minW, _ := q.MinSize(st) // lowest error correction, quiet zone 2
	scale := 1
	if st.EastAsian {
		scale = 2
	}
	widest := 2*minW - 1 // any larger scale needs at least twice the smallest width
	w := min(widest, qrMaxWidth)
	if blk, ok := q.Fit(w, qrMaxHeight, st); ok {
		return blk, true
	}
	if blk, ok := q.Fit(w, 1<<20, st); ok {
		return blk, true
	}
	return q.Fit(minW+4*scale, 1<<20, st) // quiet zone 4: two modules more a side
}

// countdown is a remaining time as m:ss, rounded up to the second.
func countdown(d time.Duration) string {
	return ui.Countdown(ui.Seconds(d))
}
