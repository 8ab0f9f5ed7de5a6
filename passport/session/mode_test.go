package session

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A session file open to other users is reported, as ssh reports a
// private key; the next save writes it back 0600.
func TestLooseModeAndTheNextSave(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	if _, loose := LooseMode(path); loose {
		t.Fatal("a missing file is loose")
	}
	if err := WriteFile(path, sampleSession(), Netscape); err != nil {
		t.Fatal(err)
	}
	if _, loose := LooseMode(path); loose {
		t.Fatal("a 0600 file is loose")
	}
	for _, perm := range []os.FileMode{0o644, 0o640, 0o604, 0o620, 0o666} {
		if err := os.Chmod(path, perm); err != nil {
			t.Fatal(err)
		}
		if got, loose := LooseMode(path); !loose || got != perm {
			t.Fatalf("mode %04o: LooseMode = %04o, %v", perm, got, loose)
		}
	}
	if err := WriteFile(path, sampleSession(), Netscape); err != nil {
		t.Fatal(err)
	}
	checkMode(t, path, 0o600)
	if _, loose := LooseMode(path); loose {
		t.Fatal("still loose after a save")
	}
	if _, loose := LooseMode(dir); loose {
		t.Fatal("a directory is loose")
	}
}
