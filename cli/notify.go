package cli

import (
	"github.com/gen2brain/beeep"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// beeepNotifier shows notices as desktop notifications (D-Bus
// org.freedesktop.Notifications, or notify-send).
type beeepNotifier struct{}

func desktopNotifier() control.Notifier {
	beeep.AppName = "RigShift"
	return beeepNotifier{}
}

// Notify shows n; beeep says when no notification service answers.
func (beeepNotifier) Notify(n control.Notice) error {
	return beeep.Notify(n.Title, n.Body, assets.IconPNG)
}
