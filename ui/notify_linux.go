package ui

import (
	"context"
	"slices"
	"time"

	"github.com/godbus/dbus/v5"
)

// desktopSession reports whether there is a session bus to show notices
// on. beeep asks godbus's SessionBus, which without one starts a bus of
// its own (dbus-launch): a RigShift started by cron left a dbus-daemon
// behind for every notice it could not show.
func desktopSession() bool { return sessionBusAddress() != "" }

// serverReadsMarkup asks the session's notification server whether it
// reads a notice's body as markup ("body-markup"): most desktops' do, and
// then a job's last output loses what looks like a tag (Python's
// tracebacks end "in <module>") and an "&" can make the server drop the
// body. No server, or no answer within a second, is taken as plain text.
func serverReadsMarkup() bool {
	addr := sessionBusAddress()
	if addr == "" {
		return false
	}
	conn, err := dbus.Connect(addr) // a private connection: never autolaunches a bus
	if err != nil {
		return false
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var caps []string
	obj := conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	if obj.CallWithContext(ctx, "org.freedesktop.Notifications.GetCapabilities", 0).Store(&caps) != nil {
		return false
	}
	return slices.Contains(caps, "body-markup")
}
