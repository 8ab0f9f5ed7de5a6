package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockWait is how long a save waits for another biliqr's save into the same
// file to end before giving up.
var lockWait = 30 * time.Second

// ErrLocked means another process held the file's lock for all of lockWait.
var ErrLocked = errors.New("another biliqr is writing it (its .lock file stayed locked); try again")

// lockFile takes the advisory lock that serializes every read–merge–write of
// path across processes: without it, two saves into one shared jar each read
// the old file and the second rename drops the first one's lines.
//
// The lock is on a separate file, "<path>.lock" (0600, empty, left in
// place), not on path itself: a save replaces path by renaming a new file
// over it, and a lock held on the old inode would not stop the next writer,
// who opens the new one. The lock file is never removed, for the same
// reason: a process waiting on a removed lock file would hold a lock nobody
// else sees. It is never opened through a symlink. The directory is made
// (0700) first if missing, as the save would.
func lockFile(ctx context.Context, path string) (unlock func(), err error) {
	lockPath := path + lockSuffix
	if err := mkdirAll(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if err := checkLockPath(path); err != nil {
		return nil, err
	}
	l := flock.New(lockPath, flock.SetFlag(os.O_CREATE|os.O_RDWR|openFlags), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(ctx, lockWait)
	defer cancel()
	ok, err := l.TryLockContext(ctx, 10*time.Millisecond)
	if ctx.Err() == context.Canceled {
		return nil, ctx.Err() // a signal: not the lock's fault
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("cannot lock %s: %w", lockPath, err)
	}
	if !ok {
		return nil, ErrLocked
	}
	return func() { _ = l.Unlock() }, nil
}
