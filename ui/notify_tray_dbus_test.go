package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/jobs/control"
)

// closingServer is a notification server that, as dunst does when a
// notice expires, sends NotificationClosed(id, reason) to whoever sent the
// notice: a signal addressed to that connection, with two arguments.
type closingServer struct {
	*notificationServer
	conn *dbus.Conn
}

func (s *closingServer) Notify(sender dbus.Sender, app string, replaces uint32, icon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	id, derr := s.notificationServer.Notify(sender, app, replaces, icon, summary, body, actions, hints, timeout)
	closed := &dbus.Message{Type: dbus.TypeSignal, Headers: map[dbus.HeaderField]dbus.Variant{
		dbus.FieldPath:        dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/Notifications")),
		dbus.FieldInterface:   dbus.MakeVariant("org.freedesktop.Notifications"),
		dbus.FieldMember:      dbus.MakeVariant("NotificationClosed"),
		dbus.FieldDestination: dbus.MakeVariant(string(sender)),
		dbus.FieldSignature:   dbus.MakeVariant(dbus.SignatureOf(id, uint32(1))),
	}, Body: []any{id, uint32(1)}}
	s.conn.Send(closed, nil)
	return id, derr
}

// The tray's item comes back when the panel restarts (plasmashell after a
// crash, GNOME's AppIndicator extension reloaded), also after a notice was
// shown. Notices went over the process's shared session connection, the
// one the tray's item lives on; fyne.io/systray's loop that re-registers
// the item reads every signal that connection gets and ends at one with
// fewer than three arguments, as the NotificationClosed that follows each
// notice is. After the first notice the item never came back after a
// panel restart (a window hidden there could only be reopened from the
// command line), and every later signal on that connection parked a
// goroutine for as long as RigShift ran.
func TestTrayComesBackAfterANotice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the tray in a child process")
	}
	addr := privateBus(t)
	conn := connect(t, addr)
	srv := &closingServer{notificationServer: &notificationServer{got: make(chan []string, 4)}, conn: conn}
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	own(t, conn, "org.freedesktop.Notifications")
	hostConn := connect(t, addr)
	w := watchTray(t, hostConn)

	cmd, out := trayHelperCmd(t, "", addr, "notice")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := newLineWaiter(t, out)
	shown := lines.await("notice shown: <nil>")
	within(t, 30*time.Second, "the tray item", w.items)
	within(t, 10*time.Second, "the notice", srv.got)
	within(t, 10*time.Second, "the notice shown", shown)

	// The panel restarts: the watcher leaves the bus and comes back.
	if _, err := hostConn.ReleaseName("org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	own(t, hostConn, "org.kde.StatusNotifierWatcher")
	within(t, 5*time.Second, "the tray item registered again after the panel restarted", w.items)
}

// noticeHelper is the child of TestTrayComesBackAfterANotice: RigShift's
// tray item, then a notice a second later, once the item follows the
// panel.
func noticeHelper() int {
	test.NewApp() // the tray draws its icon with Fyne
	tr := &sniTray{pngs: map[fyne.Resource][]byte{}}
	tr.SetSystemTrayIcon(trayIdle)
	time.Sleep(time.Second)
	err := NewNotifier("RigShift").Notify(control.Notice{Kind: control.NoticeJobDone, Title: "J-0003 finished", Body: "earned $1.89"})
	fmt.Println("notice shown:", err)
	select {}
}
