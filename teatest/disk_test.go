package teatest

import (
	"bytes"
	"fmt"
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

// diskCase is an -o the binary cannot write.
type diskCase struct {
	name string
	// setup makes the target under work and returns the -o path, the files
	// that must survive byte for byte, and whether a file is already at the
	// path (the app then checks it first and r starts a new login).
	setup  func(t *testing.T, work string, old []byte) (out string, keep []string, exists bool)
	reason []string // one of these explains the failure
}

func writeOld(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// readOnly is a directory the test cannot write in. Root writes anywhere
// it can chmod, and bind mounts are not available, so root gets sysfs,
// which refuses new files even to root.
func readOnly(t *testing.T, work string, old []byte) (dir string, keep []string) {
	t.Helper()
	if os.Geteuid() == 0 {
		if f, err := os.CreateTemp("/sys", "biliqr-probe-"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("running as root and /sys takes new files: no read-only directory to test with")
		}
		return "/sys", nil
	}
	dir = filepath.Join(work, "ro")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	writeOld(t, filepath.Join(dir, "cookies.txt"), old)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) }) //nolint:errcheck // so the temp dir can be removed
	return dir, []string{filepath.Join(dir, "cookies.txt")}
}

var diskCases = []diskCase{
	{name: "parent is a file", reason: []string{"parent is not a directory"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			f := filepath.Join(work, "afile")
			writeOld(t, f, old)
			return filepath.Join(f, "cookies.txt"), []string{f}, false
		}},
	{name: "missing parents under a file", reason: []string{"parent is not a directory"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			f := filepath.Join(work, "afile")
			writeOld(t, f, old)
			return filepath.Join(f, "sub", "dir", "cookies.txt"), []string{f}, false
		}},
	{name: "symlink", reason: []string{"is a symbolic link; refusing to write through it"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			target := filepath.Join(work, "target.txt")
			writeOld(t, target, old)
			link := filepath.Join(work, "cookies.txt")
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			return link, []string{target}, true
		}},
	{name: "a directory", reason: []string{"is a directory"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			d := filepath.Join(work, "cookies.txt")
			if err := os.Mkdir(d, 0o700); err != nil {
				t.Fatal(err)
			}
			inside := filepath.Join(d, "keep")
			writeOld(t, inside, old)
			return d, []string{inside}, true
		}},
	{name: "read-only directory", reason: []string{"permission denied", "the file system is read-only"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			dir, keep := readOnly(t, work, old)
			if dir == "/sys" {
				return fmt.Sprintf("/sys/biliqr-test-%d.txt", os.Getpid()), nil, false
			}
			return filepath.Join(dir, "cookies.txt"), keep, true
		}},
	{name: "parent cannot be made", reason: []string{"permission denied", "the file system is read-only"},
		setup: func(t *testing.T, work string, old []byte) (string, []string, bool) {
			dir, keep := readOnly(t, work, old)
			return filepath.Join(dir, fmt.Sprintf("biliqr-new-%d", os.Getpid()), "cookies.txt"), keep, false
		}},
}

// An -o that cannot be written fails clearly: the screen says which path
// and why and offers -o -, q leaves with status 1 and a summary that says
// the same, and whatever was there before is untouched.
func TestUnwritableOutput(t *testing.T) {
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
			out, keep, exists := tc.setup(t, work, old.Bytes())
			before := listing(t, work)
			saved := map[string][]byte{}
			for _, k := range keep {
				saved[k], _ = os.ReadFile(k)
			}

			home := t.TempDir()
			s := startTmux(t, 100, 30, binaryShell(home, srv, "-o "+out))
			if exists {
				// something is at the path: the app checks it first
				s.waitText("log in again")
				s.keys("r")
			}
			s.waitText("Scan with the bilibili.tv app")
			srv.Confirm()
			scr := s.waitText("Login failed")
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
			if fi, err := os.Lstat(out); tc.name == "symlink" && (err != nil || fi.Mode()&os.ModeSymlink == 0) {
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
