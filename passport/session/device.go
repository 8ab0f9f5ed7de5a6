package session

import "github.com/biliqr/biliqr/passport"

// AdoptDevice gives c the device cookie (buvid3) that the file at path
// holds, if it holds one: a saved session, or a shared cookie jar a browser
// wrote. A new login then arrives as the same device, as a browser does,
// instead of as a new one. Nothing else is taken, and an unreadable or
// missing file is no error here: the check of the saved session, or the
// save, says what is wrong with it.
func AdoptDevice(c interface{ LoadCookies([]passport.Cookie) }, path string) {
	s, _, err := ReadFile(path)
	if err != nil {
		return
	}
	if d := passport.DeviceCookies(s.Cookies); len(d) > 0 {
		c.LoadCookies(d)
	}
}
