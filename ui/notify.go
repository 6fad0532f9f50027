package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// notifyTimeout bounds one notification: a hung notification server must
// not hold the controller up.
const notifyTimeout = 5 * time.Second

// NewNotifier returns the desktop notifier the controller is given: each
// notice goes to the session's notification server
// (org.freedesktop.Notifications on the session D-Bus), falling back to
// notify-send. Notify returns an error when nothing showed it — Fyne's own
// SendNotification cannot tell.
func NewNotifier(appName string) control.Notifier {
	return &notifier{app: appName}
}

type notifier struct {
	app  string
	once sync.Once
	icon string // the app icon as a file, for the server to show
}

// Notify shows n. It connects per notice (notices are rare) so that a
// restarted session bus is picked up, and never blocks beyond
// notifyTimeout.
func (d *notifier) Notify(n control.Notice) error {
	d.once.Do(func() { d.icon = iconFile() })
	err := d.send(n)
	if err == nil {
		return nil
	}
	if path, lookErr := exec.LookPath("notify-send"); lookErr == nil {
		ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
		defer cancel()
		fallback := exec.CommandContext(ctx, path, "-a", d.app, "-i", d.icon, "-u", urgency(n.Kind).String(), n.Title, n.Body)
		if fbErr := fallback.Run(); fbErr == nil {
			return nil
		} else {
			err = errors.Join(err, fmt.Errorf("notify-send: %w", fbErr))
		}
	}
	return fmt.Errorf("showing the notification %q: %w", n.Title, err)
}

func (d *notifier) send(n control.Notice) error {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return fmt.Errorf("no desktop session bus: %w", err)
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
	defer cancel()
	hints := map[string]dbus.Variant{
		"urgency":       dbus.MakeVariant(byte(urgency(n.Kind))),
		"desktop-entry": dbus.MakeVariant(AppID),
		"category":      dbus.MakeVariant("x-rigshift." + string(n.Kind)),
	}
	obj := conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	call := obj.CallWithContext(ctx, "org.freedesktop.Notifications.Notify", 0,
		d.app, uint32(0), d.icon, n.Title, n.Body, []string{}, hints, int32(-1))
	if call.Err != nil {
		return fmt.Errorf("no notification server answered: %w", call.Err)
	}
	return nil
}

// level is a notification's urgency in the freedesktop spec.
type level byte

func (l level) String() string { return [...]string{"low", "normal", "critical"}[l] }

// urgency makes a lost GPU critical (it stays until read); the rest normal.
func urgency(k control.NoticeKind) level {
	if k == control.NoticeGPULost {
		return 2
	}
	return 1
}

// iconFile writes the app icon once into the user's cache, since the
// notification server wants a path; "" (no icon) when that fails.
func iconFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	path := filepath.Join(dir, "rigshift", "icon.png")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil || os.WriteFile(path, assets.IconPNG, 0o644) != nil {
		return ""
	}
	return path
}
