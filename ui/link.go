package ui

import "net/url"

// LinkText is how a QR's URL is shown in words: host and path, "?…" in
// place of the query (the ticket is a secret on screen and in logs), and
// sanitized. The full URL goes only into the code itself.
func LinkText(qrURL string) string {
	shown := qrURL
	if u, err := url.Parse(qrURL); err == nil {
		shown = u.Host + u.Path
		if u.RawQuery != "" {
			shown += "?…"
		}
	}
	return SanitizeText(shown, 200)
}
