package ui

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/jobs/control"
)

// watcher is the test's org.kde.StatusNotifierWatcher: the desktop's tray
// host, which the app registers its StatusNotifierItem with.
type watcher struct{ items chan string }

func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, path string) *dbus.Error {
	w.items <- string(sender)
	return nil
}

// TestTrayOverDBus runs the real app (Fyne, GLFW, systray) in a child
// process under a private Xvfb and session bus, reads its tray menu as a
// desktop would (com.canonical.dbusmenu), clicks "Mine" and then "Quit".
func TestTrayOverDBus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Xvfb and the real app")
	}
	display, addr := privateX(t), privateBus(t)
	conn := connect(t, addr)
	w := watchTray(t, conn)

	lines := startTrayHelper(t, display, addr)
	item := within(t, 30*time.Second, "the app's tray item", w.items)
	menu := conn.Object(item, "/StatusNotifierItem/menu")

	mine := waitForItem(t, menu, "Mine", func(m menuItem) bool { return m.label("Idle").checked() })
	if mine.checked() {
		t.Error("Mine is checked before it was clicked")
	}
	idle := trayPixmap(t, conn.Object(item, "/StatusNotifierItem"))
	click(t, menu, mine.id)
	within(t, 10*time.Second, "SetMode(mine) in the app", lines.await("SetMode mine"))
	waitForItem(t, menu, "Mine", func(m menuItem) bool { return m.label("Mine").checked() })
	if mining := trayPixmap(t, conn.Object(item, "/StatusNotifierItem")); bytes.Equal(mining, idle) {
		t.Error("the tray icon did not change from idle to mining")
	}

	quit := waitForItem(t, menu, "Quit", func(menuItem) bool { return true })
	click(t, menu, quit.id)
	within(t, 10*time.Second, "the tray item gone before the workloads stop", lines.await("quit hook: tray item gone"))
}

// trayPixmap reads the tray item's icon as the desktop does: a 64×64
// ARGB pixmap, which must not be blank.
func trayPixmap(t *testing.T, item dbus.BusObject) []byte {
	t.Helper()
	v, err := item.GetProperty("org.kde.StatusNotifierItem.IconPixmap")
	if err != nil {
		t.Fatalf("reading the tray icon: %v", err)
	}
	var icons []struct {
		W, H int32
		Pix  []byte
	}
	if err := v.Store(&icons); err != nil || len(icons) != 1 {
		t.Fatalf("the tray icon is %v (%v); want one pixmap", v, err)
	}
	px := icons[0]
	if px.W != trayIconSize || px.H != trayIconSize || len(px.Pix) != 4*trayIconSize*trayIconSize {
		t.Fatalf("the tray icon is %d×%d with %d bytes; want %d×%[4]d ARGB", px.W, px.H, len(px.Pix), trayIconSize)
	}
	if bytes.Count(px.Pix, []byte{0}) == len(px.Pix) {
		t.Fatal("the tray icon is blank")
	}
	return px.Pix
}

// trayHelper is the child process of TestTrayOverDBus: RigShift's real
// app with a controller that prints what it is asked.
func trayHelper() int {
	ctl := &printingController{fakeController: newFakeController()}
	err := RunApp(Deps{Controller: ctl, StartHidden: true,
		Quit: func() error { fmt.Println("quit hook:", trayItemState()); return nil }})
	if err != nil {
		fmt.Println(err)
		return 1
	}
	return 0
}

// trayItemState says whether this process's tray item is still on the bus.
func trayItemState() string {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return err.Error()
	}
	defer conn.Close()
	var there bool
	name := fmt.Sprintf("org.kde.StatusNotifierItem-%d-1", os.Getpid())
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&there); err != nil {
		return err.Error()
	}
	if there {
		return "tray item still there"
	}
	return "tray item gone"
}

// printingController tells the parent test what the app asked.
type printingController struct{ *fakeController }

func (c *printingController) SetMode(m control.Mode) error {
	err := c.fakeController.SetMode(m)
	if m == control.Mine { // the miner starts, which the tray's icon shows
		c.mu.Lock()
		c.status.Miner.GPUs = 1
		c.mu.Unlock()
	}
	fmt.Println("SetMode", m)
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return err
}

func startTrayHelper(t *testing.T, display, bus string) *lineWaiter {
	t.Helper()
	cmd, out := trayHelperCmd(t, display, bus, "1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return newLineWaiter(t, out)
}

// trayHelperCmd is the test binary run as the real app (kind: which
// helper), in display, on bus, with its output piped.
func trayHelperCmd(t *testing.T, display, bus, kind string) (*exec.Cmd, io.Reader) {
	t.Helper()
	home := t.TempDir() // fresh preferences; Fyne wants its cache folder's parent to exist
	if err := os.Mkdir(filepath.Join(home, ".cache"), 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), trayHelperEnv+"="+kind, "DISPLAY="+display, "DBUS_SESSION_BUS_ADDRESS="+bus,
		"XDG_RUNTIME_DIR="+runtimeDir(t), "HOME="+home, "XDG_CACHE_HOME=", "XDG_CONFIG_HOME=", "WAYLAND_DISPLAY=")
	checkChildRaces(t, cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	return cmd, out
}

// lineWaiter collects the child's output lines for await.
type lineWaiter struct {
	lines chan string
	t     *testing.T
}

func newLineWaiter(t *testing.T, r io.Reader) *lineWaiter {
	l := &lineWaiter{lines: make(chan string, 100), t: t}
	go func() {
		s := bufio.NewScanner(r)
		for s.Scan() {
			l.lines <- s.Text()
		}
		close(l.lines)
	}()
	return l
}

// await delivers once a line containing want has been printed.
func (l *lineWaiter) await(want string) <-chan struct{} {
	done := make(chan struct{}, 1)
	go func() {
		for line := range l.lines {
			l.t.Log("app:", line)
			if strings.Contains(line, want) {
				done <- struct{}{}
				return
			}
		}
	}()
	return done
}

// watchTray makes conn the desktop's StatusNotifierWatcher: the tray
// items that register come out of the returned watcher's items.
func watchTray(t *testing.T, conn *dbus.Conn) *watcher {
	t.Helper()
	w := &watcher{items: make(chan string, 4)}
	if err := conn.Export(w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	own(t, conn, "org.kde.StatusNotifierWatcher")
	return w
}
