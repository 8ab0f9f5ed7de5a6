package model

import (
	"slices"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/model/state"
	"github.com/biliqr/biliqr/ui/cli"
	"github.com/biliqr/biliqr/ui/i18n"
)

// The man page's KEYS (cli.Keys) names every key the app answers to in
// some state, and no key it does not: a key added to, or taken out of,
// the key map fails here until the manual says so.
func TestManPageKeysAreTheKeyMap(t *testing.T) {
	bound := map[string]bool{}
	km := NewKeyMap("en_US")
	for _, s := range state.All {
		for _, first := range []bool{false, true} {
			for _, retrying := range []bool{false, true} {
				km.setFor(s, first, retrying)
				for _, b := range km.all() {
					if !b.Enabled() {
						continue
					}
					switch b.Help().Key {
					case filterHelpKey: // not a key: typing
						bound["typing"] = true
						continue
					case i18n.T("en_US", i18n.TextKeyAnyKey): // the done screen closes on any key
						bound["any key"] = true
					}
					for _, k := range b.Keys() {
						bound[k] = true
					}
				}
			}
		}
	}
	documented := map[string]bool{}
	for _, e := range cli.Keys {
		for _, k := range strings.Split(e.Term, ", ") {
			documented[strings.ToLower(k)] = true
		}
	}
	for _, k := range sortedSet(bound) {
		if !documented[k] {
			t.Errorf("the app answers to %q, which the man page's KEYS (ui/cli/reference.go, Keys) does not name", k)
		}
	}
	for _, k := range sortedSet(documented) {
		if !bound[k] {
			t.Errorf("the man page's KEYS names %q, to which no state of the app answers", k)
		}
	}
}

func sortedSet(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
