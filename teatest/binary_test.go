package teatest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runBinary runs the built binary without a terminal (see runDetached).
func runBinary(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runDetached(t, nil, binary(t), env, args...)
}

// Bad usage is exit status 2 with a message that says what is wrong,
// before any terminal is taken over.
func TestBinaryUsage(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + home, "HOME=" + home}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-locale", "fr_FR"}, []string{`unknown -locale "fr_FR"`, "English (en_US)", "(zh_ZH)"}},
		{[]string{"-format", "xml"}, []string{"xml", "netscape"}},
		{[]string{"-nosuchflag"}, []string{"unknown flag -nosuchflag", "Run 'biliqr -h' for help."}},
		{[]string{"extra"}, []string{`unexpected argument "extra"`}},
		{[]string{"-passport-url", "http://passport.example.com"}, []string{"passport"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			stdout, stderr, code := runBinary(t, env, tc.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr:\n%s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if stdout != "" {
				t.Errorf("stdout not empty: %q", stdout)
			}
		})
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("bad usage wrote files: %v", entries)
	}
}

func TestBinaryVersion(t *testing.T) {
	t.Parallel()
	stdout, _, code := runBinary(t, nil, "-version")
	if code != 0 || !strings.HasPrefix(stdout, "biliqr ") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
}

// -version reports what -ldflags -X main.version gives (release builds),
// else the module version and VCS revision from the build info.
func TestBinaryVersionFromLdflags(t *testing.T) {
	skipShort(t, "builds the binary a second time")
	bin := t.TempDir() + "/biliqr"
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil || !strings.HasPrefix(string(out), "biliqr v9.8.7") {
		t.Fatalf("-version = %q (%v)", out, err)
	}
}
