package cli

import (
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Build is what a binary knows about itself. Release builds get all three
// through -ldflags -X (see .goreleaser.yaml); other builds read the Go
// build info.
type Build struct {
	Version string // "1.2.3" or "v1.2.3"; "" unknown
	Commit  string // full or short hash; "" unknown
	Date    string // RFC 3339; "" unknown
}

// pseudo is a Go pseudo-version: v0.0.0-20261201091200-24127e2b90b2. Its
// time and commit are the build's; the version part says nothing.
// Compiled on first use: only -version and the man page read it.
var pseudo = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+-(?:[0-9A-Za-z.]+[.-])?([0-9]{14})-([0-9a-f]{12})(\+dirty)?$`)
})

// BuildFrom fills what ldflags left empty from the build info: the module
// version (a tag for go install …@v1.2.3), else vcs.revision and vcs.time
// (a build in a clone), else what a pseudo-version holds (go install
// …@latest of an untagged commit).
func BuildFrom(b Build, bi *debug.BuildInfo) Build {
	// GoReleaser stamps "none" and year 1 where git could not tell it.
	if b.Commit == "none" {
		b.Commit = ""
	}
	if t, err := time.Parse(time.RFC3339, b.Date); err == nil && t.Year() < 2000 {
		b.Date = ""
	}
	if bi == nil {
		return b
	}
	if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && b.Commit == "":
			b.Commit = s.Value
		case s.Key == "vcs.time" && b.Date == "":
			b.Date = s.Value
		}
	}
	if m := pseudo().FindStringSubmatch(b.Version); m != nil {
		// The version holds the commit once more: say it once, as a commit.
		if b.Commit == "" {
			b.Commit = m[2]
		}
		if b.Date == "" {
			if t, err := time.Parse("20060102150405", m[1]); err == nil {
				b.Date = t.UTC().Format(time.RFC3339)
			}
		}
		b.Version = ""
	}
	return b
}

// String is -version's line after the name: one version, then the commit
// and the build date once each: "1.2.3 (commit 24127e2b90b2, built
// 2026-12-01)"; "devel" where there is no version.
func (b Build) String() string {
	v := b.Version
	if v == "" {
		v = "devel"
	}
	var extra []string
	if b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		extra = append(extra, "commit "+c)
	}
	if d := b.Day(); d != "" {
		extra = append(extra, "built "+d)
	}
	if len(extra) == 0 {
		return v
	}
	return v + " (" + strings.Join(extra, ", ") + ")"
}

// Day is the build date as YYYY-MM-DD ("" unknown), for the man page.
func (b Build) Day() string {
	if t, err := time.Parse(time.RFC3339, b.Date); err == nil {
		return t.UTC().Format(time.DateOnly)
	}
	if len(b.Date) >= 10 {
		if _, err := time.Parse(time.DateOnly, b.Date[:10]); err == nil {
			return b.Date[:10]
		}
	}
	return ""
}
