package prefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/session"
)

func TestPath(t *testing.T) {
	dir := t.TempDir()
	got := Path(dir)
	if want := filepath.Join(dir, "biliqr", "config.json"); got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}

func TestSaveLoad(t *testing.T) {
	path := Path(t.TempDir())
	if err := Save(path, Prefs{Locale: "th_TH"}); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Locale != "th_TH" {
		t.Errorf("Load = %+v", got)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"locale": "th_TH"`) {
		t.Errorf("file = %q", data)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]fs.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != want {
				t.Errorf("mode of %s = %o, want %o", p, info.Mode().Perm(), want)
			}
		}
	}
	// Saving again replaces the choice.
	if err := Save(path, Prefs{Locale: "vi_VN"}); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(path); err != nil || got.Locale != "vi_VN" {
		t.Errorf("Load after second Save = %+v, %v", got, err)
	}
}

func TestLoadMissing(t *testing.T) {
	got, err := Load(filepath.Join(t.TempDir(), "biliqr", "config.json"))
	if err != nil || got != (Prefs{}) {
		t.Errorf("Load(missing) = %+v, %v; want zero, nil", got, err)
	}
}

func TestLoadBad(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"corrupt":    `{"locale": "th_`,
		"wrong type": `{"locale": 5}`,
		"array":      `["th_TH"]`,
		"huge":       `{"locale": "` + strings.Repeat("x", 1<<20) + `"}`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path)
			if err == nil {
				t.Fatal("no error")
			}
			if got != (Prefs{}) {
				t.Errorf("Load = %+v, want zero", got)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	// A directory where the file should be.
	if _, err := Load(dir); err == nil {
		t.Error("Load(directory): no error")
	}
}

func TestSaveRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.json")
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("cannot make a symlink: %v", err)
	}
	if err := Save(path, Prefs{Locale: "en_US"}); !errors.Is(err, session.ErrSymlink) {
		t.Errorf("Save through symlink: %v", err)
	}
	if data, _ := os.ReadFile(target); string(data) != "precious" {
		t.Errorf("target changed to %q", data)
	}
}
