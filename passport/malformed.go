package passport

import (
	"errors"
	"net/textproto"
	"strings"
)

// malformedReply says why err, from http.Client.Do, is a reply that
// arrived broken rather than no reply at all ("" when it is not): a header
// line with a control byte, a status line that does not parse, headers
// over the transport's limit (10 MB by default). net/http types only the
// first (textproto.ProtocolError); the others are plain errors whose
// wording has been stable since Go 1.0 and 1.7, so they are matched by
// text, and an unknown wording stays a network fault.
func malformedReply(err error) string {
	var pe textproto.ProtocolError
	if errors.As(err, &pe) {
		return "a malformed reply header"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "server response headers exceeded"):
		return "reply headers too large"
	case strings.Contains(msg, "malformed HTTP"), strings.Contains(msg, "malformed MIME"):
		return "a malformed reply header"
	}
	return ""
}
