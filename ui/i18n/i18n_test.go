package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Plurals: none of the six languages needs plural machinery here. The
// English texts are written to avoid number agreement ("needs %d×%d",
// "mid %d"), and Thai, Vietnamese, Indonesian, Malay and Chinese do not
// inflect nouns for number, so one form per key is right for all of them.

// sameAsEnglish lists the keys whose text may equal the English one in
// every language: they hold only placeholders and literal tokens.
var sameAsEnglish = map[Text]bool{
	TextAccountNameMid: true, // "%s (mid %d)": "mid" is the bilibili field name
	TextAccountMid:     true, // "mid %d"
	TextClauseSep:      true, // "; " in every language written with Latin or Thai script punctuation
}

// sameAsEnglishIn lists, per locale, texts that are English loanwords
// there too: Indonesians say "demo" and "offline" ("luring" is bookish).
var sameAsEnglishIn = map[string]map[Text]bool{
	"id_ID": {TextDemoBadge: true},
}

// verbRE matches one fmt directive: flags, an optional [n] argument index,
// width, precision, and the verb. %% is matched too and skipped.
var verbRE = regexp.MustCompile(`%[+\-# 0]*(?:\[(\d+)\])?(?:\d+|\*)?(?:\.(?:\d+|\*)?)?(?:\[(\d+)\])?([a-zA-Z%])`)

// fmtVerbs lists the directives of s as "argIndex:verb", sorted, so that a
// translation that reorders its arguments with %[n]v compares equal to the
// English text only if every argument keeps its verb. A '%' that starts no
// directive makes it an error.
func fmtVerbs(s string) ([]string, error) {
	var out []string
	next := 1
	rest := verbRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := verbRE.FindStringSubmatch(m)
		if sub[3] == "%" {
			return ""
		}
		idx := next
		for _, g := range sub[1:3] {
			if g != "" {
				idx, _ = strconv.Atoi(g)
			}
		}
		out = append(out, fmt.Sprintf("%d:%s", idx, sub[3]))
		next = idx + 1
		return ""
	})
	if strings.Contains(rest, "%") {
		return nil, fmt.Errorf("stray %% in %q", s)
	}
	slices.Sort(out)
	return out, nil
}

func TestFmtVerbs(t *testing.T) {
	for s, want := range map[string]string{
		"plain":                   "",
		"100%% sure":              "",
		"%s (mid %d)":             "1:s 2:d",
		"%[2]d then %[1]s":        "1:s 2:d",
		"%d×%d of %d×%d":          "1:d 2:d 3:d 4:d",
		"%[2]s, then %s":          "2:s 3:s",
		"%-8.2f and %5x":          "1:f 2:x",
		"need %[3]d, %[1]s %[2]s": "1:s 2:s 3:d",
	} {
		got, err := fmtVerbs(s)
		if err != nil {
			t.Errorf("fmtVerbs(%q): %v", s, err)
			continue
		}
		if strings.Join(got, " ") != want {
			t.Errorf("fmtVerbs(%q) = %q, want %q", s, got, want)
		}
	}
	if _, err := fmtVerbs("ends in %"); err == nil {
		t.Error("fmtVerbs accepted a stray %")
	}
}

// declaredKeys reads keys.go for every constant of type Text, so a key
// added without an English text is caught too.
func declaredKeys(t *testing.T) map[string]Text {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]Text{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Text" {
				continue
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s: not a string literal", name.Name)
				}
				v, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys[name.Name] = Text(v)
			}
		}
	}
	if len(keys) == 0 {
		t.Fatal("found no Text constants in keys.go")
	}
	return keys
}

var wantLocales = []string{"en_US", "th_TH", "vi_VN", "id_ID", "ms_MY", "zh_ZH"}

func TestCatalogComplete(t *testing.T) {
	for name, k := range declaredKeys(t) {
		if allCatalogs[English][k] == "" {
			t.Errorf("%s (%q) has no English text", name, k)
		}
	}
	for _, loc := range wantLocales {
		if _, ok := allCatalogs[loc]; !ok {
			t.Errorf("no catalog for %s", loc)
		}
	}
	for loc, cat := range allCatalogs {
		for k, en := range allCatalogs[English] {
			s, ok := cat[k]
			switch {
			case !ok:
				t.Errorf("%s: missing %q", loc, k)
				continue
			case strings.TrimSpace(s) == "":
				t.Errorf("%s: %q is empty", loc, k)
				continue
			}
			want, err := fmtVerbs(en)
			if err != nil {
				t.Errorf("en_US %q: %v", k, err)
				continue
			}
			got, err := fmtVerbs(s)
			if err != nil {
				t.Errorf("%s %q: %v", loc, k, err)
				continue
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: verbs %v, English has %v", loc, k, got, want)
			}
			// Formatting with the English argument types must not complain.
			var args []any
			for _, v := range want {
				if strings.HasSuffix(v, ":d") {
					args = append(args, 7)
				} else {
					args = append(args, "x")
				}
			}
			if out := T(loc, k, args...); len(args) > 0 && strings.Contains(out, "%!") {
				t.Errorf("%s %q formats badly: %q", loc, k, out)
			}
		}
		for k := range cat {
			if _, ok := allCatalogs[English][k]; !ok {
				t.Errorf("%s: %q is not an English key", loc, k)
			}
		}
	}
}

func TestCatalogNotEnglish(t *testing.T) {
	for k := range sameAsEnglish {
		if _, ok := allCatalogs[English][k]; !ok {
			t.Errorf("allow-list names unknown key %q", k)
		}
	}
	for loc, cat := range allCatalogs {
		if loc == "en_US" {
			continue
		}
		for k, s := range cat {
			if s == allCatalogs[English][k] && !sameAsEnglish[k] && !sameAsEnglishIn[loc][k] {
				t.Errorf("%s %q is still English: %q", loc, k, s)
			}
		}
	}
}

func TestCatalogNoControlChars(t *testing.T) {
	for loc, cat := range allCatalogs {
		for k, s := range cat {
			for _, r := range s {
				// Bidi controls are format characters, not Cc, but can
				// reorder the terminal line just as badly.
				bidi := (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
				if unicode.IsControl(r) || bidi || r == unicode.ReplacementChar {
					t.Errorf("%s %q contains %U", loc, k, r)
				}
			}
		}
	}
}
