package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// An -o path holding escape sequences reaches no terminal raw: not in
// -plain's lines, not in -check's or -logout's (issue 19.12).
func TestRunHostilePathSanitized(t *testing.T) {
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42, AutoScanAfterPolls: 1, AutoConfirmAfterPolls: 1})
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "x\x1b]0;pwned\x07\x1b[2J\u009b1m", "cookies.txt")
	flags := []string{"-locale", "en_US", "-o", out, "-passport-url", srv.PassportURL(), "-api-url", srv.APIURL()}
	for _, mode := range [][]string{{"-plain"}, {"-check"}, {"-logout"}} {
		code, stdout, stderr := runIn(t, append(mode, flags...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d\nstdout:\n%q\nstderr:\n%q", mode, code, stdout, stderr)
		}
		if strings.ContainsAny(stdout+stderr, "\x1b\x07\u009b") {
			t.Errorf("%v: raw control in the output:\nstdout %q\nstderr %q", mode, stdout, stderr)
		}
		if mode[0] != "-check" && !strings.Contains(stdout, "/x/cookies.txt") {
			t.Errorf("%v: path not shown: %q", mode, stdout)
		}
	}
}
