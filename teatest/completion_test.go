package teatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// completionScript is what the built binary prints for shell, in a file.
func completionScript(t *testing.T, shell string) string {
	t.Helper()
	stdout, stderr, code := runBinary(t, nil, "-completion", shell)
	if code != 0 || stderr != "" || stdout == "" {
		t.Fatalf("-completion %s: exit %d, stderr %q", shell, code, stderr)
	}
	path := filepath.Join(t.TempDir(), "biliqr."+shell)
	if shell == "zsh" {
		path = filepath.Join(filepath.Dir(path), "_biliqr")
	}
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Real bash runs the completion function as it would on Tab: the words
// so far in COMP_WORDS, the one being completed at COMP_CWORD.
func TestCompletionBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script := completionScript(t, "bash")
	dir := t.TempDir()
	for _, f := range []string{"cookies.txt", "code.png", "my cookies.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	complete := func(words ...string) []string { return bashComplete(t, script, dir, words...) }
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"biliqr", "-lo"}, "-locale,-logout"},
		{[]string{"biliqr", "-format", ""}, "header,json,netscape"},
		{[]string{"biliqr", "--format", "n"}, "netscape"},
		{[]string{"biliqr", "-locale", ""}, "en_US,id_ID,ms_MY,th_TH,vi_VN,zh_ZH"},
		{[]string{"biliqr", "-locale", "=", "t"}, "th_TH"},
		{[]string{"biliqr", "-completion", ""}, "bash,fish,zsh"},
		{[]string{"biliqr", "-o", ""}, "code.png,cookies.txt,my cookies.txt"},
		{[]string{"biliqr", "-output", "co"}, "code.png,cookies.txt"},
		{[]string{"biliqr", "-png", "my"}, "my cookies.txt"},
		{[]string{"biliqr", "-api-url", ""}, ""},
		{[]string{"biliqr", "-he"}, "-help,-help-all"},
		{[]string{"biliqr", ""}, ""}, // no files where biliqr takes none
	} {
		if got := strings.Join(complete(tc.words...), ","); got != tc.want {
			t.Errorf("%q: offers %q, want %q", tc.words, got, tc.want)
		}
	}
	// every flag of -help-all is offered
	all := complete("biliqr", "-")
	help, _, _ := runBinary(t, nil, "-help-all")
	for _, f := range helpFlags(help) {
		if !contains(all, f) {
			t.Errorf("-h lists %s, completion does not offer it (offers %v)", f, all)
		}
	}
	if len(all) != len(helpFlags(help)) {
		t.Errorf("completion offers %v; -help-all lists %v", all, helpFlags(help))
	}
}

// File names that look like patterns complete as themselves: the names
// compgen offers are never globbed (a file "[ab]" beside "a" and "b" once
// completed as "a" and "b", and "*x" as every name ending in x), and a
// name with a space completes whether the space was typed escaped or in
// quotes.
func TestCompletionBashFileNamesAreNotGlobbed(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script := completionScript(t, "bash")
	dir := t.TempDir()
	for _, f := range []string{"[ab]", "a", "b", "*x", "yx", "my cookies.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"biliqr", "-o", "["}, "[ab]"},
		{[]string{"biliqr", "-png", "*"}, "*x"},
		{[]string{"biliqr", "-o", `my\ c`}, "my cookies.txt"},
		{[]string{"biliqr", "-o", "'my c"}, "my cookies.txt"},
		{[]string{"biliqr", "-o", `"my c`}, "my cookies.txt"},
		{[]string{"biliqr", "-o", ""}, "*x,[ab],a,b,my cookies.txt,yx"},
	} {
		if got := strings.Join(bashComplete(t, script, dir, tc.words...), ","); got != tc.want {
			t.Errorf("%q: offers %q, want %q", tc.words, got, tc.want)
		}
	}
}

// bashComplete runs the completion function in real bash, in dir, as Tab
// would for words (the last one is under the cursor), and returns the
// offers, sorted.
func bashComplete(t *testing.T, script, dir string, words ...string) []string {
	t.Helper()
	line := `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _biliqr; printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command("bash", append([]string{"--norc", "--noprofile", "-c", line, "bash", script}, words...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	var got []string // one offer a line: a file name may hold a space
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	sort.Strings(got)
	return got
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// helpFlags are the flag names at the start of -h's flag lines.
func helpFlags(help string) []string {
	var names []string
	for _, line := range strings.Split(help, "\n") {
		if !strings.HasPrefix(line, "  -") {
			continue
		}
		head := strings.TrimSpace(line)
		if i := strings.Index(head, "  "); i > 0 {
			head = head[:i]
		}
		for _, f := range strings.Split(head, ", ") {
			names = append(names, strings.Fields(f)[0])
		}
	}
	sort.Strings(names)
	return names
}

// fish answers `complete -C LINE` with what Tab would offer.
func TestCompletionFish(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("fish is not installed; .ci/run installs it (apt-get install fish)")
	}
	script := completionScript(t, "fish")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cookies.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ line, want string }{
		{"biliqr -lo", "-locale -logout"},
		{"biliqr -format ", "header json netscape"},
		{"biliqr -locale ", "en_US id_ID ms_MY th_TH vi_VN zh_ZH"},
		{"biliqr -o ", "cookies.txt"},
		{"biliqr -png coo", "cookies.txt"},
		{"biliqr ", ""},
	} {
		cmd := exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, tc.line)
		cmd.Dir = dir
		home := t.TempDir() // fish writes its own files there
		cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("fish: %v\n%s", err, out)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
		}
		sort.Strings(got)
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q: offers %q, want %q\n%s", tc.line, g, tc.want, out)
		}
	}
}

// zsh completes only in its line editor: type into an interactive zsh in
// tmux and read what the Tab lists.
func TestCompletionZsh(t *testing.T) {
	skipShort(t, "zsh in tmux takes a second; bash and fish stay")
	if _, err := exec.LookPath("zsh"); err != nil {
		t.Skip("zsh is not installed; .ci/run installs it (apt-get install zsh)")
	}
	script := completionScript(t, "zsh")
	home := t.TempDir()
	rc := "fpath=(" + filepath.Dir(script) + " $fpath)\nautoload -U compinit && compinit -u -D\nPROMPT='READY%% '\n"
	if err := os.WriteFile(filepath.Join(home, ".zshrc"), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		typed string
		want  []string
	}{
		{"biliqr -lo", []string{"-locale", "-logout"}},
		{"biliqr -format ", []string{"netscape", "header", "json"}},
		{"biliqr -locale ", []string{"en_US", "th_TH", "vi_VN", "id_ID", "ms_MY", "zh_ZH"}},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			s := startTmux(t, 100, 30, "cd "+home+" && HOME="+home+" ZDOTDIR="+home+" exec zsh -i")
			s.waitText("READY%")
			s.keys("-l", tc.typed)
			s.keys("Tab")
			scr := s.waitText(tc.want...)
			if tc.typed == "biliqr -lo" && strings.Contains(scr, "-format") {
				t.Errorf("-lo offers -format:\n%s", scr)
			}
		})
	}
}
