package hardware

import (
	"context"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/hardware/dbustest"
)

// privateBus starts a session D-Bus of the test's own and returns its
// address.
func privateBus(t *testing.T) string { return dbustest.PrivateBus(t) }

// desktopBus starts a private bus and makes it the session bus.
func desktopBus(t *testing.T) string {
	t.Helper()
	addr := privateBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	return addr
}

// nowhere is an address no bus listens on: for the system bus of a test
// without logind, so that no test reaches the machine's own.
func nowhere(t *testing.T) string {
	return "unix:path=" + dbus.EscapeBusAddressValue(filepath.Join(t.TempDir(), "no-bus"))
}

// serve owns name on a connection of its own to addr, with methods exported
// at path; closing the connection takes the service away.
func serve(t *testing.T, addr, name string, path dbus.ObjectPath, iface string, methods map[string]any) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	if err := conn.ExportMethodTable(methods, path, iface); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("owning %s: reply %v, %v", name, reply, err)
	}
	return conn
}

// mutter serves GNOME's idle monitor, answering with getIdletime.
func mutter(t *testing.T, addr string, getIdletime any) *dbus.Conn {
	return serve(t, addr, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
		"org.gnome.Mutter.IdleMonitor", map[string]any{"GetIdletime": getIdletime})
}

// screenSaver serves the freedesktop screen saver at path.
func screenSaver(t *testing.T, addr string, path dbus.ObjectPath, getSessionIdleTime any) *dbus.Conn {
	return serve(t, addr, "org.freedesktop.ScreenSaver", path,
		"org.freedesktop.ScreenSaver", map[string]any{"GetSessionIdleTime": getSessionIdleTime})
}

// counted answers v and counts the calls.
func counted[T any](v T, calls *atomic.Int32) func() (T, *dbus.Error) {
	return func() (T, *dbus.Error) { calls.Add(1); return v, nil }
}

// newIdle is a DesktopIdle whose system bus is systemAddr, closed at the end.
func newIdle(t *testing.T, systemAddr string) *DesktopIdle {
	d := newDesktopIdle(systemAddr)
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// idleTime asks d with a deadline long enough for a loaded CI machine.
func idleTime(t *testing.T, d *DesktopIdle) (time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return d.IdleTime(ctx)
}

func TestDesktopIdleGNOME(t *testing.T) {
	addr := desktopBus(t)
	mutter(t, addr, counted(uint64(90_000), new(atomic.Int32)))
	var kde atomic.Int32
	screenSaver(t, addr, "/org/freedesktop/ScreenSaver", counted(uint32(5_000), &kde))
	d := newIdle(t, nowhere(t))

	// At once, from several goroutines: the race detector watches.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			idle, err := idleTime(t, d)
			if err != nil || idle != 90*time.Second {
				t.Errorf("IdleTime = %v, %v; want 1m30s from GNOME", idle, err)
			}
		})
	}
	wg.Wait()
	if n := kde.Load(); n != 0 {
		t.Errorf("the screen saver was asked %d times; GNOME comes first", n)
	}
}

func TestDesktopIdleScreenSaver(t *testing.T) {
	for _, path := range []dbus.ObjectPath{"/org/freedesktop/ScreenSaver", "/ScreenSaver"} {
		t.Run(string(path), func(t *testing.T) {
			addr := desktopBus(t)
			screenSaver(t, addr, path, counted(uint32(42_000), new(atomic.Int32)))
			idle, err := idleTime(t, newIdle(t, nowhere(t)))
			if err != nil || idle != 42*time.Second {
				t.Fatalf("IdleTime = %v, %v; want 42s (milliseconds, as KDE counts)", idle, err)
			}
		})
	}
}

// fakeLogind serves logind on addr: the session's properties, and
// GetSessionByPID when byPID (else RigShift's process is in no session, as
// an app in a systemd scope of its own, and session/auto must serve).
func fakeLogind(t *testing.T, addr string, byPID bool, props map[string]dbus.Variant) {
	t.Helper()
	const session = "/org/freedesktop/login1/session/_32"
	getSessionByPID := func(uint32) (dbus.ObjectPath, *dbus.Error) {
		if !byPID {
			return "", dbus.NewError("org.freedesktop.login1.NoSessionForPID", []any{"PID does not belong to any known session"})
		}
		return session, nil
	}
	conn := serve(t, addr, "org.freedesktop.login1", "/org/freedesktop/login1",
		"org.freedesktop.login1.Manager", map[string]any{"GetSessionByPID": getSessionByPID})
	path := dbus.ObjectPath("/org/freedesktop/login1/session/auto")
	if byPID {
		path = session
	}
	getAll := func(iface string) (map[string]dbus.Variant, *dbus.Error) {
		if iface != "org.freedesktop.login1.Session" {
			return nil, dbus.NewError("org.freedesktop.DBus.Error.UnknownInterface", nil)
		}
		return props, nil
	}
	if err := conn.ExportMethodTable(map[string]any{"GetAll": getAll}, path, "org.freedesktop.DBus.Properties"); err != nil {
		t.Fatal(err)
	}
}

func TestDesktopIdleLogind(t *testing.T) {
	const away = 5 * time.Minute
	since := uint64(time.Now().Add(-away).UnixMicro())
	props := map[string]dbus.Variant{"IdleHint": dbus.MakeVariant(true), "IdleSinceHint": dbus.MakeVariant(since)}
	if now, ok := monotonicMicros(); ok {
		props["IdleSinceHintMonotonic"] = dbus.MakeVariant(now - uint64(away/time.Microsecond))
	}
	active := map[string]dbus.Variant{"IdleHint": dbus.MakeVariant(false),
		"IdleSinceHint": dbus.MakeVariant(uint64(0)), "IdleSinceHintMonotonic": dbus.MakeVariant(uint64(0))}

	for _, tc := range []struct {
		name     string
		byPID    bool
		props    map[string]dbus.Variant
		min, max time.Duration
	}{
		{"idle, session by PID", true, props, away, away + time.Minute},
		{"idle, session/auto", false, props, away, away + time.Minute},
		{"not idle", true, active, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			desktopBus(t) // a desktop without GNOME's or KDE's monitor
			system := privateBus(t)
			fakeLogind(t, system, tc.byPID, tc.props)
			idle, err := idleTime(t, newIdle(t, system))
			if err != nil || idle < tc.min || idle > tc.max {
				t.Fatalf("IdleTime = %v, %v; want %v to %v", idle, err, tc.min, tc.max)
			}
		})
	}
}

func TestDesktopIdleNoSource(t *testing.T) {
	desktopBus(t)
	_, err := idleTime(t, newIdle(t, nowhere(t)))
	want := "your desktop does not say how long it has been idle (RigShift asks GNOME's and KDE's idle monitors and logind): " +
		"GNOME: not running; KDE: not running; cannot reach the system bus: not running"
	if err == nil || err.Error() != want {
		t.Fatalf("IdleTime error = %v; want %q", err, want)
	}
}

func TestDesktopIdleNoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // no bus socket in it
	_, err := idleTime(t, newIdle(t, nowhere(t)))
	if want := "RigShift is not running in a desktop session"; err == nil || err.Error() != want {
		t.Fatalf("IdleTime error = %v; want %q", err, want)
	}
}

// withinDeadline fails the test unless IdleTime, with a deadline of d,
// returns in about d with an error that says the deadline passed. A call
// that hangs fails here, not at go test's own timeout.
func withinDeadline(t *testing.T, idle *DesktopIdle, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { _, err := idle.IdleTime(ctx); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("IdleTime error = %v; want the deadline's", err)
		}
	case <-time.After(d + 2*time.Second):
		t.Fatalf("IdleTime still blocked 2s past a deadline of %v", d)
	}
}

func TestDesktopIdleHungMonitor(t *testing.T) {
	addr := desktopBus(t)
	release, asked := make(chan struct{}), make(chan struct{}, 1)
	t.Cleanup(func() { close(release) }) // lets the handler end with the test
	mutter(t, addr, func() (uint64, *dbus.Error) {
		select {
		case asked <- struct{}{}:
		default:
		}
		<-release
		return 0, nil
	})
	d := newIdle(t, nowhere(t))
	withinDeadline(t, d, 300*time.Millisecond)
	withinDeadline(t, d, 300*time.Millisecond) // no source remembered: asked, and given up on, again

	// A call queued behind one stuck on the monitor keeps its own deadline.
	<-asked // drain
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() { _, err := d.IdleTime(ctx); first <- err }()
	<-asked
	withinDeadline(t, d, 300*time.Millisecond)
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the first call's error = %v; want its cancellation", err)
	}
}

func TestDesktopIdleHungBus(t *testing.T) {
	// A bus that accepts connections and never says a word.
	sock := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(io.Discard, c); _ = c.Close() }() // until RigShift hangs up
		}
	}()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+dbus.EscapeBusAddressValue(sock))
	withinDeadline(t, newIdle(t, nowhere(t)), 300*time.Millisecond)
}

func TestDesktopIdleOddReplies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(t *testing.T, addr string)
		want  string
	}{
		{"GNOME says a string", func(t *testing.T, addr string) {
			mutter(t, addr, func() (string, *dbus.Error) { return "soon", nil })
		}, "GNOME: unexpected reply of type string"},
		{"GNOME says two values", func(t *testing.T, addr string) {
			mutter(t, addr, func() (uint64, uint64, *dbus.Error) { return 1, 2, nil })
		}, "GNOME: unexpected reply of 2 values"},
		{"GNOME says -1", func(t *testing.T, addr string) {
			mutter(t, addr, func() (uint64, *dbus.Error) { return ^uint64(0), nil })
		}, "GNOME: an idle time of 18446744073709551615 × 1ms is not credible"},
		{"KDE says -1", func(t *testing.T, addr string) {
			screenSaver(t, addr, "/ScreenSaver", func() (uint32, *dbus.Error) { return ^uint32(0), nil })
		}, "KDE: negative idle time"},
		{"KDE on Wayland", func(t *testing.T, addr string) {
			screenSaver(t, addr, "/ScreenSaver", func() (uint32, *dbus.Error) {
				return 0, dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"GetSessionIdleTime is not supported on this platform"})
			})
		}, "KDE: not supported here"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := desktopBus(t)
			tc.serve(t, addr)
			_, err := idleTime(t, newIdle(t, nowhere(t)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("IdleTime error = %v; want it to say %q", err, tc.want)
			}
		})
	}
}

func TestDesktopIdleLogindOddHints(t *testing.T) {
	for _, tc := range []struct {
		name  string
		props map[string]dbus.Variant
		want  string
	}{
		{"no IdleHint", map[string]dbus.Variant{}, "logind: no IdleHint"},
		{"IdleHint a string", map[string]dbus.Variant{"IdleHint": dbus.MakeVariant("yes")}, "logind: no IdleHint"},
		{"idle since the future", map[string]dbus.Variant{"IdleHint": dbus.MakeVariant(true),
			"IdleSinceHint":          dbus.MakeVariant(uint64(time.Now().Add(time.Hour).UnixMicro())),
			"IdleSinceHintMonotonic": dbus.MakeVariant(^uint64(0))}, "logind: idle since a time still to come"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			desktopBus(t)
			system := privateBus(t)
			fakeLogind(t, system, true, tc.props)
			_, err := idleTime(t, newIdle(t, system))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("IdleTime error = %v; want it to say %q", err, tc.want)
			}
		})
	}
}

func TestDesktopIdleRemembersSource(t *testing.T) {
	addr := desktopBus(t)
	var gnome, kde atomic.Int32
	kdeConn := screenSaver(t, addr, "/org/freedesktop/ScreenSaver", counted(uint32(7_000), &kde))
	d := newIdle(t, nowhere(t))
	if idle, err := idleTime(t, d); err != nil || idle != 7*time.Second {
		t.Fatalf("first IdleTime = %v, %v; want 7s from the screen saver", idle, err)
	}

	// GNOME comes first in discovery, but the source that answered is kept.
	mutter(t, addr, counted(uint64(3_000), &gnome))
	if idle, err := idleTime(t, d); err != nil || idle != 7*time.Second {
		t.Fatalf("second IdleTime = %v, %v; want 7s from the screen saver again", idle, err)
	}
	if g, k := gnome.Load(), kde.Load(); g != 0 || k != 2 {
		t.Fatalf("GNOME asked %d times, the screen saver %d; want 0 and 2", g, k)
	}

	// The screen saver goes: that call fails, the next looks again.
	_ = kdeConn.Close()
	if _, err := idleTime(t, d); err == nil || !strings.Contains(err.Error(), "stopped answering") {
		t.Fatalf("IdleTime after the screen saver left: error %v; want it to say so", err)
	}
	if idle, err := idleTime(t, d); err != nil || idle != 3*time.Second {
		t.Fatalf("IdleTime after that = %v, %v; want 3s from GNOME", idle, err)
	}
}

func TestDesktopIdleClosed(t *testing.T) {
	addr := desktopBus(t)
	mutter(t, addr, counted(uint64(1_000), new(atomic.Int32)))
	d := newIdle(t, nowhere(t))
	if _, err := idleTime(t, d); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := idleTime(t, d); !errors.Is(err, errClosed) {
		t.Fatalf("IdleTime after Close: error %v; want %v", err, errClosed)
	}
}
