//go:build !linux

package ui

import "errors"

// desktopSession: elsewhere beeep starts nothing to show a notice.
func desktopSession() bool { return true }

// notifyOverOwnBus: elsewhere beeep shows the notice, as the platform has it.
func notifyOverOwnBus(app, title, body string) error {
	return errors.ErrUnsupported
}
