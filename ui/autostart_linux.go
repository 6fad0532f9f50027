package ui

import (
	"fmt"
	"os"
	"path/filepath"
)

// setAutostart adds or removes RigShift from the desktop's autostart
// (XDG: ~/.config/autostart/<app id>.desktop), started minimised to the
// tray when the settings say so.
func setAutostart(on bool) error {
	dir, err := os.UserConfigDir()
	if err != nil {
		return fmt.Errorf("finding the autostart folder: %w", err)
	}
	path := filepath.Join(dir, "autostart", AppID+".desktop")
	if !on {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing RigShift from autostart: %w", err)
		}
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding RigShift's program file: %w", err)
	}
	entry := fmt.Sprintf("[Desktop Entry]\nType=Application\nName=RigShift\nExec=%q\nIcon=%s\nX-GNOME-Autostart-enabled=true\n", exe, AppID)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("adding RigShift to autostart: %w", err)
	}
	if err := os.WriteFile(path, []byte(entry), 0o644); err != nil {
		return fmt.Errorf("adding RigShift to autostart: %w", err)
	}
	return nil
}
