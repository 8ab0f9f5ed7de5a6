package session

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// CheckWritable says at start what would certainly make the save fail,
// and creates nothing.
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	dangling := filepath.Join(dir, "dangling.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		want       error  // nil: fine
		words      string // in the message
	}{
		{"new file", filepath.Join(dir, "cookies.txt"), nil, ""},
		{"existing file", file, nil, ""},
		{"missing parents", filepath.Join(dir, "a", "b", "cookies.txt"), nil, ""},
		{"empty", "", ErrNoPath, "no path given"},
		{"directory", sub, ErrIsDir, "is a directory"},
		{"symlink", link, ErrSymlink, "is a symbolic link; refusing to follow it"},
		{"dangling symlink", dangling, ErrSymlink, "is a symbolic link"},
		{"parent is a file", filepath.Join(file, "cookies.txt"), syscall.ENOTDIR, "parent is not a directory"},
		{"missing parents under a file", filepath.Join(file, "a", "b", "cookies.txt"), syscall.ENOTDIR, "parent is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := entries(t, dir)
			err := CheckWritable(tc.path)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else {
				var fe *FileError
				if !errors.As(err, &fe) || !errors.Is(err, tc.want) || fe.Op != "write" {
					t.Fatalf("error = %v, want %v", err, tc.want)
				}
				if !strings.HasPrefix(err.Error(), "cannot write "+tc.path+": ") || !strings.Contains(err.Error(), tc.words) {
					t.Fatalf("error %q", err)
				}
			}
			if after := entries(t, dir); after != before {
				t.Fatalf("CheckWritable changed the directory: %s → %s", before, after)
			}
		})
	}
}

func TestCheckWritableReadOnlyDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	if os.Geteuid() == 0 {
		t.Skip("root may write in any directory; TestBinaryBadOutput covers this as another user")
	}
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o700) }) //nolint:errcheck
	for _, p := range []string{filepath.Join(ro, "cookies.txt"), filepath.Join(ro, "new", "cookies.txt")} {
		err := CheckWritable(p)
		if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "cannot create files in "+ro+" (permission denied)") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func entries(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, ",")
}
