package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	"github.com/biliqr/biliqr/model"
	"github.com/biliqr/biliqr/passport"
	"github.com/biliqr/biliqr/ui"
	"github.com/biliqr/biliqr/ui/i18n"
)

// SchemaVersion is the "v" of every JSON line. Fields may be added within a
// version; a field's meaning never changes without a new one.
const SchemaVersion = 1

// jsonEvent is the one shape of every -json line; fields an event does not
// have are left out. Field order is the output's order.
type jsonEvent struct {
	V     int    `json:"v"`
	Event string `json:"event"`

	// qr: the full qr_url (the only place it is ever printed: it holds the
	// login ticket), its lifetime and the language. waiting: ExpiresIn.
	URL       string `json:"url,omitempty"`
	ExpiresIn int    `json:"expires_in,omitempty"` // seconds
	Locale    string `json:"locale,omitempty"`
	// qr: trusted is true exactly when biliqr would send the link a
	// request itself: https on the default port (or a configured host and
	// port), no user info, and a host of bilibili.tv or biliintl.com (or a
	// configured one). untrusted lists what is wrong when it is false:
	// "scheme", "user_info", "host".
	Trusted   *bool    `json:"trusted,omitempty"`
	Untrusted []string `json:"untrusted,omitempty"`

	InMS int64 `json:"in_ms,omitempty"` // retrying: the wait before the next try

	// already_logged_in, logged_in, save_failed
	Mid        int64    `json:"mid,omitempty"`
	Name       *string  `json:"name,omitempty"`
	Verified   *bool    `json:"verified,omitempty"`
	SavedTo    string   `json:"saved_to,omitempty"`
	Format     string   `json:"format,omitempty"`
	Unverified *errJSON `json:"unverified,omitempty"`
	// already_logged_in, logged_in: whether the account has Premium
	// (v2/user's vip_info); absent when the reply did not say.
	Premium *bool `json:"premium,omitempty"`
	// already_logged_in, logged_in, session_expired: when the session ends
	// (or ended), RFC 3339, UTC; absent when nothing says.
	ExpiresAt string `json:"expires_at,omitempty"`

	*errJSON // failed, check_failed, save_failed, retrying, png_failed

	Signal string `json:"signal,omitempty"` // cancelled by a signal
}

// errJSON says what went wrong: reason is passport.Kind's stable name
// ("network", "rate_limited", "device_id_needed", …), code the server's code
// and http_status its HTTP status where there was one, message the words
// the screen shows (sanitized, in the UI's language).
type errJSON struct {
	Reason     string `json:"reason,omitempty"`
	Code       int    `json:"code,omitempty"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Message    string `json:"message,omitempty"`
}

func describeErr(locale string, err error, words func(string, error) string) *errJSON {
	if err == nil {
		return nil
	}
	e := &errJSON{Reason: passport.KindOf(err).String(), Code: passport.CodeOf(err), Message: words(locale, err)}
	var te *passport.TransportError
	if errors.As(err, &te) {
		e.HTTPStatus = te.StatusCode
	}
	return e
}

// Encode is the JSON line (without its newline) of ev: the one place the
// -json schema is written.
func Encode(ev model.Event) []byte {
	l := ev.Locale
	j := jsonEvent{V: SchemaVersion, Event: ev.Kind.String()}
	account := func() {
		name := ev.Account.Name // sanitized by passport
		j.Mid, j.Name = ev.Account.Mid, &name
		j.ExpiresAt = expiresAt(ev.Account.Expires)
		if ev.Kind != model.EventSaveFailed {
			j.Premium = ui.PremiumJSON(ev.Account.Premium)
		}
	}
	switch ev.Kind {
	case model.EventCode:
		if ev.QR != nil {
			j.URL = ev.QR.Text()
		}
		j.ExpiresIn = i18n.Seconds(ev.ExpiresIn)
		j.Locale = l
		j.Trusted = &ev.Ticket.Trusted
		j.Untrusted = untrustedParts(ev.Ticket)
	case model.EventWaiting:
		j.ExpiresIn = i18n.Seconds(ev.ExpiresIn)
	case model.EventRetrying:
		j.InMS = ev.RetryIn.Milliseconds()
		j.errJSON = describeErr(l, ev.Err, ui.Describe)
	case model.EventAlreadyLoggedIn:
		account()
		j.SavedTo = ev.SavedTo
	case model.EventLoggedIn:
		account()
		verified := ev.Unverified == nil
		j.Verified = &verified
		j.SavedTo, j.Format = ev.SavedTo, ev.Format
		j.Unverified = describeErr(l, ev.Unverified, ui.UnverifiedReason)
	case model.EventSaveFailed:
		account()
		j.errJSON = describeErr(l, ev.Err, ui.Describe)
	case model.EventSessionExpired:
		j.ExpiresAt = expiresAt(ev.Account.Expires)
	case model.EventCheckFailed:
		j.errJSON = describeErr(l, ev.Err, ui.UnverifiedReason)
	case model.EventFailed, model.EventPNGFailed:
		j.errJSON = describeErr(l, ev.Err, ui.Describe)
	case model.EventChecking, model.EventFetching, model.EventScanned, model.EventExpired, model.EventFinishing, model.EventSaving:
		// the event and its text say it all
	}
	return marshal(j)
}

// untrustedParts names what makes a link untrusted (see jsonEvent).
func untrustedParts(t passport.Ticket) []string {
	if t.Trusted {
		return nil
	}
	var parts []string
	if t.InsecureScheme != "" {
		parts = append(parts, "scheme")
	}
	if t.UserInfo {
		parts = append(parts, "user_info")
	}
	if !t.HostTrusted {
		parts = append(parts, "host")
	}
	return parts
}

// encodeEnd is the line for an end no model event reports.
func encodeEnd(event, reason, signal string) []byte {
	j := jsonEvent{V: SchemaVersion, Event: event, Signal: signal}
	if reason != "" {
		j.errJSON = &errJSON{Reason: reason}
	}
	return marshal(j)
}

func marshal(j jsonEvent) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "<" stays "<": the output is not for a web page
	if err := enc.Encode(j); err != nil {
		// only a bug could get here: every field is a plain value
		return []byte(`{"v":1,"event":"unknown"}`)
	}
	return escapeInvisible(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// expiresAt is t in RFC 3339 (UTC), "" for an unknown time.
func expiresAt(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
