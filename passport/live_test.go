package passport_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// TestLiveSmoke asks the real service for a QR ticket in every locale and
// polls it once: the one check of the parts PROTOCOL.md could only infer
// that anyone with internet can run. Every line it logs is safe to paste
// into a bug report: codes, and qr_url without its query (the ticket).
func TestLiveSmoke(t *testing.T) {
	if os.Getenv("BILIQR_LIVE") != "1" {
		t.Skip("live test against bilibili.tv: run with BILIQR_LIVE=1 go test ./passport -run TestLiveSmoke -v")
	}
	c, err := passport.New(passport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range passport.Locales {
		line, err := liveLocale(c, l)
		t.Logf("%s: %s", l.Code, line)
		if err != nil {
			// Errorf, not Fatalf: the report should cover every locale.
			t.Errorf("%s: %v", l.Code, err)
		}
	}
}

// liveLocale runs one locale and describes what the service answered. The
// description never holds the ticket or the qr_url query.
func liveLocale(c *passport.Client, l passport.Locale) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	tk, err := c.RequestTicket(ctx, l.Code)
	if err != nil {
		return "ticket: " + describeLive(err), err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ticket: code 0, qr_type %q, qr_url %s", tk.QRType, redactedURL(tk))
	var problems []error
	if tk.ID == "" {
		problems = append(problems, errors.New("qr_url holds no ticket"))
	}
	if !tk.Trusted || tk.Host != "www.bilibili.tv" {
		problems = append(problems, fmt.Errorf("qr_url on host %q (trusted %v), want www.bilibili.tv", tk.Host, tk.Trusted))
	}
	// Only /h5/en/ has been seen; other sites are a guess, so a different
	// one is reported, not failed.
	if u, err := url.Parse(tk.QRURL); err == nil && l.Site != "" && !strings.HasPrefix(u.Path, "/h5/"+l.Site+"/") {
		b.WriteString(" (site is not " + l.Site + ")")
	}

	r, err := c.PollQR(ctx, tk, l.Code)
	switch {
	case err != nil:
		fmt.Fprintf(&b, "; poll: %s", describeLive(err))
		problems = append(problems, err)
	case r.Status != passport.Waiting:
		fmt.Fprintf(&b, "; poll: %v", r.Status)
		problems = append(problems, fmt.Errorf("poll said %v, want waiting (%d)", r.Status, passport.CodeNotScanned))
	default:
		fmt.Fprintf(&b, "; poll: code %d (waiting)", passport.CodeNotScanned)
	}
	return b.String(), errors.Join(problems...)
}

// redactedURL is qr_url as scheme://host/path plus the names (never the
// values) of its query parameters, with the ticket masked should the path
// ever hold it.
func redactedURL(tk passport.Ticket) string {
	u, err := url.Parse(tk.QRURL)
	if err != nil {
		return "(does not parse)"
	}
	s := u.Scheme + "://" + u.Host + u.EscapedPath()
	if tk.ID != "" {
		s = strings.ReplaceAll(s, tk.ID, "<ticket>")
		s = strings.ReplaceAll(s, url.PathEscape(tk.ID), "<ticket>")
	}
	keys := make([]string, 0, len(u.Query()))
	for k := range u.Query() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		s += " ?" + strings.Join(keys, ",")
	}
	if u.Fragment != "" {
		s += " #fragment"
	}
	return passport.SanitizeText(s, 300)
}

// describeLive names an error by its typed parts, which hold no secrets.
func describeLive(err error) string {
	var api *passport.APIError
	var te *passport.TransportError
	var ue *passport.UnexpectedReplyError
	switch {
	case errors.As(err, &api):
		return fmt.Sprintf("code %d (%s)", api.Code, api.Message)
	case errors.As(err, &te) && te.StatusCode != 0:
		return fmt.Sprintf("HTTP %d", te.StatusCode)
	case errors.As(err, &te):
		return "no answer: " + passport.SanitizeText(fmt.Sprint(te.Err), 200)
	case errors.As(err, &ue):
		return "unexpected reply: " + ue.Reason
	}
	return passport.SanitizeText(err.Error(), 200)
}
