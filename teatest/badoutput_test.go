//go:build unix

package teatest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport/passporttest"
	"github.com/biliqr/biliqr/passport/session"
)

// runDetached runs the built binary in a session of its own (so it can
// never open the test's terminal) and kills it after 20 s: the bugs these
// tests guard against include a hang. cred, when set, runs it as that user.
func runDetached(t *testing.T, cred *syscall.Credential, bin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Credential: cred}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("biliqr %v still running after 20 s (stderr %q)", args, errb.String())
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// An -o the session could certainly not be saved at is bad usage, said
// before anything else happens: exit 2, the path and the reason on
// stderr, no ticket requested, nothing created or changed. It used to be
// found only after the user had scanned and confirmed.
func TestBinaryBadOutput(t *testing.T) {
	// Not in parallel: it writes a copy of the binary and runs it, and a
	// process forked meanwhile by a parallel test would hold the copy's
	// write descriptor until it execs ("text file busy", golang.org/issue/22315).
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	t.Cleanup(srv.Close)
	work := t.TempDir()
	file := filepath.Join(work, "afile")
	target := filepath.Join(work, "target.txt")
	for _, p := range []string{file, target} {
		if err := os.WriteFile(p, []byte("keep me\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(work, "adir")
	link := filepath.Join(work, "link.txt")
	dangling := filepath.Join(work, "dangling.txt")
	fifo := filepath.Join(work, "fifo")
	for _, err := range []error{os.Mkdir(dir, 0o700), os.Symlink(target, link),
		os.Symlink(filepath.Join(work, "nowhere"), dangling), syscall.Mkfifo(fifo, 0o600)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home, "HOME=" + home}
	for _, tc := range []struct {
		name, out, reason string
	}{
		{"a directory", dir, "is a directory"},
		{"a symlink", link, "is a symbolic link; refusing to follow it"},
		{"a dangling symlink", dangling, "is a symbolic link; refusing to follow it"},
		{"a FIFO", fifo, "is not a regular file"},
		{"a device", "/dev/null", "is not a regular file"},
		{"parent is a file", filepath.Join(file, "cookies.txt"), "parent is not a directory"},
		{"missing parents under a file", filepath.Join(file, "a", "b", "cookies.txt"), "parent is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := listing(t, work)
			args := append([]string{"-locale", "en_US", "-o", tc.out}, serverFlags(srv)...)
			stdout, stderr, code := runDetached(t, nil, binary(t), env, args...)
			want := "biliqr: -o: cannot write " + tc.out + ": " + tc.reason
			if code != 2 || !strings.Contains(stderr, want) {
				t.Fatalf("exit %d (want 2), stderr %q, want %q", code, stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if after := listing(t, work); !slices.Equal(before, after) {
				t.Errorf("files changed: %v → %v", before, after)
			}
			if b, _ := os.ReadFile(target); string(b) != "keep me\n" {
				t.Errorf("the symlink's target changed: %q", b)
			}
		})
	}
	t.Run("-o empty", func(t *testing.T) {
		for _, flag := range []string{"-o", "-output"} {
			_, stderr, code := runDetached(t, nil, binary(t), env, append([]string{"-locale", "en_US", flag, ""}, serverFlags(srv)...)...)
			if code != 2 || !strings.Contains(stderr, "-o needs a path") {
				t.Fatalf("%s \"\": exit %d, stderr %q", flag, code, stderr)
			}
		}
	})
	t.Run("read-only directory", func(t *testing.T) {
		ro := filepath.Join(work, "ro")
		if err := os.Mkdir(ro, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(ro, 0o700) }) //nolint:errcheck
		bin, cred := binary(t), (*syscall.Credential)(nil)
		if os.Geteuid() == 0 {
			// root may write anywhere: run as nobody, which may not
			bin, cred = asNobody(t, work)
		}
		for _, out := range []string{filepath.Join(ro, "cookies.txt"), filepath.Join(ro, "new", "cookies.txt")} {
			_, stderr, code := runDetached(t, cred, bin, env, append([]string{"-locale", "en_US", "-o", out}, serverFlags(srv)...)...)
			want := "biliqr: -o: cannot write " + out + ": cannot create files in " + ro + " (permission denied)"
			if code != 2 || !strings.Contains(stderr, want) {
				t.Fatalf("exit %d (want 2), stderr %q, want %q", code, stderr, want)
			}
		}
		if es, _ := os.ReadDir(ro); len(es) != 0 {
			t.Fatalf("files made in the read-only directory: %v", es)
		}
	})
	if n := srv.Count(passporttest.EndpointTicket); n != 0 {
		t.Fatalf("%d ticket requests: a bad -o must stop everything", n)
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("bad usage wrote files: %v", entries)
	}
}

// asNobody makes the binary and work reachable by uid/gid 65534 and
// returns a copy of the binary it may run, with its credential.
func asNobody(t *testing.T, work string) (string, *syscall.Credential) {
	t.Helper()
	// Open the test's own directories to nobody; above them (the system's
	// temp directory and its parents) nothing is changed: if nobody cannot
	// pass there, the test is skipped.
	top := filepath.Clean(os.TempDir())
	for d := filepath.Clean(work); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			if !strings.HasPrefix(d, top+string(filepath.Separator)) {
				t.Skipf("nobody cannot pass %s, which this test does not own", d)
			}
			if err := os.Chmod(d, fi.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
		if d == filepath.Dir(d) {
			break
		}
	}
	bin := filepath.Join(work, "biliqr-nobody")
	src, err := os.Open(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	return bin, &syscall.Credential{Uid: 65534, Gid: 65534}
}

// -check and -logout on a FIFO return at once (they hung for ever,
// opening it), and through a symlink they refuse, following nothing and
// removing nothing: -logout used to end the session and remove only the
// link, leaving the target with its dead cookies.
func TestBinaryCheckLogoutOddFiles(t *testing.T) {
	t.Parallel()
	srv := passporttest.New(passporttest.Options{PlainHTTP: true, Name: "Mika", Mid: 42})
	t.Cleanup(srv.Close)
	work := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + work, "HOME=" + work}
	fifo := filepath.Join(work, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(work, "real.txt")
	if err := session.WriteFile(target, loginOnce(t, srv), session.Netscape); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(work, "cookies.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(target)
	asked := func() int { return srv.Count(passporttest.EndpointLogout) + srv.Count(passporttest.EndpointUser) }
	askedBefore := asked()
	for _, tc := range []struct {
		mode, path, reason string
	}{
		{"-check", fifo, "is not a regular file"},
		{"-logout", fifo, "is not a regular file"},
		{"-check", link, "is a symbolic link; refusing to follow it"},
		{"-logout", link, "is a symbolic link; refusing to follow it"},
	} {
		t.Run(tc.mode+" "+filepath.Base(tc.path), func(t *testing.T) {
			stdout, stderr, code := runDetached(t, nil, binary(t), env, append([]string{tc.mode, "-o", tc.path}, serverFlags(srv)...)...)
			if code != 1 || !strings.Contains(stdout+stderr, fmt.Sprintf("cannot read %s: %s", tc.path, tc.reason)) {
				t.Fatalf("exit %d (want 1), stdout %q, stderr %q", code, stdout, stderr)
			}
		})
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is gone (%v)", err)
	}
	if after, _ := os.ReadFile(target); !bytes.Equal(before, after) {
		t.Fatal("the target changed")
	}
	if n := asked() - askedBefore; n != 0 {
		t.Fatalf("%d requests: nothing should have been asked", n)
	}
}
