package teatest

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/biliqr/biliqr/ui/cli/args"
)

// The README is what a user reads in five minutes: at most 10 KB, with
// the commands, the paths and the answers it promises; every biliqr
// command it shows is one biliqr accepts; every link leads somewhere;
// every module go.mod requires directly has a line saying why.
func TestREADMEIsShortAndTrue(t *testing.T) {
	readme := readDoc(t, "README.md")
	if len(readme) > 10*1024 {
		t.Errorf("README.md is %d bytes; at most 10 KB: move reference to the man page (ui/cli), contributor material to .github/CONTRIBUTING.md", len(readme))
	}
	for _, w := range []string{
		"go run .", "go run . -demo", "go test ./...", // the two commands
		"~/.config/biliqr/cookies.txt", "~/Library/Application Support/biliqr/", `%AppData%\biliqr`, "biliqr -check",
		"This video is only available for registered users", "HTTPS_PROXY", "ssh -t", "tmux",
		"-verbose", "BILIQR_DEBUG=1", "https://github.com/biliqr/biliqr/issues",
		"MIT", "skip2/go-qrcode", "yt-dlp --cookies", "curl -b", "cron",
	} {
		if !strings.Contains(readme, w) {
			t.Errorf("README.md does not say %q", w)
		}
	}
	cmds := biliqrCommands(readme)
	if len(cmds) < 10 {
		t.Errorf("found only %d biliqr commands in README.md: %q", len(cmds), cmds)
	}
	for _, cmd := range cmds {
		o, code, ok := args.Parse(cmd, new(strings.Builder), new(strings.Builder))
		if !ok && code != 0 {
			t.Errorf("README.md shows `biliqr %s`, which is bad usage", strings.Join(cmd, " "))
		} else if c := o.Conflict(); ok && c != "" {
			t.Errorf("README.md shows `biliqr %s`: %s", strings.Join(cmd, " "), c)
		}
	}
	checkLinks(t, "README.md", readme)
	if sec := strings.TrimSpace(section(t, readme, "## Security")); strings.Count(sec, "\n")+1 > 5 {
		t.Errorf("README.md's Security is %d lines; a summary of five (the man page has the rest)", strings.Count(sec, "\n")+1)
	}

	deps := strings.ToLower(strings.ReplaceAll(section(t, readme, "## Dependencies"), " ", ""))
	for _, mod := range directRequirements(t) {
		name := regexp.MustCompile(`/v[0-9]+$`).ReplaceAllString(mod, "") // charm.land/bubbletea/v2: bubbletea
		name = name[strings.LastIndex(name, "/")+1:]
		if !strings.Contains(deps, strings.ToLower(name)) {
			t.Errorf("go.mod requires %s, which README.md's Dependencies does not name (a line saying why)", mod)
		}
	}
}

// The contributor and release notes and the events file name tests,
// benchmarks and files that exist, link to files that exist, and show
// biliqr commands biliqr accepts; the GoReleaser version they name is the
// one .ci/run pins.
func TestContributorDocsNameRealThings(t *testing.T) {
	funcs := testFuncs(t)
	pin := regexp.MustCompile(`goreleaser_version=(v[0-9.]+)`).FindStringSubmatch(readDoc(t, ".ci/run"))
	if pin == nil {
		t.Fatal(".ci/run pins no goreleaser_version")
	}
	for _, name := range []string{"README.md", ".github/CONTRIBUTING.md", ".github/RELEASING.md", "ui/stream/EVENTS.md"} {
		doc := readDoc(t, name)
		for _, m := range regexp.MustCompile("`((?:Test|Benchmark|Fuzz)[A-Za-z0-9_]+)`").FindAllStringSubmatch(doc, -1) {
			if !funcs[m[1]] {
				t.Errorf("%s names %s, which no _test.go file defines", name, m[1])
			}
		}
		for _, m := range regexp.MustCompile("`((?:\\.ci|\\.github|passport|model|ui|teatest)/[A-Za-z0-9_./-]*)`").FindAllStringSubmatch(doc, -1) {
			p := strings.TrimSuffix(m[1], "/")
			if filepath.Dir(name) != "." && !strings.HasPrefix(p, ".") { // a path in a subfolder's file is from the top
				p = filepath.Clean(p)
			}
			if _, err := os.Stat(filepath.Join("..", p)); err != nil {
				t.Errorf("%s names `%s`, which does not exist", name, m[1])
			}
		}
		for _, m := range regexp.MustCompile(`GoReleaser (v2\.[0-9]+\.[0-9]+)`).FindAllStringSubmatch(doc, -1) {
			if m[1] != pin[1] {
				t.Errorf("%s names GoReleaser %s; .ci/run pins %s", name, m[1], pin[1])
			}
		}
		checkLinks(t, name, doc)
		for _, cmd := range biliqrCommands(doc) {
			if o, code, ok := args.Parse(cmd, new(strings.Builder), new(strings.Builder)); !ok && code != 0 || ok && o.Conflict() != "" {
				t.Errorf("%s shows `biliqr %s`, which is bad usage", name, strings.Join(cmd, " "))
			}
		}
	}
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section is the text under the heading title, up to the next heading.
func section(t *testing.T, doc, title string) string {
	t.Helper()
	i := strings.Index(doc, "\n"+title+"\n")
	if i < 0 {
		t.Fatalf("no section %q", title)
	}
	rest := doc[i+len(title)+2:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// biliqrCommands are the arguments of each biliqr command in the doc's sh
// blocks (where biliqr is the command: at the start, after a pipe, $( or
// a cron schedule) and in its `biliqr -…` code spans; a command ends at a
// pipe, redirection, ) or comment.
func biliqrCommands(doc string) [][]string {
	var lines []string
	inSh := false
	for _, l := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(l, "```"):
			inSh = l == "```sh"
		case inSh:
			lines = append(lines, l)
		}
	}
	for _, m := range regexp.MustCompile("`(biliqr -[^`]*)`").FindAllStringSubmatch(doc, -1) {
		lines = append(lines, m[1])
	}
	start := regexp.MustCompile(`(?:^(?:[0-9*]+ ){5}|^|\$\(|<\(|\|\| |&& |\| |; )biliqr( |$)`)
	end := regexp.MustCompile(`[0-9]*[<>]|[|);&#]`)
	var out [][]string
	for _, l := range lines {
		for _, loc := range start.FindAllStringIndex(l, -1) {
			rest := l[loc[1]:]
			if loc := end.FindStringIndex(rest); loc != nil {
				rest = rest[:loc[0]]
			}
			var cmd []string
			for _, w := range strings.Fields(rest) {
				cmd = append(cmd, strings.Trim(w, `'"`))
			}
			if !slices.Contains(cmd, "…") {
				out = append(out, cmd)
			}
		}
	}
	return out
}

// checkLinks fails on a relative markdown link whose file is missing.
func checkLinks(t *testing.T, name, doc string) {
	t.Helper()
	for _, m := range regexp.MustCompile(`\]\(([^)#]+)(#[^)]*)?\)`).FindAllStringSubmatch(doc, -1) {
		if strings.Contains(m[1], "://") {
			continue
		}
		if _, err := os.Stat(filepath.Join("..", filepath.Dir(name), m[1])); err != nil {
			t.Errorf("%s links to %s, which does not exist", name, m[1])
		}
	}
}

// directRequirements are the modules go.mod requires, but not indirectly.
func directRequirements(t *testing.T) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(readDoc(t, "go.mod")))
	in := false
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "require (":
			in = true
		case l == ")":
			in = false
		case in && !strings.Contains(l, "// indirect"):
			out = append(out, strings.Fields(l)[0])
		}
	}
	return out
}

// testFuncs is the name of every Test, Benchmark and Fuzz function.
func testFuncs(t *testing.T) map[string]bool {
	funcs := map[string]bool{}
	def := regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Fuzz)[A-Za-z0-9_]+)\(`)
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		for _, m := range def.FindAllStringSubmatch(string(b), -1) {
			funcs[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return funcs
}
