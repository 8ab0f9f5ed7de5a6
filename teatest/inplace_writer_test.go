package teatest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The environment that makes this test binary the in-place writer: the jar
// it rewrites, and the file whose existence tells it to stop.
const (
	inPlaceJarEnv  = "BILIQR_TEST_INPLACE_JAR"
	inPlaceStopEnv = "BILIQR_TEST_INPLACE_STOP"
)

// writeInPlace is what yt-dlp (Python's MozillaCookieJar) does when it
// saves a cookie file, over and over at random moments until stop exists:
// read the jar, truncate it, and write it back in pieces, with pauses
// between them, so that a reader often meets it empty or half written. It
// returns how many times it rewrote the jar.
func writeInPlace(jar, stop string) int {
	n := 0
	for {
		if _, err := os.Stat(stop); err == nil {
			fmt.Println(n)
			return 0
		}
		time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
		data, err := os.ReadFile(jar)
		if err != nil || len(data) == 0 {
			continue
		}
		f, err := os.OpenFile(jar, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			continue
		}
		for len(data) > 0 {
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			k := min(len(data), 1+rand.IntN(8192))
			if _, err := f.Write(data[:k]); err != nil {
				break
			}
			data = data[k:]
		}
		f.Close()
		n++
	}
}

// otherSiteJar is a jar of 300 other sites' cookies.
func otherSiteJar() (jar string, lines []string) {
	var b strings.Builder
	b.WriteString("# Netscape HTTP Cookie File\n")
	for i := range 300 {
		l := fmt.Sprintf(".site%03d.example\tTRUE\t/\tTRUE\t1999999999\tid\tvalue-%03d", i, i)
		lines = append(lines, l)
		b.WriteString(l + "\n")
	}
	return b.String(), lines
}

// 20 rounds of four logins at once into one shared jar, while another
// process keeps rewriting that jar in place (truncate, then write, as
// yt-dlp does): not one of the other sites' 300 lines is lost, and every
// login saves. Then five logins and logouts beside it lose none either.
func TestBinaryLoginsBesideAnInPlaceWriter(t *testing.T) {
	skipShort(t, "runs 80 logins of the built binary")
	t.Parallel()
	binary(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p, stop := filepath.Join(dir, "cookies.txt"), filepath.Join(dir, "stop")
	content, lines := otherSiteJar()
	write(t, p, content)
	writer := exec.Command(self, "-test.run=^$")
	writer.Env = append(os.Environ(), inPlaceJarEnv+"="+p, inPlaceStopEnv+"="+stop)
	var rewrites strings.Builder
	writer.Stdout = &rewrites
	if err := writer.Start(); err != nil {
		t.Fatal(err)
	}
	env := demoEnv(dir)
	for round := range 20 {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, errOut, code := runBinary(t, env, "-demo", "-plain", "-force", "-o", p)
				if code != 0 {
					t.Errorf("round %d: a login exited %d:\n%s%s", round, code, out, errOut)
				}
			}()
		}
		wg.Wait()
	}
	// -logout beside the writer: whatever it says (the writer may have put
	// an older session back), it never removes or empties the jar.
	for range 5 {
		runBinary(t, env, "-demo", "-plain", "-force", "-o", p)
		runBinary(t, env, "-demo", "-logout", "-o", p)
	}
	write(t, stop, "")
	if err := writer.Wait(); err != nil {
		t.Fatal(err)
	}
	got := string(readRegular(p))
	lost := 0
	for _, l := range lines {
		if !strings.Contains(got, l+"\n") {
			lost++
		}
	}
	t.Logf("the writer rewrote the jar %s times", strings.TrimSpace(rewrites.String()))
	if lost > 0 {
		t.Fatalf("%d of the other sites' %d lines were lost", lost, len(lines))
	}
}
