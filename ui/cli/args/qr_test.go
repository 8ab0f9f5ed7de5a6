package args

import (
	"bytes"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/ui/cli"
)

// -qr lists its modes in -h, the man page and every shell's completion,
// and an unknown one is bad usage that names them.
func TestQRFlagEverywhere(t *testing.T) {
	defs := Defs(new(Options))
	var help, man bytes.Buffer
	cli.Help(&help, "biliqr", defs)
	if err := cli.Man(&man, cli.Page{Name: "biliqr"}, defs); err != nil {
		t.Fatal(err)
	}
	modes := []string{"auto", "blocks", "large", "ascii", "image", "none"}
	for _, m := range modes {
		if !strings.Contains(help.String(), m) || !strings.Contains(man.String(), m) {
			t.Errorf("-h or the man page lacks the mode %s", m)
		}
	}
	for _, sh := range cli.Shells {
		var b bytes.Buffer
		if err := cli.Completion(&b, sh, "biliqr", defs); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), strings.Join(modes, " ")) && !strings.Contains(b.String(), strings.Join(modes, "\n")) {
			t.Errorf("%s completion does not offer the -qr modes:\n%s", sh, b.String())
		}
	}
	o, _, ok := Parse([]string{"-qr", "bogus"}, new(bytes.Buffer), new(bytes.Buffer))
	if !ok {
		t.Fatal("-qr bogus did not parse as a string")
	}
	if msg := o.Conflict(); !strings.Contains(msg, `unknown -qr "bogus"`) || !strings.Contains(msg, "blocks, large") {
		t.Errorf("-qr bogus: %q", msg)
	}
	o, _, _ = Parse([]string{"-qr", "Large"}, new(bytes.Buffer), new(bytes.Buffer))
	if msg := o.Conflict(); msg != "" {
		t.Errorf("-qr Large: %q", msg)
	}
}
