// Package stream holds the plain-text and JSON-lines views of the model's
// events: what biliqr prints with -plain (or when no terminal can be
// opened) and with -json. They are views of the same model.Model as the
// full-screen app, run in a program with no renderer and no input: the
// model drives the login, these only put its events into words or JSON.
package stream
