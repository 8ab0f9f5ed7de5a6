package session

import (
	"errors"

	"github.com/biliqr/biliqr/passport"
)

// ErrDemoSession means the file holds only cookies for a loopback host, as
// biliqr -demo's built-in fake sets them. Without -demo they are no
// bilibili.tv session, and saying "not a valid cookie file" would send the
// user looking for corruption that is not there.
var ErrDemoSession = errors.New("a demo session (cookies for a loopback host)")

// demoOnly says whether every cookie of s is for a loopback host.
func demoOnly(s passport.Session) bool {
	if len(s.Cookies) == 0 {
		return false
	}
	for _, c := range s.Cookies {
		if !passport.IsLoopbackHost(c.Domain) {
			return false
		}
	}
	return true
}
