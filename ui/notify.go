package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gen2brain/beeep"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// NewNotifier returns the desktop notifier the controller is given. Each
// notice goes to the session's notification server over D-Bus
// (org.freedesktop.Notifications) through beeep, which falls back to
// notify-send and kdialog. Notify returns beeep's error when nothing
// showed the notice — Fyne's own SendNotification cannot tell.
func NewNotifier(appName string) control.Notifier {
	beeep.AppName = appName // beeep keeps the name in a package variable
	return notifier{}
}

type notifier struct{}

// Notify shows n with RigShift's icon, its body as written: escaped for a
// server that reads markup.
func (notifier) Notify(n control.Notice) error {
	if !desktopSession() {
		return errNoDesktopSession
	}
	body := n.Body
	if serverReadsMarkup() {
		body = markupEscaper.Replace(body)
	}
	if err := beeep.Notify(n.Title, body, assets.NoticeIconPNG); err != nil {
		return fmt.Errorf("showing the notification %q: %w", n.Title, err)
	}
	return nil
}

// errNoDesktopSession is a notice with no desktop to show it: RigShift
// started by cron, a service without the owner's session, or over ssh.
var errNoDesktopSession = errors.New("no desktop session to show it on (no session bus)")

// markupEscaper writes text so that a server reading markup shows it as
// is: the three characters the notification spec's markup gives meaning.
var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
