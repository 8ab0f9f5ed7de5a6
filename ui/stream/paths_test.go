package stream

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/model"
)

// hostilePath holds an OSC title, a screen clear, a C1 CSI and a bidi
// override: none may reach a terminal as such.
const hostilePath = "/tmp/\x1b]0;pwned\x07x\x1b[2J\u009b31m\u202ey/cookies.txt"

func rawControls(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\u009b\u202e")
}

// Paths reach the plain lines sanitized, and the JSON lines with every
// control escaped, their value exact.
func TestPathsSanitized(t *testing.T) {
	for _, ev := range []model.Event{
		{Kind: model.EventLoggedIn, Locale: "en_US", Account: mika, SavedTo: hostilePath, Format: "netscape"},
		{Kind: model.EventAlreadyLoggedIn, Locale: "en_US", Account: mika, SavedTo: hostilePath},
	} {
		var human, js bytes.Buffer
		v := New(Options{Human: &human, JSON: &js})
		v.Event(ev)
		if rawControls(human.String()) || !strings.Contains(human.String(), "/tmp/xy/cookies.txt") {
			t.Errorf("%v: plain %q", ev.Kind, human.String())
		}
		if rawControls(js.String()) {
			t.Errorf("%v: JSON holds raw controls: %q", ev.Kind, js.String())
		}
		var got map[string]any
		if err := json.Unmarshal(js.Bytes(), &got); err != nil || got["saved_to"] != hostilePath {
			t.Errorf("%v: JSON saved_to %q, %v", ev.Kind, got["saved_to"], err)
		}
	}
	var out, errOut bytes.Buffer
	Logout(&out, &errOut, "en_US", hostilePath, true, nil)
	if rawControls(out.String()) {
		t.Errorf("-logout: %q", out.String())
	}
}
