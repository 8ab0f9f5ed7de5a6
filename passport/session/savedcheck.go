package session

import (
	"context"
	"os"

	"github.com/biliqr/biliqr/passport"
)

// SavedCheck is how to verify the session already saved at path before a
// new login: with a client of its own (opts), so that its cookies never
// mix with the new login's. perm is the file's mode where other users may
// open it (0: fine). ok is false when there is no file there, or no client.
func SavedCheck(path string, opts passport.Options) (check func(ctx context.Context, locale string) (passport.Account, error), perm uint32, ok bool) {
	if _, err := os.Lstat(path); err != nil {
		return nil, 0, false
	}
	checker, err := passport.New(opts)
	if err != nil {
		return nil, 0, false
	}
	if p, loose := LooseMode(path); loose {
		perm = uint32(p)
	}
	return func(ctx context.Context, locale string) (passport.Account, error) {
		return Check(ctx, checker, path, locale)
	}, perm, true
}
