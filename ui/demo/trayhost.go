package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/godbus/dbus/v5"
)

// watcher is the least of a StatusNotifierWatcher: it takes every item's
// registration and shows nothing.
type watcher struct{}

func (watcher) RegisterStatusNotifierItem(string) *dbus.Error { return nil }

// trayHost owns org.kde.StatusNotifierWatcher on the session bus until
// stopped, so that a window started hidden can be measured under a bare
// Xvfb, where no panel shows tray icons (RigShift then shows its window
// rather than hide it for good).
func trayHost() error {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return fmt.Errorf("tray host: %w", err)
	}
	defer conn.Close()
	if err := conn.Export(watcher{}, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		return fmt.Errorf("tray host: %w", err)
	}
	reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		return fmt.Errorf("tray host: another one runs (%v, %v)", reply, err)
	}
	fmt.Println("demo: tray host ready")
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return nil
}
