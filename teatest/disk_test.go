package teatest

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// flat collapses every run of white space, so a line the app wrapped at a
// space still matches.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// diskCase is an -o that is fine when the app starts (a bad one is bad
// usage then: TestBinaryBadOutput) and goes bad while the user logs in,
// which is what can still make the save fail.
type diskCase struct {
	name string
	// setup makes the place under work and returns the -o path; spoil
	// then breaks it while the QR code shows. Every file there is after
	// that must survive byte for byte.
	setup  func(t *testing.T, work string, old []byte) (out string)
	spoil  func(t *testing.T, out string, old []byte)
	reason []string // one of these explains the failure
}

func writeOld(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// inDir is -o work/d/cookies.txt, d made now.
func inDir(t *testing.T, work string, _ []byte) string {
	t.Helper()
	if err := os.Mkdir(filepath.Join(work, "d"), 0o700); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(work, "d", "cookies.txt")
}

var diskCases = []diskCase{
	{name: "parent turned into a file", reason: []string{"parent is not a directory"}, setup: inDir,
		spoil: func(t *testing.T, out string, old []byte) {
			d := filepath.Dir(out)
			if err := os.Remove(d); err != nil {
				t.Fatal(err)
			}
			writeOld(t, d, old)
		}},
	{name: "a symlink appeared", reason: []string{"is a symbolic link; refusing to follow it"}, setup: inDir,
		spoil: func(t *testing.T, out string, old []byte) {
			target := filepath.Join(filepath.Dir(out), "target.txt")
			writeOld(t, target, old)
			if err := os.Symlink(target, out); err != nil {
				t.Fatal(err)
			}
		}},
	{name: "a directory appeared", reason: []string{"is a directory"}, setup: inDir,
		spoil: func(t *testing.T, out string, old []byte) {
			if err := os.Mkdir(out, 0o700); err != nil {
				t.Fatal(err)
			}
			writeOld(t, filepath.Join(out, "keep"), old)
		}},
	{name: "directory made read-only", reason: []string{"permission denied"}, setup: inDir,
		spoil: func(t *testing.T, out string, old []byte) {
			if os.Geteuid() == 0 {
				t.Skip("root writes in a read-only directory")
			}
			d := filepath.Dir(out)
			writeOld(t, filepath.Join(d, "keep"), old)
			if err := os.Chmod(d, 0o500); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(d, 0o700) }) //nolint:errcheck // so the temp dir can be removed
		}},
}

// An -o that can no longer be written when the login is done fails
// clearly: the screen says which path and why and offers -o -, q leaves
// with status 1 and a summary that says the same, and whatever was there
// before is untouched.
func TestUnwritableOutput(t *testing.T) {
	slowBinaryRun(t)
	for _, tc := range diskCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
			t.Cleanup(srv.Close)
			// an old session worth keeping: a real one, from this fake
			var old bytes.Buffer
			if err := session.Encode(&old, loginOnce(t, srv), session.Netscape); err != nil {
				t.Fatal(err)
			}
			// short paths, so the message wraps only at spaces
			work, err := os.MkdirTemp("", "bq")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(work) })
			out := tc.setup(t, work, old.Bytes())

			home := t.TempDir()
			s := startTmux(t, 100, 30, binaryShell(t, home, srv, "-o "+out))
			s.waitText("Scan with the bilibili.tv app")
			tc.spoil(t, out, old.Bytes())
			before := listing(t, work)
			saved := map[string][]byte{} // every file there is must survive
			for _, k := range before {
				if fi, err := os.Lstat(k); err == nil && fi.Mode().IsRegular() {
					saved[k], _ = os.ReadFile(k)
				}
			}
			srv.Confirm()
			scr := s.waitText("Logged in, but the session was not saved")
			if strings.Contains(scr, "Login failed") {
				t.Fatalf("the login worked, yet the screen says it failed:\n%s", scr)
			}
			if !strings.Contains(flat(scr), "Could not save the session: cannot write "+out+": ") {
				t.Fatalf("the screen does not name the path:\n%s", scr)
			}
			if !containsAny(flat(scr), tc.reason) {
				t.Fatalf("the screen does not say why (%q):\n%s", tc.reason, scr)
			}
			if !strings.Contains(flat(scr), "-o -") {
				t.Fatalf("no -o - hint:\n%s", scr)
			}

			s.keys("q")
			if code := waitFile(t, s, filepath.Join(home, "exit")); code != "1" {
				t.Fatalf("exit status %s, want 1", code)
			}
			normal := s.run("capture-pane", "-p", "-J", "-t", "main")
			if !strings.Contains(normal, ", but the session was not saved: cannot write "+out+": ") || !containsAny(normal, tc.reason) {
				t.Fatalf("the summary does not say the session was not saved and why:\n%s", normal)
			}
			for _, secret := range srv.Secrets() {
				if strings.Contains(scr+normal, secret) {
					t.Fatal("a secret is on the screen")
				}
			}

			for k, want := range saved {
				if got, err := os.ReadFile(k); err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s changed (err %v)", k, err)
				}
			}
			if fi, err := os.Lstat(out); tc.name == "a symlink appeared" && (err != nil || fi.Mode()&os.ModeSymlink == 0) {
				t.Errorf("the symlink is gone or replaced (%v)", err)
			}
			if after := listing(t, work); !slices.Equal(before, after) {
				t.Errorf("files changed: before %v, after %v", before, after)
			}
		})
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// listing is every path under dir, to catch a stray temp file.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error { //nolint:errcheck
		if err == nil {
			out = append(out, p)
		}
		return nil
	})
	return out
}
