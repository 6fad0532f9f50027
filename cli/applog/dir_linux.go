package applog

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultDir is where RigShift keeps its log and crash files:
// $XDG_STATE_HOME/rigshift, else ~/.local/state/rigshift (the XDG base
// directory default).
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "rigshift"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("cannot find your home directory for the log file; set XDG_STATE_HOME")
	}
	return filepath.Join(home, ".local", "state", "rigshift"), nil
}
