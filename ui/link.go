package ui

import "net/url"

// LinkText is how a QR's link is shown in words: host and path, with "?…"
// in place of a query and "#…" in place of a fragment (the ticket is a
// secret on screen and in logs), sanitized; "" when link is no URL. The
// full link goes only into the code itself (and the copy/open keys).
func LinkText(link string) string {
	u, err := url.Parse(link)
	if link == "" || err != nil {
		return ""
	}
	shown := u.Host + u.EscapedPath()
	switch {
	case u.RawQuery != "":
		shown += "?…"
	case u.Fragment != "":
		shown += "#…"
	}
	return SanitizeText(shown, 200)
}
