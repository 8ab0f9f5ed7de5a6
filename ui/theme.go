package ui

import (
	"image/color"
	"strings"
	"sync"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme holds every style the app uses, built from one palette so that a
// light or dark terminal background changes them all at once. Its styles
// are kept as escape-sequence pairs, worked out once: a frame wraps text in
// them instead of running Lip Gloss on every line.
type Theme struct {
	p      paints
	helpSt help.Styles
	help   *helpCache
}

// paint is a style as the escape sequences around its text.
type paint struct{ pre, post string }

func (p paint) on(s string) string {
	if p.pre == "" {
		return s
	}
	return p.pre + s + p.post
}

func paintOf(st lipgloss.Style) paint {
	const mark = "\x00"
	out := st.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

type paints struct {
	title, status, label, value, muted, accent, good, warn, bad paint
	menuItem, menuCursor, menuCurrent, menuFilter               paint
	link, helpKey, helpDesc, helpSep                            paint
}

// bilibili's pink, readable on both backgrounds.
var pink = lipgloss.Color("#FB7299")

// NewTheme builds the styles for a dark or light background.
func NewTheme(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	muted := ld(lipgloss.Color("#6C6C6C"), lipgloss.Color("#9A9A9A"))
	text := ld(lipgloss.Color("#1F1F1F"), lipgloss.Color("#E4E4E4"))
	accent := ld(lipgloss.Color("#D63F75"), pink)
	good := ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#5FD787"))
	warn := ld(lipgloss.Color("#9A6700"), lipgloss.Color("#E3B341"))
	bad := ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF6B6B"))
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	h := help.DefaultStyles(dark)
	h.ShortKey = fg(accent).Bold(true)
	h.ShortDesc = fg(muted)
	h.ShortSeparator = fg(muted)
	return Theme{
		p: paints{
			title: paintOf(fg(accent).Bold(true)), status: paintOf(fg(text).Bold(true)),
			label: paintOf(fg(muted)), value: paintOf(fg(text)), muted: paintOf(fg(muted)),
			accent: paintOf(fg(accent)), good: paintOf(fg(good).Bold(true)), warn: paintOf(fg(warn)),
			bad: paintOf(fg(bad).Bold(true)), menuItem: paintOf(fg(text)), menuCursor: paintOf(fg(accent).Bold(true)),
			menuCurrent: paintOf(fg(good)), menuFilter: paintOf(fg(accent)), link: paintOf(fg(accent).Underline(true)),
			helpKey: paintOf(h.ShortKey), helpDesc: paintOf(h.ShortDesc), helpSep: paintOf(h.ShortSeparator),
		},
		helpSt: h,
		help:   &helpCache{m: map[string][]line{}},
	}
}

// helpCache keeps laid-out help rows: they change only with the state,
// the language or the width, not from frame to frame.
type helpCache struct {
	mu sync.Mutex
	m  map[string][]line
}

func (c *helpCache) get(key string, build func() []line) []line {
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.m[key]; ok {
		return l
	}
	if len(c.m) > 64 { // resizes add keys; keep it small
		clear(c.m)
	}
	l := build()
	c.m[key] = l
	return l
}
