package ui

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// runewidthTable is go-runewidth's width table: 2 × 1.1 MB of zeroed
// memory that the first rune past U+02FF fills, in this process only.
// It is found by its name in go-runewidth; a release that renames it
// fails to link, and then this file goes.
//
//go:linkname runewidthTable github.com/mattn/go-runewidth.strictWidthLUT
var runewidthTable [2][0x110000]byte

// prefaultWidthTable maps the table's pages in one system call before it
// is filled. Filled one page at a time, its 544 pages cost 544 page
// faults: 6.6 ms on a VM, where a fault costs 12 µs and this call 0.9 µs
// a page. The table is filled on a goroutine that holds one of the two
// processors of a small machine meanwhile, so the ticket request's
// connect waits behind it; the shorter the better. A kernel without
// MADV_POPULATE_WRITE (before 5.14) refuses it, and the pages fault in as
// before.
func prefaultWidthTable() {
	// the table is static data: its address never changes
	start := uintptr(unsafe.Pointer(&runewidthTable))
	page := uintptr(unix.Getpagesize())
	first := start &^ (page - 1)
	end := (start + unsafe.Sizeof(runewidthTable) + page - 1) &^ (page - 1)
	unix.Syscall(unix.SYS_MADVISE, first, end-first, unix.MADV_POPULATE_WRITE) //nolint:errcheck // refused: the pages fault in
}
