//go:build !linux

package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultDir is RigShift's data directory: the platform's per-user
// application data directory (os.UserConfigDir: ~/Library/Application
// Support on macOS, %AppData% on Windows) joined with "RigShift".
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return filepath.Join(dir, "RigShift"), nil
}
