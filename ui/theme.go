package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme holds every style the app uses, built from one palette so that a
// light or dark terminal background changes them all at once.
type Theme struct {
	Title, Status, Label, Value, Muted, Accent, Good, Warn, Bad lipgloss.Style
	MenuItem, MenuCursor, MenuCurrent, MenuFilter               lipgloss.Style
	Help                                                        help.Styles
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
	t := Theme{
		Title:       fg(accent).Bold(true),
		Status:      fg(text).Bold(true),
		Label:       fg(muted),
		Value:       fg(text),
		Muted:       fg(muted),
		Accent:      fg(accent),
		Good:        fg(good).Bold(true),
		Warn:        fg(warn),
		Bad:         fg(bad).Bold(true),
		MenuItem:    fg(text),
		MenuCursor:  fg(accent).Bold(true),
		MenuCurrent: fg(good),
		MenuFilter:  fg(accent),
	}
	h := help.DefaultStyles(dark)
	h.ShortKey = fg(accent).Bold(true)
	h.ShortDesc = fg(muted)
	h.ShortSeparator = fg(muted)
	t.Help = h
	return t
}
