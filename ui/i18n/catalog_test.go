package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/biliqr/biliqr/passport"
)

// Every language the service offers has one catalog file, and English is
// the service's default too.
func TestCatalogPerLanguage(t *testing.T) {
	if English != passport.DefaultLocale {
		t.Errorf("English is %q, the service's default %q", English, passport.DefaultLocale)
	}
	var codes []string
	for _, l := range passport.Locales {
		codes = append(codes, l.Code)
	}
	slices.Sort(codes)
	if got := Locales(); !slices.Equal(got, codes) {
		t.Errorf("catalogs for %v, the service offers %v", got, codes)
	}
	files, err := fs.Glob(catalogFiles, "catalog/*")
	if err != nil || len(files) != len(codes) {
		t.Errorf("catalog files %v (%v), want one per language", files, err)
	}
}

// usedNames is every identifier the project's code (not its tests) names,
// except in the declarations of keys.go: a Text constant is used only if
// some code words it.
func usedNames(t *testing.T) map[string]bool {
	t.Helper()
	root := filepath.Join("..", "..")
	keys, err := filepath.Abs("keys.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if abs, _ := filepath.Abs(path); abs == keys {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}

// A catalog holds only texts the app shows: every key of every language is
// a Text constant, and some code outside keys.go uses that constant. A text
// left behind when its screen changed fails here, not in a translator's
// queue.
func TestCatalogKeysUsed(t *testing.T) {
	declared := declaredKeys(t)
	byValue := map[Text]string{}
	for name, k := range declared {
		byValue[k] = name
	}
	used := usedNames(t)
	for name := range declared {
		if !used[name] {
			t.Errorf("%s is declared but no code uses it", name)
		}
	}
	for _, loc := range Locales() {
		for k := range allCatalogs[loc] {
			if _, ok := byValue[k]; !ok {
				t.Errorf("%s: %q has no Text constant, so no code can use it", loc, k)
			}
		}
	}
}

// A catalog that does not parse, names no language the app speaks, or
// repeats one is refused when the binary starts, not shown half-translated.
func TestLoadRefusesBadCatalogs(t *testing.T) {
	en := []byte(`{"title": "biliqr"}`)
	for name, files := range map[string]fstest.MapFS{
		"not json":        {"catalog/en.json": {Data: en}, "catalog/th.json": {Data: []byte(`{"title": `)}},
		"unknown tag":     {"catalog/en.json": {Data: en}, "catalog/fr.json": {Data: en}},
		"two for english": {"catalog/en.json": {Data: en}, "catalog/en-GB.json": {Data: en}},
		"no english":      {"catalog/th.json": {Data: en}},
		"nested message":  {"catalog/en.json": {Data: []byte(`{"title": {"other": "biliqr"}}`)}},
	} {
		if _, err := load(files); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	got, err := load(fstest.MapFS{"catalog/en.json": {Data: en}, "catalog/zh-Hans.json": {Data: []byte(`{"title": "二维码"}`)}})
	if err != nil || got["zh_ZH"]["title"] != "二维码" || got[English]["title"] != "biliqr" {
		t.Errorf("load = %v, %v", got, err)
	}
}

// Each catalog is a go-i18n message file, and go-i18n reads from it the
// texts the binary reads: no plural forms, descriptions or nesting that
// the binary's plain reading would miss. Translation platforms read the
// files as go-i18n does.
func TestCatalogsReadAsGoI18nReadsThem(t *testing.T) {
	names, err := fs.Glob(catalogFiles, "catalog/*.json")
	if err != nil || len(names) != len(allCatalogs) {
		t.Fatalf("%d catalog files (%v), %d languages", len(names), err, len(allCatalogs))
	}
	for _, name := range names {
		buf, err := fs.ReadFile(catalogFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		mf, err := goi18n.ParseMessageFileBytes(buf, path.Base(name), map[string]goi18n.UnmarshalFunc{"json": json.Unmarshal})
		if err != nil {
			t.Errorf("%s: go-i18n: %v", name, err)
			continue
		}
		loc, ok := MatchLocale(mf.Tag.String())
		if !ok || allCatalogs[loc] == nil {
			t.Errorf("%s: go-i18n reads the tag %s, which names no catalog the binary reads", name, mf.Tag)
			continue
		}
		texts := allCatalogs[loc]
		if len(mf.Messages) != len(texts) {
			t.Errorf("%s: go-i18n reads %d messages, the binary %d", name, len(mf.Messages), len(texts))
		}
		for _, m := range mf.Messages {
			if got := texts[Text(m.ID)]; got != m.Other {
				t.Errorf("%s: %s: go-i18n reads %q, the binary %q", name, m.ID, m.Other, got)
			}
			if m.Zero+m.One+m.Two+m.Few+m.Many+m.Description+m.Hash != "" {
				t.Errorf("%s: %s: more than a text, which the binary would not read", name, m.ID)
			}
		}
	}
}

// allCatalogs is every catalog, read and checked as a whole (load refuses
// a file that does not parse, a tag the app does not speak, or a second
// file for one language): the binary reads each on first use only.
var allCatalogs = mustLoad(catalogFiles)

// mustLoad is load for the tests: a catalog that does not load fails every
// test of the package.
func mustLoad(fsys fs.FS) map[string]map[Text]string {
	out, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return out
}

// Reading all six catalogs: a start-up reads English and the one it
// speaks, before the first frame, so this bounds what that can cost.
func BenchmarkLoadCatalogs(b *testing.B) {
	for b.Loop() {
		if _, err := load(catalogFiles); err != nil {
			b.Fatal(err)
		}
	}
}
