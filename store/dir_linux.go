package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultDir is RigShift's data directory: $XDG_DATA_HOME/rigshift, or
// ~/.local/share/rigshift when XDG_DATA_HOME is unset or not absolute (the
// XDG spec says to ignore relative paths).
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "rigshift"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "rigshift"), nil
}
