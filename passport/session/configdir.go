package session

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// ConfigDir checks biliqr's own directory, <user config dir>/biliqr, where
// the session goes by default. the man page promises it is "0700, never through a
// symbolic link":
//   - a symbolic link there is refused (err): the session would land
//     wherever the link points, a place nobody chose for a secret. Replace
//     the link with a directory, or give -o;
//   - a directory others may write in (group or other write bit) is warned
//     about (warn, non-empty): they could replace the session file or plant
//     a link; chmod 700 it. It is used all the same, as a loose-mode
//     session file is.
//
// A missing directory is fine: it will be made 0700.
func ConfigDir(dir string) (warn string, err error) {
	info, err := os.Lstat(dir)
	switch {
	case err != nil:
		return "", nil // missing (made at save), or the save will say why
	case info.Mode()&fs.ModeSymlink != 0:
		return "", fmt.Errorf("%s is a symbolic link; biliqr keeps the session only in a real directory (mode 0700). Replace the link with a directory, or give -o", dir)
	case !info.IsDir() || runtime.GOOS == "windows":
		return "", nil
	case info.Mode().Perm()&0o022 != 0:
		return fmt.Sprintf("warning: other users can write in %s (mode %04o), so they could replace your session file; run chmod 700 on it", dir, info.Mode().Perm()), nil
	}
	return "", nil
}

// SamePath says whether a and b name the same file: the same absolute path,
// or, where both exist, the same file through another name.
func SamePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
