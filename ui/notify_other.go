//go:build !linux

package ui

import (
	"errors"

	"github.com/rigshift/rigshift/jobs/control"
)

// desktopSession: elsewhere beeep starts nothing to show a notice.
func desktopSession() bool { return true }

// notifyOverOwnBus: elsewhere beeep shows the notice, as the platform has it.
func notifyOverOwnBus(app string, n control.Notice) error {
	return errors.ErrUnsupported
}
