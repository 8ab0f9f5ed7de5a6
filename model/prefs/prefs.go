// Package prefs keeps biliqr's few remembered settings (for now the
// language chosen in the locale menu, and the -qr rendering) in a small JSON file in the user's
// config directory, so the next run starts in the same language.
package prefs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/biliqr/biliqr/passport/session"
)

// Prefs is what is remembered between runs.
type Prefs struct {
	Locale string `json:"locale"` // an s_locale code; "" means not chosen yet
	// QR is the code's rendering given with -qr (blocks, large, ascii,
	// image, none); "" is auto.
	QR string `json:"qr,omitempty"`
}

// maxSize bounds what Load reads: the real file is a few dozen bytes.
const maxSize = 64 << 10

// Path is <user config dir>/biliqr/config.json (XDG_CONFIG_HOME on Linux).
func Path(configDir string) string {
	return filepath.Join(configDir, "biliqr", "config.json")
}

// Load reads the settings at path. A missing file is not an error (zero
// Prefs: nothing chosen yet); an unreadable or corrupt one gives zero Prefs
// and an error the caller may show before carrying on with defaults.
// Load does not check that Locale is a known code; the caller does.
func Load(path string) (Prefs, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Prefs{}, nil
	}
	if err != nil {
		return Prefs{}, fmt.Errorf("cannot read settings: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return Prefs{}, fmt.Errorf("cannot read settings: %w", err)
	}
	if len(data) > maxSize {
		return Prefs{}, fmt.Errorf("cannot read settings %s: file is too large", path)
	}
	var p Prefs
	if err := json.Unmarshal(data, &p); err != nil {
		return Prefs{}, fmt.Errorf("cannot read settings %s: not valid JSON", path)
	}
	return p, nil
}

// Save writes p to path atomically (file 0600, new directories 0700).
func Save(path string, p Prefs) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot encode settings: %w", err)
	}
	return session.WriteFileAtomic(path, append(data, '\n'))
}
