package ui

import (
	"slices"
	"sync"

	"github.com/godbus/dbus/v5"
)

// noticeBus is the notices' own connection to the session bus. It stays
// open while RigShift runs, for the clicks: a server sends ActionInvoked
// to the connection that sent the notice (dunst) or to everyone (GNOME),
// and a notice left in the desktop's list can be clicked long after.
var noticeBus noticeBusConn

type noticeBusConn struct {
	mu  sync.Mutex
	cur *noticeConn
}

// noticeConn is one connection, what its notices open when clicked, and
// the one goroutine that follows its signals until it closes.
type noticeConn struct {
	conn *dbus.Conn
	addr string
	done chan struct{} // closed once the signals are no longer followed

	mu     sync.Mutex
	clicks map[uint32]noticeTarget // by notification id
	order  []uint32                // clicks' ids, oldest first
}

// maxClicks bounds the clickable notices kept: a desktop that never says
// its notices closed would otherwise grow the map for as long as RigShift
// runs. The oldest goes first; a click on it then does nothing.
const maxClicks = 32

const (
	noticesPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	noticesIface = "org.freedesktop.Notifications"
)

// connection is the open connection, or a new one where there is none
// (the first notice, the bus restarted, the session's bus moved).
func (b *noticeBusConn) connection() (*noticeConn, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	addr := sessionBusAddress()
	if b.cur != nil && b.cur.conn.Connected() && b.cur.addr == addr {
		return b.cur, nil
	}
	if b.cur != nil {
		_ = b.cur.conn.Close() // ends its goroutine
	}
	b.cur = nil
	conn, err := dbus.Connect(addr) // private: never autolaunches a bus
	if err != nil {
		return nil, err
	}
	// The signals a server sends to everyone; those sent to this
	// connection come without asking.
	if err := conn.AddMatchSignal(dbus.WithMatchObjectPath(noticesPath), dbus.WithMatchInterface(noticesIface)); err != nil {
		_ = conn.Close()
		return nil, err
	}
	nc := &noticeConn{conn: conn, addr: addr, done: make(chan struct{}), clicks: map[uint32]noticeTarget{}}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	go nc.follow(signals)
	b.cur = nc
	return nc, nil
}

// close closes the connection, if open; the next notice opens another.
func (b *noticeBusConn) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cur != nil {
		_ = b.cur.conn.Close()
		<-b.cur.done
		b.cur = nil
	}
}

// follow reads the connection's signals until godbus closes the channel,
// as it does when the connection closes.
func (nc *noticeConn) follow(signals <-chan *dbus.Signal) {
	defer close(nc.done)
	for sig := range signals {
		nc.heard(sig)
	}
}

func (nc *noticeConn) heard(sig *dbus.Signal) {
	if sig.Path != noticesPath || len(sig.Body) < 2 {
		return
	}
	id, _ := sig.Body[0].(uint32)
	switch sig.Name {
	case noticesIface + ".ActionInvoked":
		if action, _ := sig.Body[1].(string); action != "default" {
			return
		}
		if t, ok := nc.target(id); ok {
			runOnUI(func() {
				if open := noticeClick(); open != nil { // nil: the window has gone since
					open(t)
				}
			})
		}
	case noticesIface + ".NotificationClosed":
		nc.forget(id)
	}
}

// remember makes a click on notice id open t.
func (nc *noticeConn) remember(id uint32, t noticeTarget) {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	if _, ok := nc.clicks[id]; !ok {
		if len(nc.order) == maxClicks {
			delete(nc.clicks, nc.order[0])
			nc.order = nc.order[1:]
		}
		nc.order = append(nc.order, id)
	}
	nc.clicks[id] = t
}

func (nc *noticeConn) target(id uint32) (noticeTarget, bool) {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	t, ok := nc.clicks[id]
	return t, ok
}

// forget drops notice id: the server closed it.
func (nc *noticeConn) forget(id uint32) {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	if _, ok := nc.clicks[id]; ok {
		delete(nc.clicks, id)
		nc.order = slices.DeleteFunc(nc.order, func(o uint32) bool { return o == id })
	}
}
