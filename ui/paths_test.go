package ui

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/biliqr/biliqr/passport/session"
)

func TestShowPath(t *testing.T) {
	long := "/home/u/" + strings.Repeat("y", 400) + "/biliqr/cookies.txt"
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"/home/u/.config/biliqr/cookies.txt", 120, "/home/u/.config/biliqr/cookies.txt"},
		{"/tmp/\x1b]0;pwned\x07a\x1b[2Jb.txt", 120, "/tmp/ab.txt"},
		{"/tmp/\u202ecode.txt", 120, "/tmp/code.txt"},
		{"/abcdefghij/klmnopqrst.txt", 13, "/abc…qrst.txt"},
	} {
		if got := ShowPath(tc.in, tc.max); got != tc.want {
			t.Errorf("ShowPath(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
	got := ShowPath(long, MaxPathShown)
	if n := utf8.RuneCountInString(got); n != MaxPathShown || !strings.HasPrefix(got, "/home/u/") || !strings.HasSuffix(got, "/biliqr/cookies.txt") {
		t.Errorf("long path shown as %q (%d)", got, n)
	}
}

// A long path is shortened in the middle: the reason after it, which a
// 300-character cut used to lose, is always said.
func TestFileReasonKeepsReason(t *testing.T) {
	long := "/home/u/" + strings.Repeat("y", 400) + "/cookies.txt"
	for _, err := range []error{
		&session.FileError{Op: "write", Path: long, Err: fs.ErrPermission},
		&session.FileError{Op: "write", Path: long, Err: &fs.PathError{Op: "access", Path: long[:300], Err: fs.ErrPermission}},
	} {
		for _, got := range []string{FileReason(err), Describe("en_US", err)} {
			if !strings.HasSuffix(got, "permission denied") && !strings.HasSuffix(got, "permission denied)") {
				t.Errorf("reason lost: %q", got)
			}
			if !strings.Contains(got, "cookies.txt") || utf8.RuneCountInString(got) > 300 {
				t.Errorf("%d characters: %q", utf8.RuneCountInString(got), got)
			}
		}
	}
	// not a file error: as before
	if got := FileReason(errors.New("disk \x1b[31mfull")); got != "disk full" {
		t.Errorf("%q", got)
	}
}
