package hardware

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/godbus/dbus/v5"
)

// DesktopIdle tells how long the desktop session has had no keyboard or mouse input.
//
// It asks, in turn, GNOME's idle monitor (Mutter, on X11 and Wayland), the
// freedesktop screen saver (KDE's, on X11) and systemd-logind, and keeps
// asking the first that answers until it fails; the call after a failure
// looks again, as the desktop may have restarted or changed. The D-Bus
// connections are its own, never the process's shared ones (the tray uses
// the session bus too), and Close closes them.
type DesktopIdle struct {
	// turn lets one IdleTime run at a time. It is a channel, not a mutex,
	// so that a caller queued behind a call to a hung desktop still gives
	// up when its own context ends.
	turn chan struct{}
	// source answered last; nil: look for one. Used only holding turn.
	source *idleSource

	systemAddr string // the system bus's address; tests point it at a bus of their own

	mu     sync.Mutex // guards conns and closed; never held across a D-Bus call
	conns  [2]*dbus.Conn
	closed bool
}

// NewDesktopIdle returns a DesktopIdle that connects lazily, on the first
// IdleTime call.
func NewDesktopIdle() *DesktopIdle {
	return newDesktopIdle(systemBusAddress())
}

func newDesktopIdle(systemAddr string) *DesktopIdle {
	return &DesktopIdle{turn: make(chan struct{}, 1), systemAddr: systemAddr}
}

// IdleTime returns how long the desktop has had no keyboard or mouse input.
// It is safe for concurrent use and gives up when ctx ends, so callers
// should pass a deadline: a hung desktop service never answers.
func (d *DesktopIdle) IdleTime(ctx context.Context) (time.Duration, error) {
	select {
	case d.turn <- struct{}{}:
	case <-ctx.Done():
		return 0, reasonError{"waiting for an earlier check: ", ctx.Err()}
	}
	defer func() { <-d.turn }()

	src := d.source
	if src == nil {
		return d.discover(ctx)
	}
	idle, err := d.ask(ctx, src)
	if err != nil {
		d.source = nil // look again on the next call
		if errors.Is(err, errClosed) {
			return 0, err
		}
		return 0, reasonError{src.what + " stopped answering: ", err}
	}
	return idle, nil
}

// Close closes the connections; IdleTime fails after it, and a call in
// flight ends with an error.
func (d *DesktopIdle) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	var errs []error
	for i, conn := range d.conns {
		if conn != nil {
			errs = append(errs, conn.Close())
			d.conns[i] = nil
		}
	}
	return errors.Join(errs...)
}

// The error messages below are embedded in a sentence ("RigShift cannot
// tell whether you are away: …"), so they start in lower case and stay short.
var (
	errClosed       = errors.New("the idle check has been closed")
	errNoSessionBus = errors.New("there is no session bus")
	errNotInSession = errors.New("RigShift is not running in a desktop session")
)

// discover asks each source in turn and keeps the first that answers.
func (d *DesktopIdle) discover(ctx context.Context) (time.Duration, error) {
	var reasons []error
	var sessionErr error
	for _, src := range idleSources {
		if src.bus == sessionBus && sessionErr != nil {
			continue // said once already, under the bus's name
		}
		idle, err := d.ask(ctx, src)
		if err == nil {
			d.source = src
			return idle, nil
		}
		var be busError
		switch {
		case errors.Is(err, errClosed):
			return 0, err
		case ctx.Err() != nil:
			// The rest would fail the same way at once.
			if errors.As(err, &be) {
				return 0, reasonError{"the " + be.bus.String() + ": ", err}
			}
			return 0, reasonError{src.what + ": ", err}
		case errors.As(err, &be):
			if src.bus == sessionBus {
				sessionErr = err
			}
			reasons = append(reasons, err)
		default:
			reasons = append(reasons, reasonError{src.label + ": ", err})
		}
	}
	if errors.Is(sessionErr, errNoSessionBus) {
		// logind could not help either; the missing desktop is the cause
		// worth telling.
		return 0, errNotInSession
	}
	return 0, noIdleSourceError(reasons)
}

// ask reads src's idle time over its bus.
func (d *DesktopIdle) ask(ctx context.Context, src *idleSource) (time.Duration, error) {
	conn, err := d.conn(ctx, src.bus)
	if err != nil {
		return 0, err
	}
	return src.read(ctx, conn)
}

// busKind says which bus a source is on.
type busKind int

const (
	sessionBus busKind = iota
	systemBus
)

func (b busKind) String() string {
	if b == sessionBus {
		return "session bus"
	}
	return "system bus"
}

// busError is a failure to reach a bus, as opposed to a source on it.
type busError struct {
	bus busKind
	err error
}

func (e busError) Error() string { return "cannot reach the " + e.bus.String() + ": " + brief(e.err) }
func (e busError) Unwrap() error { return e.err }

// conn returns the open connection to bus, dialling one when there is none
// or the last one broke (the bus restarted, say). Callers hold turn, so
// only Close races with it.
func (d *DesktopIdle) conn(ctx context.Context, bus busKind) (*dbus.Conn, error) {
	d.mu.Lock()
	conn, closed := d.conns[bus], d.closed
	d.mu.Unlock()
	if closed {
		return nil, errClosed
	}
	if conn != nil && conn.Connected() {
		return conn, nil
	}
	addr := d.systemAddr
	if bus == sessionBus {
		if addr = sessionBusAddress(); addr == "" {
			return nil, busError{bus, errNoSessionBus}
		}
	}
	conn, err := dialBus(ctx, addr)
	if err != nil {
		return nil, busError{bus, err}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		_ = conn.Close()
		return nil, errClosed
	}
	if old := d.conns[bus]; old != nil {
		_ = old.Close()
	}
	d.conns[bus] = conn
	return conn, nil
}

// dialBus connects to the bus at addr and says hello, giving up when ctx
// ends: godbus's Connect takes no context, and a bus that accepts but never
// answers would hold it for ever. Closing the connection is what unblocks
// the handshake.
func dialBus(ctx context.Context, addr string) (*dbus.Conn, error) {
	conn, err := dbus.Dial(addr)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	err = conn.Auth(nil)
	if err == nil {
		err = conn.Hello()
	}
	if !stop() {
		_ = conn.Close()
		return nil, ctx.Err()
	}
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	return conn, nil
}

// sessionBusAddress is the session bus's address, or "" where there is
// none. Unlike godbus's, it never launches a bus: a new one would have no
// desktop on it.
func sessionBusAddress() string {
	if addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" && addr != "autolaunch:" {
		return addr
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		path := filepath.Join(dir, "bus")
		if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return "unix:path=" + path
		}
	}
	return ""
}

// systemBusAddress is where the system bus listens (godbus keeps its own
// lookup unexported).
func systemBusAddress() string {
	if addr := os.Getenv("DBUS_SYSTEM_BUS_ADDRESS"); addr != "" {
		return addr
	}
	return "unix:path=/var/run/dbus/system_bus_socket"
}

// idleSource is one desktop service that knows the idle time.
type idleSource struct {
	label string // in a list of reasons: "GNOME"
	what  string // on its own: "GNOME's idle monitor"
	bus   busKind
	read  func(ctx context.Context, conn *dbus.Conn) (time.Duration, error)
}

// idleSources, in the order they are asked: the precise ones first.
var idleSources = []*idleSource{
	{label: "GNOME", what: "GNOME's idle monitor", bus: sessionBus, read: readMutter},
	{label: "KDE", what: "the desktop's screen saver", bus: sessionBus, read: readScreenSaver},
	{label: "logind", what: "logind", bus: systemBus, read: readLogind},
}

// maxIdle bounds a credible idle time: far longer than any desktop stays
// up, and far below what a Duration holds. A value beyond it is garbage (a
// -1 read as unsigned, say), not an owner who left a decade ago.
const maxIdle = 10 * 365 * 24 * time.Hour

// readMutter asks GNOME's Mutter, which counts in milliseconds on X11 and
// Wayland alike.
func readMutter(ctx context.Context, conn *dbus.Conn) (time.Duration, error) {
	call := conn.Object("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core").
		CallWithContext(ctx, "org.gnome.Mutter.IdleMonitor.GetIdletime", dbus.FlagNoAutoStart)
	if call.Err != nil {
		return 0, call.Err
	}
	ms, err := only[uint64](call.Body)
	if err != nil {
		return 0, err
	}
	return duration(ms, time.Millisecond)
}

// readScreenSaver asks the freedesktop screen saver. The draft spec gives
// no unit; KDE's kscreenlocker, its main implementer, returns KIdleTime's
// milliseconds (and, on Wayland, a NotSupported error, which leaves the
// answer to logind). Milliseconds it is: should some other implementation
// count seconds, RigShift would see its owner as a thousand times less away,
// and never mine while they are there.
func readScreenSaver(ctx context.Context, conn *dbus.Conn) (time.Duration, error) {
	var call *dbus.Call
	// KDE serves both paths; others, only the first or only the second.
	for _, path := range []dbus.ObjectPath{"/org/freedesktop/ScreenSaver", "/ScreenSaver"} {
		call = conn.Object("org.freedesktop.ScreenSaver", path).
			CallWithContext(ctx, "org.freedesktop.ScreenSaver.GetSessionIdleTime", dbus.FlagNoAutoStart)
		if call.Err == nil || ctx.Err() != nil || dbusErrorName(call.Err) == "org.freedesktop.DBus.Error.ServiceUnknown" {
			break
		}
	}
	if call.Err != nil {
		return 0, call.Err
	}
	ms, err := only[uint32](call.Body)
	if err != nil {
		return 0, err
	}
	// KIdleTime's idle time is a signed int: a negative one arrives as a
	// huge uint32 (49 days), which would read as an owner long gone.
	if ms >= 1<<31 {
		return 0, fmt.Errorf("negative idle time (%d ms as unsigned)", ms)
	}
	return duration(uint64(ms), time.Millisecond)
}

const (
	logindName    = "org.freedesktop.login1"
	logindSession = "org.freedesktop.login1.Session"
)

// readLogind reads the idle hint of RigShift's login session. It is coarse:
// logind does not watch the keyboard and mouse of a graphical session; the
// desktop sets the hint, and only after its own idle delay (GNOME's "blank
// screen" delay, five minutes by default). Until then the idle time is 0.
func readLogind(ctx context.Context, conn *dbus.Conn) (time.Duration, error) {
	path, err := logindSessionPath(ctx, conn)
	if err != nil {
		return 0, err
	}
	call := conn.Object(logindName, path).CallWithContext(ctx,
		"org.freedesktop.DBus.Properties.GetAll", dbus.FlagNoAutoStart, logindSession)
	if call.Err != nil {
		return 0, call.Err
	}
	props, err := only[map[string]dbus.Variant](call.Body)
	if err != nil {
		return 0, err
	}
	return idleFromHints(props)
}

// logindSessionPath finds the session RigShift runs in. A desktop often
// starts apps in a systemd scope of their own, outside any session; then
// session/auto, which logind resolves to the user's graphical session,
// stands in.
func logindSessionPath(ctx context.Context, conn *dbus.Conn) (dbus.ObjectPath, error) {
	call := conn.Object(logindName, "/org/freedesktop/login1").CallWithContext(ctx,
		"org.freedesktop.login1.Manager.GetSessionByPID", dbus.FlagNoAutoStart, uint32(os.Getpid()))
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	if call.Err == nil {
		if path, err := only[dbus.ObjectPath](call.Body); err == nil && path.IsValid() {
			return path, nil
		}
	}
	return "/org/freedesktop/login1/session/auto", nil
}

// idleFromHints turns logind's session properties into an idle time:
// none while IdleHint is false, else the time since IdleSinceHint. The
// monotonic clock's reading is preferred, as it does not jump when the
// wall clock is set.
func idleFromHints(props map[string]dbus.Variant) (time.Duration, error) {
	idle, ok := props["IdleHint"].Value().(bool)
	if !ok {
		return 0, errors.New("no IdleHint in its session")
	}
	if !idle {
		return 0, nil
	}
	if now, ok := monotonicMicros(); ok {
		if since, ok := props["IdleSinceHintMonotonic"].Value().(uint64); ok && since > 0 {
			return elapsed(since, now)
		}
	}
	since, ok := props["IdleSinceHint"].Value().(uint64)
	if !ok || since == 0 {
		return 0, errors.New("idle, but not since when")
	}
	return elapsed(since, uint64(time.Now().UnixMicro()))
}

// elapsed is the time from since to now, both in microseconds.
func elapsed(since, now uint64) (time.Duration, error) {
	if since > now {
		return 0, errors.New("idle since a time still to come")
	}
	return duration(now-since, time.Microsecond)
}

// duration converts n units to a Duration, refusing what no desktop means.
func duration(n uint64, unit time.Duration) (time.Duration, error) {
	if n > uint64(maxIdle/unit) {
		return 0, fmt.Errorf("an idle time of %d × %v is not credible", n, unit)
	}
	return time.Duration(n) * unit, nil
}

// only returns a reply's single value as a T, or says what came instead:
// a desktop's reply is checked, never trusted to have the documented type.
func only[T any](body []any) (T, error) {
	var v T
	if len(body) != 1 {
		return v, fmt.Errorf("unexpected reply of %d values", len(body))
	}
	v, ok := body[0].(T)
	if !ok {
		return v, fmt.Errorf("unexpected reply of type %T", body[0])
	}
	return v, nil
}

// dbusErrorName is the D-Bus name of err ("org.freedesktop.DBus.Error.…"),
// or "" when it did not come from the bus.
func dbusErrorName(err error) string {
	var de dbus.Error
	if errors.As(err, &de) {
		return de.Name
	}
	return ""
}

// brief says err in a few words for the rig owner: D-Bus's own messages
// name bus internals (".service files", object paths).
func brief(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer in time"
	case errors.Is(err, context.Canceled):
		return "the check was cancelled"
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ECONNREFUSED):
		return "not running" // no socket, or nobody behind it: Go's words name the socket's path
	}
	name := dbusErrorName(err)
	switch {
	case name == "org.freedesktop.DBus.Error.ServiceUnknown", name == "org.freedesktop.DBus.Error.NameHasNoOwner":
		return "not running"
	case name == "org.freedesktop.DBus.Error.UnknownMethod", name == "org.freedesktop.DBus.Error.UnknownObject",
		name == "org.freedesktop.DBus.Error.UnknownInterface", name == "org.freedesktop.DBus.Error.NotSupported":
		return "not supported here"
	case strings.HasSuffix(name, ".NoSessionForPID"), strings.HasSuffix(name, ".NoSuchSession"):
		return "no login session"
	}
	return err.Error()
}

// reasonError says err briefly after a prefix, keeping err for errors.Is.
type reasonError struct {
	prefix string
	err    error
}

func (e reasonError) Error() string { return e.prefix + brief(e.err) }
func (e reasonError) Unwrap() error { return e.err }

// noIdleSourceError is the answer when no source answered, with each one's
// reason.
type noIdleSourceError []error

func (e noIdleSourceError) Error() string {
	reasons := make([]string, len(e))
	for i, err := range e {
		reasons[i] = err.Error()
	}
	return "your desktop does not say how long it has been idle " +
		"(RigShift asks GNOME's and KDE's idle monitors and logind): " + strings.Join(reasons, "; ")
}

func (e noIdleSourceError) Unwrap() []error { return e }
