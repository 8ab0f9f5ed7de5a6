// Package i18n is the app's wording: the keys of every text it shows, the
// catalogs that give each key its words in six languages, the language
// from the environment, and dates and durations in words.
//
// Each language is one go-i18n message file in catalog/, named by its
// BCP 47 tag, which translation platforms (Weblate, Crowdin) read and
// write as they are; the binary embeds them. The files use go-i18n's flat
// form only (each key's value is its text), which the binary reads as
// plain JSON; the tests hold every file to go-i18n's own reading. The
// texts are fmt formats: the verbs mark the arguments, as in the English
// file.
//
// It imports nothing of the project, so every layer may word things.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// English is the reference language: every key has a text in it, and the
// others fall back to it for a missing key.
const English = "en_US"

//go:embed catalog/*.json
var catalogFiles embed.FS

// catalogs maps an s_locale code to its file, read on first use: parsing
// all six at start-up took 5 ms of every run (GODEBUG=inittrace), before
// the first frame, and a run needs one language besides English. load
// reads and checks them all, for the tests.
var catalogs = indexCatalogs(catalogFiles)

// lazyCatalog is one language's texts, parsed from its file once.
type lazyCatalog struct {
	name  string
	once  sync.Once
	texts map[Text]string
}

func (c *lazyCatalog) get() map[Text]string {
	c.once.Do(func() {
		_, texts, err := parseCatalog(catalogFiles, c.name)
		if err != nil {
			panic(err) // a build mistake, which every test of this package catches
		}
		c.texts = texts
	})
	return c.texts
}

// indexCatalogs finds each language's file by its name's tag, without
// reading it.
func indexCatalogs(fsys fs.FS) map[string]*lazyCatalog {
	names, _ := fs.Glob(fsys, "catalog/*.json")
	out := make(map[string]*lazyCatalog, len(names))
	for _, name := range names {
		if loc, ok := MatchLocale(strings.TrimSuffix(path.Base(name), ".json")); ok {
			out[loc] = &lazyCatalog{name: name}
		}
	}
	return out
}

// parseCatalog reads one message file: the s_locale code its name's tag
// matches, and its texts. It reads go-i18n's flat form as plain JSON, a
// text for each key: go-i18n's parser, with the language tables it
// needs, made the first text of every run cost 1.1 ms before the first
// frame, against 0.7 ms. A nested or plural message is refused.
func parseCatalog(fsys fs.FS, name string) (string, map[Text]string, error) {
	buf, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", nil, err
	}
	loc, ok := MatchLocale(strings.TrimSuffix(path.Base(name), path.Ext(name)))
	if !ok {
		return "", nil, fmt.Errorf("i18n: %s: no language the app speaks", name)
	}
	var texts map[Text]string
	if err := json.Unmarshal(buf, &texts); err != nil {
		return "", nil, fmt.Errorf("i18n: %s: %w", name, err)
	}
	return loc, texts, nil
}

// load reads and checks every message file of fsys's catalog folder,
// keyed by the s_locale code its file name's tag matches.
func load(fsys fs.FS) (map[string]map[Text]string, error) {
	names, err := fs.Glob(fsys, "catalog/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]map[Text]string{}
	for _, name := range names {
		loc, texts, err := parseCatalog(fsys, name)
		if err != nil {
			return nil, err
		}
		if _, dup := out[loc]; dup {
			return nil, fmt.Errorf("i18n: %s: a second file for %s", name, loc)
		}
		out[loc] = texts
	}
	if out[English] == nil {
		return nil, fmt.Errorf("i18n: no %s catalog", English)
	}
	return out, nil
}

// T returns the text of m in the language of locale, formatted with args.
func T(locale string, m Text, args ...any) string {
	var s string
	if c := catalogs[locale]; c != nil {
		s = c.get()[m]
	}
	if s == "" {
		s = catalogs[English].get()[m]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Locales lists the s_locale codes that have a catalog, sorted.
func Locales() []string {
	out := make([]string, 0, len(catalogs))
	for loc := range catalogs {
		out = append(out, loc)
	}
	sort.Strings(out)
	return out
}

// Keys lists every key of the English catalog, sorted, for tests that
// check each text on a screen.
func Keys() []Text {
	en := catalogs[English].get()
	out := make([]Text, 0, len(en))
	for k := range en {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Countdown formats a remaining time as m:ss, never negative.
func Countdown(d int) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%d:%02d", d/60, d%60)
}
