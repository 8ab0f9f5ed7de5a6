package teatest

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// A jar a merge could take past the 1 MiB biliqr reads back — over it
// already, or within a session's size of it — is refused before the first
// QR code (exit 2), said to be what it is, with the limit, and never with
// "remove the file"; -check says what it is without "log in again"
// (which would refuse it too) of one over it. The file is left byte for byte.
func TestBinaryLargeJarRefusedAtStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := demoEnv(dir)
	head := otherSites + ".site.example\tTRUE\t/\tTRUE\t1999999999\tid\tv\n"
	for name, size := range map[string]int{"over the limit": 1<<20 + 10, "600 bytes short": 1<<20 - 600} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".txt")
		jar := head + "#" + strings.Repeat("p", size-len(head)-2) + "\n"
		write(t, p, jar)
		stdout, stderr, code := runBinary(t, env, "-demo", "-plain", "-o", p)
		if code != 2 || strings.Contains(stdout, "Scan this QR code") {
			t.Fatalf("%s: login exit %d (want 2, before any QR):\n%s%s", name, code, stdout, stderr)
		}
		for _, want := range []string{"is a Netscape cookie file too large to merge the session into", "1048576 bytes (1 MiB)", "give another -o"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", name, want, stderr)
			}
		}
		stdout, stderr, code = runBinary(t, env, "-demo", "-check", "-o", p)
		if out := stdout + stderr; name == "over the limit" && (code != 1 || strings.Contains(out, "log in again") || !strings.Contains(out, "too large")) {
			t.Errorf("%s: -check exit %d:\n%s", name, code, out)
		}
		if strings.Contains(stderr+stdout, "remove the file") {
			t.Errorf("%s: advice to remove the file", name)
		}
		if got := readRegular(p); !bytes.Equal(got, []byte(jar)) {
			t.Errorf("%s: the jar changed", name)
		}
	}
}

// A jar with a comment in another encoding (one Latin-1 byte) is a jar:
// the login merges into it, the comment kept byte for byte.
func TestBinaryJarWithALatin1Comment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "cookies.txt")
	jar := "# Netscape HTTP Cookie File\n# caf\xe9 au lait\n.youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\n"
	write(t, p, jar)
	stdout, stderr, code := runBinary(t, demoEnv(dir), "-demo", "-plain", "-o", p)
	if code != 0 {
		t.Fatalf("login exit %d:\n%s%s", code, stdout, stderr)
	}
	keepsLines(t, string(readRegular(p)), jar)
}
