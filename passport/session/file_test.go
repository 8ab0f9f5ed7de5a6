package session

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	got := DefaultPath(dir)
	if want := filepath.Join(dir, "biliqr", "cookies.txt"); got != want {
		t.Errorf("DefaultPath = %q, want %q", got, want)
	}
}

func checkMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return // no Unix permission bits
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("mode of %s = %o, want %o", path, got, want)
	}
}

// checkOnly fails when dir holds anything but names (a leftover temp file).
func checkOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !reflect.DeepEqual(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func checkContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s = %q, want %q", path, got, want)
	}
}

func checkNoSecret(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("error leaks a cookie value: %q", err)
	}
}

func TestWriteReadFile(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, "a", "b", "cookies.txt")
			want := sampleSession()
			if err := WriteFile(path, want, f); err != nil {
				t.Fatal(err)
			}
			checkMode(t, path, 0o600)
			checkMode(t, filepath.Join(root, "a"), 0o700)
			checkMode(t, filepath.Join(root, "a", "b"), 0o700)
			checkOnly(t, filepath.Dir(path), "cookies.txt")
			got, gotF, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if gotF != f {
				t.Errorf("format = %s, want %s", gotF, f)
			}
			if f != Header && !reflect.DeepEqual(got, want) {
				t.Errorf("read back %+v, want %+v", got, want)
			}
			if f == Header && (got.Mid != want.Mid || len(got.Cookies) != len(want.Cookies)) {
				t.Errorf("read back %+v", got)
			}
		})
	}
}

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	checkContent(t, path, "new")
	checkMode(t, path, 0o600)
	checkMode(t, dir, 0o755) // an existing directory keeps its mode
	checkOnly(t, dir, "cookies.txt")
}

func TestWriteRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "cookies.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symlink: %v", err)
	}
	err := WriteFile(link, sampleSession(), Netscape)
	if !errors.Is(err, ErrSymlink) {
		t.Fatalf("error = %v, want ErrSymlink", err)
	}
	checkNoSecret(t, err)
	if !strings.Contains(err.Error(), link) {
		t.Errorf("error %q does not name the path", err)
	}
	checkContent(t, target, "precious")
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced: %v %v", info, err)
	}
	checkOnly(t, dir, "cookies.txt", "target")
}

func TestWriteRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(path, []byte("x"))
	if !errors.Is(err, ErrIsDir) {
		t.Fatalf("error = %v, want ErrIsDir", err)
	}
	if _, err := os.Stat(filepath.Join(path, "inside")); err != nil {
		t.Errorf("directory changed: %v", err)
	}
	checkOnly(t, dir, "cookies.txt")
}

func TestWriteParentIsFile(t *testing.T) {
	dir := t.TempDir()
	parent := filepath.Join(dir, "file")
	if err := os.WriteFile(parent, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(parent, "cookies.txt"), filepath.Join(parent, "sub", "cookies.txt")} {
		err := WriteFileAtomic(path, []byte("x"))
		var fe *FileError
		if !errors.As(err, &fe) || fe.Op != "write" || fe.Path != path {
			t.Fatalf("error = %#v, want a *FileError for %s", err, path)
		}
		if runtime.GOOS != "windows" {
			want := "cannot write " + path + ": parent is not a directory"
			if err.Error() != want {
				t.Errorf("error = %q, want %q", err, want)
			}
		}
	}
	checkContent(t, parent, "keep")
}

func TestWriteReadOnlyDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestWriteParentIsFile covers an unwritable parent")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) }) // best effort: lets TempDir remove it
	err := WriteFile(path, sampleSession(), JSON)
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("error = %v, want permission denied", err)
	}
	if !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), path) {
		t.Errorf("unclear error %q", err)
	}
	checkNoSecret(t, err)
	checkContent(t, path, "old")
	checkOnly(t, dir, "cookies.txt")
}

// TestWriteFailsLate injects a failure after the temp file is written: the
// old file stays and no temp file is left.
func TestWriteFailsLate(t *testing.T) {
	injected := errors.New("injected")
	for name, inject := range map[string]func(){
		"rename": func() { rename = func(string, string) error { return &os.LinkError{Op: "rename", Err: injected} } },
		"sync":   func() { syncFile = func(*os.File) error { return injected } },
	} {
		t.Run(name, func(t *testing.T) {
			oldRename, oldSync := rename, syncFile
			t.Cleanup(func() { rename, syncFile = oldRename, oldSync })
			inject()
			dir := t.TempDir()
			path := filepath.Join(dir, "cookies.txt")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			err := WriteFile(path, sampleSession(), Netscape)
			if !errors.Is(err, injected) {
				t.Fatalf("error = %v, want the injected one", err)
			}
			checkNoSecret(t, err)
			checkContent(t, path, "old")
			checkOnly(t, dir, "cookies.txt")
		})
	}
}

func TestWriteFileEncodeError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "cookies.txt")
	err := WriteFile(path, sampleSession(), Format("yaml"))
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("directory made for a failed encode: %v", err)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, path string
		want       error
	}{
		{"missing", filepath.Join(dir, "nope.txt"), fs.ErrNotExist},
		{"directory", dir, ErrIsDir},
		{"empty", write("empty", ""), ErrEmpty},
		{"corrupt", write("corrupt", "SESSDATA "+secret+"\nmore text"), ErrCorrupt},
		{"huge", write("huge", "a="+strings.Repeat("x", MaxFileSize)), ErrTooLarge},
		{"parent is file", filepath.Join(write("file", "x"), "cookies.txt"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadFile(tc.path)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Op != "read" || fe.Path != tc.path {
				t.Fatalf("error = %#v, want a read *FileError", err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "cannot read "+tc.path+": ") {
				t.Errorf("error %q does not start with the path", err)
			}
			checkNoSecret(t, err)
		})
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		p := write("unreadable", "a=b")
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ReadFile(p); !errors.Is(err, fs.ErrPermission) {
			t.Errorf("unreadable: error = %v", err)
		}
	}
}
