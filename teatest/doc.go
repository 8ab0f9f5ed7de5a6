// Package teatest holds biliqr's end-to-end tests: the whole app (model,
// ui, passport client) runs in a Bubble Tea program under teatest v2
// against the fake server on loopback, and the screen is read back through
// a terminal emulator. A tmux test runs the built binary in a real terminal.
package teatest
