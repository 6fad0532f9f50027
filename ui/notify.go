package ui

import (
	"errors"
	"fmt"

	"github.com/gen2brain/beeep"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// NewNotifier returns the desktop notifier the controller is given. Each
// notice goes to the session's notification server over D-Bus
// (org.freedesktop.Notifications) on a connection of its own (Linux), or
// through beeep, which also falls back to notify-send and kdialog. Notify
// returns the error when nothing showed the notice — Fyne's own
// SendNotification cannot tell.
func NewNotifier(appName string) control.Notifier {
	beeep.AppName = appName // beeep keeps the name in a package variable
	return notifier{app: appName}
}

type notifier struct{ app string }

// Notify shows n with RigShift's icon, its body as written (escaped where
// the server reads markup, on Linux). Where that fails, beeep tries.
func (nt notifier) Notify(n control.Notice) error {
	if !desktopSession() {
		return errNoDesktopSession
	}
	err := notifyOverOwnBus(nt.app, n.Title, n.Body)
	if err == nil {
		return nil
	}
	if berr := beeep.Notify(n.Title, n.Body, assets.NoticeIconPNG); berr != nil {
		return fmt.Errorf("showing the notification %q: %w; %w", n.Title, err, berr)
	}
	return nil
}

// errNoDesktopSession is a notice with no desktop to show it: RigShift
// started by cron, a service without the owner's session, or over ssh.
var errNoDesktopSession = errors.New("no desktop session to show it on (no session bus)")
