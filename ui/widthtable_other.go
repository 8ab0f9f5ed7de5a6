//go:build !linux

package ui

// prefaultWidthTable: elsewhere the table's pages fault in as it is filled.
func prefaultWidthTable() {}
