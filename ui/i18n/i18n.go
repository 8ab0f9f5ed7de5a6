// Package i18n is the app's wording: the keys of every text it shows, the
// catalogs that give each key its words in six languages, the language
// from the environment, and dates and durations in words.
//
// Each language is one go-i18n message file in catalog/, named by its
// BCP 47 tag, which translation platforms (Weblate, Crowdin) read and
// write as they are; the binary embeds them. The texts are fmt formats:
// the verbs mark the arguments, as in the English file.
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

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// English is the reference language: every key has a text in it, and the
// others fall back to it for a missing key.
const English = "en_US"

//go:embed catalog/*.json
var catalogFiles embed.FS

// catalogs maps an s_locale code to its texts, read once from the embedded
// files. A file that does not parse is a build mistake the tests catch.
var catalogs = mustLoad(catalogFiles)

// mustLoad reads every message file of fsys's catalog folder into a
// catalog keyed by the s_locale code its file name's tag matches.
func mustLoad(fsys fs.FS) map[string]map[Text]string {
	out, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return out
}

func load(fsys fs.FS) (map[string]map[Text]string, error) {
	names, err := fs.Glob(fsys, "catalog/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]map[Text]string{}
	for _, name := range names {
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		mf, err := goi18n.ParseMessageFileBytes(buf, path.Base(name), map[string]goi18n.UnmarshalFunc{"json": json.Unmarshal})
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		loc, ok := MatchLocale(mf.Tag.String())
		if !ok {
			return nil, fmt.Errorf("i18n: %s: no language the app speaks", name)
		}
		if _, dup := out[loc]; dup {
			return nil, fmt.Errorf("i18n: %s: a second file for %s", name, loc)
		}
		cat := make(map[Text]string, len(mf.Messages))
		for _, m := range mf.Messages {
			cat[Text(m.ID)] = m.Other
		}
		out[loc] = cat
	}
	if out[English] == nil {
		return nil, fmt.Errorf("i18n: no %s catalog", English)
	}
	return out, nil
}

// T returns the text of m in the language of locale, formatted with args.
func T(locale string, m Text, args ...any) string {
	s, ok := catalogs[locale][m]
	if !ok || s == "" {
		s = catalogs[English][m]
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
	out := make([]Text, 0, len(catalogs[English]))
	for k := range catalogs[English] {
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
