package ui

import (
	"context"
	"errors"
	"fmt"

	"github.com/gen2brain/beeep"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// NewNotifier returns the desktop notifier the controller is given. Each
// notice goes to the session's notification server over D-Bus
// (org.freedesktop.Notifications) on a connection of its own (Linux),
// clickable while the window runs, or through beeep, which also falls back
// to notify-send and kdialog. Notify returns the error when nothing showed
// the notice — Fyne's own SendNotification cannot tell.
func NewNotifier(appName string) control.Notifier {
	beeep.AppName = appName // beeep keeps the name in a package variable
	return notifier{app: appName}
}

type notifier struct{ app string }

// ownBusNotify and fallbackNotify show a notice; tests replace them.
var (
	ownBusNotify   = notifyOverOwnBus
	fallbackNotify = func(title, body string, icon any) error { return beeep.Notify(title, body, icon) }
)

// Notify shows n with RigShift's icon, its body as written (escaped where
// the server reads markup, on Linux). Where that fails, beeep tries; not
// where the server took the notice and did not answer in time, where it
// would show it twice.
func (nt notifier) Notify(n control.Notice) error {
	if !desktopSession() {
		return errNoDesktopSession
	}
	err := ownBusNotify(nt.app, n)
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("showing the notification %q: the desktop's notification service did not answer: %w", n.Title, err)
	}
	if berr := fallbackNotify(n.Title, n.Body, assets.NoticeIconPNG); berr != nil {
		return fmt.Errorf("showing the notification %q: %w; %w", n.Title, err, berr)
	}
	return nil
}

// errNoDesktopSession is a notice with no desktop to show it: RigShift
// started by cron, a service without the owner's session, or over ssh.
var errNoDesktopSession = errors.New("no desktop session to show it on (no session bus)")
