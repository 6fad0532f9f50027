package ui

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/godbus/dbus/v5"
)

const watcherName = "org.kde.StatusNotifierWatcher"

// watchTrayHost asks the session bus whether a StatusNotifierWatcher is
// there, then follows it as panels start and stop. Without a session bus
// there is no tray host. The first answer is waited for (at most a
// second); later ones arrive as D-Bus signals, off the UI goroutine.
func watchTrayHost() *trayHost {
	h := &trayHost{}
	addr := sessionBusAddress()
	if addr == "" {
		return h
	}
	conn, err := dbus.Connect(addr) // a private connection: never autolaunches a bus
	if err != nil {
		return h
	}
	h.close = func() { _ = conn.Close() }
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	_ = conn.AddMatchSignal(dbus.WithMatchSender("org.freedesktop.DBus"),
		dbus.WithMatchInterface("org.freedesktop.DBus"), dbus.WithMatchMember("NameOwnerChanged"),
		dbus.WithMatchArg(0, watcherName))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var has bool
	if conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, watcherName).Store(&has) == nil {
		h.present.Store(has)
	}
	go h.follow(signals)
	return h
}

// follow reads NameOwnerChanged(name, old, new): a new owner is a tray
// host, none is no tray host. It ends when the connection closes.
func (h *trayHost) follow(signals <-chan *dbus.Signal) {
	for s := range signals {
		if len(s.Body) == 3 {
			if name, _ := s.Body[0].(string); name == watcherName {
				owner, _ := s.Body[2].(string)
				h.present.Store(owner != "")
			}
		}
	}
}

// sessionBusAddress is the session bus's address, or "" where there is
// none; unlike godbus's SessionBus it never starts one.
func sessionBusAddress() string {
	if addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" {
		return addr
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if path := filepath.Join(dir, "bus"); isSocket(path) {
			return "unix:path=" + path
		}
	}
	return ""
}

func isSocket(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&os.ModeSocket != 0
}
