//go:build linux

package termcaps

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The console ioctls of linux/kd.h.
const (
	kdgkbmode = 0x4B44 // KDGKBMODE: the keyboard mode
	kUnicode  = 0x03   // K_UNICODE
	gioUnimap = 0x4B66 // GIO_UNIMAP: the font's Unicode map
)

// unipair is struct unipair: a character and its place in the font
// (which only the kernel needs).
type unipair struct {
	unicode uint16
	_       uint16
}

type unimapdesc struct {
	count   uint16
	entries *unipair
}

// SystemConsole asks the console on f (the terminal biliqr draws on) by
// ioctl. A terminal emulator, a pipe or a serial line answers neither
// ioctl: false.
func SystemConsole(f *os.File) ConsoleQuery {
	return func() (Console, bool) {
		if f == nil {
			return Console{}, false
		}
		fd := int(f.Fd())
		mode, err := unix.IoctlGetInt(fd, kdgkbmode)
		if err != nil {
			return Console{}, false
		}
		c := Console{Unicode: mode == kUnicode, Glyphs: map[rune]bool{}}
		// The kernel says how many entries it has when the buffer is too
		// small (ENOMEM); a font has at most a few thousand.
		n := 1024
		for range 3 {
			buf := make([]unipair, n)
			d := unimapdesc{count: uint16(n), entries: &buf[0]}
			_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), gioUnimap, uintptr(unsafe.Pointer(&d)))
			if errno == unix.ENOMEM && int(d.count) > n {
				n = int(d.count)
				continue
			}
			if errno != 0 {
				return c, true // a console without a map: no glyph is known
			}
			for _, p := range buf[:min(int(d.count), n)] {
				c.Glyphs[rune(p.unicode)] = true
			}
			break
		}
		return c, true
	}
}
