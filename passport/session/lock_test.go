package session

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/biliqr/biliqr/passport"
)

// TestMain lets this test binary be a saving process of its own for
// TestConcurrentSaves.
func TestMain(m *testing.M) {
	if host := os.Getenv("BILIQR_SAVE_AS"); host != "" {
		os.Exit(saveHelper(host, os.Getenv("BILIQR_SAVE_TO"), os.Getenv("BILIQR_SAVE_GO")))
	}
	// A file a test has just written is whole: the settle clock runs
	// settleQuiet ahead, so that no test waits a real second for it to
	// be believed. The settle tests play another program's writes with
	// fakeTime; the helpers above race each other on the real clock.
	clock = func() time.Time { return time.Now().Add(settleQuiet) }
	os.Exit(m.Run())
}

// saveHelper waits for the go file, then saves a session of host into path.
// Each process trusts only its own host, so the other's session is "another
// site" to it: a save that lost the other's lines would show.
func saveHelper(host, path, goFile string) int {
	afterRead = func() { time.Sleep(30 * time.Millisecond) }
	for {
		if _, err := os.Stat(goFile); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	s := passport.Session{Cookies: []passport.Cookie{
		{Name: "SESSDATA", Value: "v-" + host, Domain: host, Path: "/", Expires: expiry2030},
	}}
	if err := Save(path, s, Netscape, func(d string) bool { return d == host }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// Two processes save into one shared jar at the same moment, 20 times (5
// under -short): no line is lost, and neither session is ever doubled.
func TestConcurrentSaves(t *testing.T) {
	runs := 20
	if testing.Short() {
		runs = 5
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jar := filepath.Join(dir, "cookies.txt")
	other := "# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t1999999999\tYSC\tv\n"
	must(t, os.WriteFile(jar, []byte(other), 0o600))
	lost := 0
	for run := 0; run < runs; run++ {
		goFile := filepath.Join(dir, fmt.Sprintf("go-%d", run))
		var cmds []*exec.Cmd
		for _, host := range []string{"a.example", "b.example"} {
			cmd := exec.Command(self, "-test.run=^$")
			cmd.Env = append(os.Environ(), "BILIQR_SAVE_AS="+host, "BILIQR_SAVE_TO="+jar, "BILIQR_SAVE_GO="+goFile)
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, cmd)
		}
		must(t, os.WriteFile(goFile, nil, 0o600))
		for _, c := range cmds {
			if err := c.Wait(); err != nil {
				t.Fatalf("run %d: a save failed: %v", run, err)
			}
		}
		data, _ := os.ReadFile(jar)
		got := string(data)
		for _, want := range []string{"\tYSC\tv\n", "\tv-a.example\n", "\tv-b.example\n"} {
			switch n := strings.Count(got, want); {
			case n == 0:
				lost++
				t.Errorf("run %d: lost %q:\n%s", run, want, got)
			case n > 1:
				t.Errorf("run %d: %q %d times:\n%s", run, want, n, got)
			}
		}
	}
	t.Logf("20 runs of two concurrent saves: %d lines lost", lost)
}
