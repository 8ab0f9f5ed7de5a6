// Package ui turns a read-only snapshot of the app (Screen) into the text a
// terminal shows: the QR block, the status line, the locale menu, the help
// bar, the theme and the translations. It never changes state or does I/O.
package ui
