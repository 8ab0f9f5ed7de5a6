package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// youTubeJar is another site's jar, as yt-dlp writes it.
const youTubeJar = "# Netscape HTTP Cookie File\n" +
	".youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tyoutube-value\n" +
	".youtube.com\tTRUE\t/\tTRUE\t1999999999\tPREF\tpref-value\n"

// fakeTime makes the settle clock a fake one, moved only by pause, which
// runs step (if any) at each call, as another program would between two
// looks. It returns the clock's now.
func fakeTime(t *testing.T, step func(n int)) func() time.Time {
	t.Helper()
	at := time.Now()
	n := 0
	oldClock, oldPause := clock, pause
	t.Cleanup(func() { clock, pause = oldClock, oldPause })
	clock = func() time.Time { return at }
	pause = func(_ context.Context, d time.Duration) error {
		n++
		at = at.Add(d)
		if step != nil {
			step(n)
		}
		return nil
	}
	return clock
}

// rewriting leaves p as a program that truncated it and has not yet
// written it back does: empty, just now.
func rewriting(t *testing.T, p string, now time.Time) {
	t.Helper()
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, now, now); err != nil {
		t.Fatal(err)
	}
}

// A save that reads the jar between another program's truncate and its
// write waits for the write, and merges into what it wrote.
func TestSaveWaitsForAnInPlaceRewrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	now := fakeTime(t, func(n int) {
		if n == 3 { // the rewriter writes its jar back
			put(t, p, []byte(youTubeJar))
		}
	})
	rewriting(t, p, now())
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	for _, l := range otherLines(youTubeJar) {
		if !strings.Contains(string(got), l+"\n") {
			t.Errorf("the other site's line %q was lost:\n%s", l, got)
		}
	}
}

// A half-written jar (its last line without an end) is waited for too.
func TestSaveWaitsForAHalfWrittenJar(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	now := fakeTime(t, func(n int) {
		if n == 2 {
			put(t, p, []byte(youTubeJar))
		}
	})
	half := youTubeJar[:len(youTubeJar)-20]
	put(t, p, []byte(half))
	age(t, p, now())
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); !strings.Contains(string(got), "\tPREF\tpref-value\n") {
		t.Errorf("the line still being written was lost:\n%s", got)
	}
}

// A file that is still being written when the wait runs out is left as
// it is, with a clear error.
func TestSaveGivesUpOnAFileThatNeverSettles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	var now func() time.Time
	now = fakeTime(t, func(int) { rewriting(t, p, now()) })
	rewriting(t, p, now())
	err := Save(p, sampleSession(), Netscape, builtinOnly)
	if !errors.Is(err, ErrUnsettled) {
		t.Fatalf("Save = %v, want ErrUnsettled", err)
	}
	if got, _ := os.ReadFile(p); len(got) != 0 {
		t.Errorf("the file was changed: %q", got)
	}
	if !strings.Contains(err.Error(), "another program kept rewriting it") {
		t.Errorf("error %q does not say what happened", err)
	}
}

// An old empty file is what it looks like: the session is written at once.
func TestSaveWritesIntoAnOldEmptyFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	fakeTime(t, func(int) { t.Fatal("an old empty file was waited for") })
	put(t, p, nil)
	old := time.Now().Add(-time.Hour)
	age(t, p, old)
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
}

// A line another program appends between the save's read and its rename
// is kept: the save sees the change and merges again.
func TestSaveKeepsALineAppendedBeforeTheRename(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	put(t, p, []byte(youTubeJar))
	const added = ".example.org\tTRUE\t/\tFALSE\t1999999999\tadded\tlate\n"
	calls := 0
	afterRead = func() {
		if calls++; calls == 1 {
			put(t, p, []byte(youTubeJar+added))
		}
	}
	t.Cleanup(func() { afterRead = func() {} })
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); !strings.Contains(string(got), added) {
		t.Errorf("the appended line was lost:\n%s", got)
	}
}

// -logout's removal waits for a jar being rewritten, and then takes out
// only the session's lines.
func TestRemoveSessionWaitsForAnInPlaceRewrite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	jar := youTubeJar + ".bilibili.tv\tTRUE\t/\tFALSE\t1999999999\tSESSDATA\ts\n"
	now := fakeTime(t, func(n int) {
		if n == 2 {
			put(t, p, []byte(jar))
		}
	})
	rewriting(t, p, now())
	removed, err := removeSession(context.Background(), p, builtinOnly)
	if err != nil || removed {
		t.Fatalf("removeSession = %v, %v; want the jar kept", removed, err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != youTubeJar {
		t.Errorf("the jar is now %q, want %q", got, youTubeJar)
	}
}

// -logout never removes a file it reads as empty, even an old one.
func TestRemoveSessionKeepsAnEmptyFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cookies.txt")
	fakeTime(t, nil)
	put(t, p, nil)
	old := time.Now().Add(-time.Hour)
	age(t, p, old)
	removed, err := removeSession(context.Background(), p, builtinOnly)
	if !errors.Is(err, ErrEmptied) || removed {
		t.Fatalf("removeSession = %v, %v; want ErrEmptied", removed, err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("the file went: %v", err)
	}
}

// A signal while the temp file is synced: the save gives up before the
// rename, the old file is as it was, and no temp file is left.
func TestSaveCancelledBeforeTheRenameLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cookies.txt")
	put(t, p, []byte(youTubeJar))
	ctx, cancel := context.WithCancel(context.Background())
	old := syncFile
	syncFile = func(f *os.File) error { cancel(); return old(f) }
	t.Cleanup(func() { syncFile = old })
	err := SaveContext(ctx, p, sampleSession(), Netscape, builtinOnly)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SaveContext = %v, want context.Canceled", err)
	}
	if got, _ := os.ReadFile(p); string(got) != youTubeJar {
		t.Errorf("the file changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temp file was left: %s", e.Name())
		}
	}
}

// A file name of 250 bytes, the longest that leaves room for ".lock",
// saves: the temp file takes a short name of its own.
func TestSaveIntoTheLongestName(t *testing.T) {
	p := filepath.Join(t.TempDir(), strings.Repeat("n", 250))
	if err := Save(p, sampleSession(), Netscape, builtinOnly); err != nil {
		t.Fatal(err)
	}
	if err := CheckWritable(p + "x"); !errors.Is(err, ErrNameTooLong) {
		t.Errorf("a 251-byte name: CheckWritable = %v, want ErrNameTooLong", err)
	}
}

// put writes data to p, as another program would.
func put(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// age sets p's modification time to when.
func age(t *testing.T, p string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
}

// A path that cannot be read as a file (its parent is a file, it is a
// directory or a symlink, all just made) is said at once: no amount of
// waiting for it to settle changes that.
func TestInspectWhatCannotSettleDoesNotWait(t *testing.T) {
	work := t.TempDir()
	file := filepath.Join(work, "afile")
	must(t, os.WriteFile(file, []byte("keep me\n"), 0o600))
	must(t, os.Mkdir(filepath.Join(work, "adir"), 0o700))
	must(t, os.Symlink(file, filepath.Join(work, "alink")))
	for _, tc := range []struct {
		path string
		want error
	}{
		{filepath.Join(file, "cookies.txt"), syscall.ENOTDIR},
		{filepath.Join(work, "adir"), ErrIsDir},
		{filepath.Join(work, "alink"), ErrSymlink},
	} {
		pauses := 0
		fakeTime(t, func(n int) { pauses = n })
		_, err := Inspect(tc.path, func(string) bool { return true })
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.path, err, tc.want)
		}
		if pauses != 0 {
			t.Errorf("%s: waited %d times for a path that cannot settle", tc.path, pauses)
		}
	}
}
