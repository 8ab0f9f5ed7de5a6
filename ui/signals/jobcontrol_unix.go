//go:build unix

package signals

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// jobControl says whether a stopped biliqr can be resumed: whether its
// process group is not orphaned (POSIX), that is, some member has a parent
// in another group of the same session — a shell that will get the stop
// reported and can send SIGCONT (fg, bg). The kernel drops a SIGTSTP to an
// orphaned group for the same reason.
func jobControl() bool {
	pgrp := unix.Getpgrp()
	sid, err := unix.Getsid(0)
	if err != nil {
		return false
	}
	for _, ppid := range groupParents(pgrp) {
		if ppid <= 1 { // init adopts orphans; it resumes nobody
			continue
		}
		ppg, err1 := unix.Getpgid(ppid)
		psid, err2 := unix.Getsid(ppid)
		if err1 == nil && err2 == nil && ppg != pgrp && psid == sid {
			return true
		}
	}
	return false
}

// groupParents are the parents of the members of process group pgrp, read
// from /proc; where there is none, biliqr's own parent.
func groupParents(pgrp int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return []int{os.Getppid()}
	}
	var parents []int
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp …; comm may hold anything but ')'
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 3 || f[2] != strconv.Itoa(pgrp) {
			continue
		}
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			parents = append(parents, ppid)
		}
	}
	if len(parents) == 0 {
		return []int{os.Getppid()}
	}
	return parents
}
