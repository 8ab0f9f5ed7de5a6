package stream

import (
	"strings"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
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
		v.say(i18n.T(l, i18n.TextChecking))
	case model.EventAlreadyLoggedIn:
		v.alreadyLoggedIn(ev)
	case model.EventCheckFailed:
		v.say(i18n.T(l, i18n.TextStreamCheckFailed, ui.UnverifiedReason(l, ev.Err)))
	case model.EventSessionExpired:
		v.sessionExpired(ev)
	case model.EventFetching:
		if v.last != model.EventExpired { // "getting a new one" said it
			v.say(i18n.T(l, i18n.TextFetching))
		}
	case model.EventCode:
		v.scanned = false
		v.code(ev)
	case model.EventWaiting:
		if v.scanned { // the server decides now: the countdown no longer counts
			v.say(i18n.T(l, i18n.TextStreamWaitingScanned))
		} else {
			v.say(i18n.T(l, i18n.TextStreamWaiting, countdown(ev.ExpiresIn)))
		}
	case model.EventScanned:
		v.scanned = true
		v.say(i18n.T(l, i18n.TextStreamScanned))
	case model.EventExpired:
		v.say(i18n.T(l, i18n.TextExpiredRenewing))
	case model.EventRetrying:
		secs := i18n.Seconds(ev.RetryIn)
		v.say(i18n.T(l, i18n.TextStreamRetrying, ui.Describe(l, ev.Err), secs))
	case model.EventFinishing:
		v.say(i18n.T(l, i18n.TextCompleting))
	case model.EventSaving:
		v.say(i18n.T(l, i18n.TextSaving))
	case model.EventLoggedIn:
		v.loggedIn(ev)
	case model.EventSaveFailed:
		v.say(i18n.T(l, i18n.TextSummaryNotSaved, ui.AccountLabel(l, ev.Account), ui.Describe(l, ev.Err)))
	case model.EventFailed:
		v.say(i18n.T(l, i18n.TextSummaryFailed, ui.Describe(l, ev.Err)))
	case model.EventPNGFailed:
		v.say(ui.Describe(l, ev.Err)) // the file's path and why, as the screen's notice
	}
}

// sessionExpired says the saved session is over: by date when the date is
// known.
func (v *View) sessionExpired(ev model.Event) {
	l := ev.Locale
	if ev.Account.Expires.IsZero() {
		v.say(i18n.T(l, i18n.TextSessionInvalid))
		return
	}
	v.say(i18n.T(l, i18n.TextSessionExpiredNotice, i18n.Date(ev.Account.Expires)))
}

// alreadyLoggedIn says the saved session is kept, and when it ends.
func (v *View) alreadyLoggedIn(ev model.Event) {
	l := ev.Locale
	kept := i18n.TextStreamKept
	if v.demo { // the fake's session, not bilibili.tv's
		kept = i18n.TextStreamKeptDemo
	}
	v.say(i18n.T(l, kept, ui.AccountLabel(l, ev.Account), ui.ShowPath(ev.SavedTo, ui.MaxPathShown)))
	if !ev.Account.Expires.IsZero() {
		v.say(i18n.T(l, i18n.TextSessionEndsLine, i18n.Date(ev.Account.Expires)))
	}
}

// loggedIn says who logged in, where the session went, whether the
// account has Premium, and why it could not be verified if it could not.
func (v *View) loggedIn(ev model.Event) {
	l := ev.Locale
	who := ui.AccountLabel(l, ev.Account)
	if ev.SavedTo == "" {
		v.say(i18n.T(l, i18n.TextSummaryStdout, who, ev.Format) + i18n.EndsSuffix(l, ev.Account.Expires))
	} else {
		ok := i18n.TextSummaryOK
		if v.demo {
			ok = i18n.TextSummaryOKDemo
		}
		v.say(i18n.T(l, ok, who, ui.ShowPath(ev.SavedTo, ui.MaxPathShown), ev.Format) + i18n.EndsSuffix(l, ev.Account.Expires))
	}
	if p := ui.PremiumLine(l, ev.Account.Premium); p != "" {
		v.say(p) // what the account can do: a free one gets 10004004 for Premium videos
	}
	if ev.Unverified != nil {
		v.say(i18n.T(l, i18n.TextUnverified, ui.UnverifiedReason(l, ev.Unverified)))
	}
}

// code prints a QR code once, as text, with the link under it (without
// its query), the language and when it expires.
func (v *View) code(ev model.Event) {
	l := ev.Locale
	var b strings.Builder
	lead := i18n.TextStreamScan
	if v.qrStyle.Mode == ui.QRNone {
		lead = i18n.TextStreamLink // there is no code to scan
	}
	b.WriteString(i18n.T(l, lead))
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
	b.WriteString(i18n.T(l, i18n.TextLanguage, lang) + "\n")
	at := v.now().Add(ev.ExpiresIn).Format("15:04:05")
	b.WriteString(i18n.T(l, i18n.TextStreamExpires, countdown(ev.ExpiresIn), at))
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
			notes = append(notes, i18n.T(l, i18n.TextUnexpectedScheme, ui.SanitizeText(t.InsecureScheme, 20)))
		case "user_info":
			notes = append(notes, i18n.T(l, i18n.TextUnexpectedUserInfo))
		case "host":
			if t.Host != "" {
				notes = append(notes, i18n.T(l, i18n.TextUnexpectedHost, ui.SanitizeText(t.Host, 60)))
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
	return i18n.Countdown(i18n.Seconds(d))
}
