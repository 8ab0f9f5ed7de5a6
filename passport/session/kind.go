package session

import "github.com/biliqr/biliqr/passport"

// Kind is KindFile: a session file error is a file error, whatever its cause, so the UI
// words it as the file's own path and reason.
func (e *FileError) Kind() passport.Kind { return passport.KindFile }

// noSession is ErrNoSession: a file error too.
type noSession struct{}

func (noSession) Error() string       { return "no saved session" }
func (noSession) Kind() passport.Kind { return passport.KindFile }
