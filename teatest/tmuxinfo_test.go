package teatest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/passport/passporttest"
)

// Inside tmux, finding the colour profile runs `tmux info`: a process and
// a round trip to the tmux server, 5 to 17 ms before the first frame.
// Lip Gloss does it once as the binary starts; Bubble Tea is given that
// answer instead of asking again.
func TestTmuxAskedForColoursOnce(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	calls := filepath.Join(dir, "tmux-calls")
	fakeBin := filepath.Join(dir, "bin")
	if err := os.Mkdir(fakeBin, 0o755); err != nil {
		t.Fatal(err)
	}
	// a tmux that only notes what it was asked (and knows no colours)
	script := "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
	if err := os.WriteFile(filepath.Join(fakeBin, "tmux"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	srv := passporttest.New(passporttest.Options{PlainHTTP: true})
	defer srv.Close()
	cmd := loginCommand(bin, srv, dir)
	cmd.Env = append(withoutColourHints(os.Environ()), "TERM=xterm-256color", "XDG_CONFIG_HOME="+dir, "HOME="+dir,
		"TMUX="+filepath.Join(dir, "socket")+",1,0", "PATH="+fakeBin+string(os.PathListSeparator)+os.Getenv("PATH"))
	startToQRCommand(t, cmd, 80, 24)
	got, err := os.ReadFile(calls)
	if err != nil {
		t.Fatalf("tmux was never asked: %v", err)
	}
	if asked := strings.Count(string(got), "info\n"); asked != 1 {
		t.Errorf("tmux was asked for its colours %d times before the code was shown, want once; calls:\n%s", asked, got)
	}
}
