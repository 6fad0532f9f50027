//go:build !linux

package applog

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultDir is where RigShift keeps its log and crash files: RigShift/logs
// in the user's cache directory (%LocalAppData% on Windows,
// ~/Library/Caches on macOS).
func DefaultDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a directory for the log file: %w", err)
	}
	return filepath.Join(dir, "RigShift", "logs"), nil
}
