package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/jobs/control"
)

// notificationServer is the test's org.freedesktop.Notifications: it
// records each Notify.
type notificationServer struct {
	got    chan []string // app, summary, body, the icon's width and height, the actions, the id
	conn   *dbus.Conn    // the server's, for its signals
	mu     sync.Mutex    // guards caps, lastID and senders: the bus calls in on its own goroutine, and a socket is no sync the race detector sees
	caps   []string      // what GetCapabilities says; "body" alone when nil
	lastID uint32
	sender map[uint32]dbus.Sender // who sent each notice
}

func (s *notificationServer) setCaps(caps []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.caps = caps
}

func (s *notificationServer) Notify(sender dbus.Sender, app string, replaces uint32, icon, summary, body string,
	actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	size := ""
	if img, ok := hints["image-data"].Value().([]any); ok && len(img) > 1 {
		size = fmt.Sprintf("%v×%v", img[0], img[1])
	}
	s.mu.Lock()
	s.lastID++
	id := s.lastID
	if s.sender == nil {
		s.sender = map[uint32]dbus.Sender{}
	}
	s.sender[id] = sender
	s.mu.Unlock()
	s.got <- []string{app, summary, body, size, strings.Join(actions, ","), fmt.Sprint(id)}
	return id, nil
}

// signal sends the sender of notice id the signal name with args, as
// dunst does (to that connection alone), or to everyone where toAll, as
// GNOME Shell does.
func (s *notificationServer) signal(t *testing.T, id uint32, toAll bool, name string, args ...any) {
	t.Helper()
	s.mu.Lock()
	sender := s.sender[id]
	s.mu.Unlock()
	body := append([]any{id}, args...)
	headers := map[dbus.HeaderField]dbus.Variant{
		dbus.FieldPath:      dbus.MakeVariant(dbus.ObjectPath("/org/freedesktop/Notifications")),
		dbus.FieldInterface: dbus.MakeVariant("org.freedesktop.Notifications"),
		dbus.FieldMember:    dbus.MakeVariant(name),
		dbus.FieldSignature: dbus.MakeVariant(dbus.SignatureOf(body...)),
	}
	if !toAll {
		headers[dbus.FieldDestination] = dbus.MakeVariant(string(sender))
	}
	if call := s.conn.Send(&dbus.Message{Type: dbus.TypeSignal, Headers: headers, Body: body}, nil); call.Err != nil {
		t.Fatal(call.Err)
	}
}

func (s *notificationServer) GetCapabilities() ([]string, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.caps != nil {
		return s.caps, nil
	}
	return []string{"body"}, nil
}

func (s *notificationServer) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "rigshift-test", "rigshift", "1", "1.2", nil
}

func (s *notificationServer) CloseNotification(id uint32) *dbus.Error { return nil }

// startNotificationServer runs the test's notification server on a
// private session bus, which the process's D-Bus clients are pointed at.
func startNotificationServer(t *testing.T) (*notificationServer, *dbus.Conn) {
	t.Helper()
	addr := privateBus(t)
	// beeep uses godbus's process-wide session bus: point it at ours
	// before anything connects.
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	conn := connect(t, addr)
	srv := &notificationServer{got: make(chan []string, 4), conn: conn}
	t.Cleanup(noticeBus.close) // the notices' connection, to this test's bus
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	own(t, conn, "org.freedesktop.Notifications")
	return srv, conn
}

// NewNotifier's notices reach a real notification server over a real
// session bus; with none there, Notify says so.
func TestNotifierOverDBus(t *testing.T) {
	srv, conn := startNotificationServer(t)

	n := NewNotifier("RigShift")
	err := n.Notify(control.Notice{Kind: control.NoticeJobDone, Title: "J-0003 finished",
		Body: "acme-ai · 2 h 05 min · 4.2 GPU-hours · earned $1.89"})
	if err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := within(t, 5*time.Second, "the notification", srv.got)
	if got[0] != "RigShift" || got[1] != "J-0003 finished" || !strings.Contains(got[2], "earned $1.89") {
		t.Errorf("the server got %q", got)
	}
	// The icon goes as pixels in every notice: at 512 px it was 1 MiB a
	// notice; a notification shows it at 48–96 px.
	if got[3] != "128×128" {
		t.Errorf("the notice's icon is %q, want 128×128", got[3])
	}

	// No server, and no notify-send or kdialog to fall back on.
	if _, err := conn.ReleaseName("org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	if err := n.Notify(control.Notice{Title: "nobody listens"}); err == nil || !strings.Contains(err.Error(), "nobody listens") {
		t.Errorf("Notify without a server: %v", err)
	}
}

// A failed job's notice ends with its last output, and Python's tracebacks
// say "in <module>": a server that reads the body as markup (most do) got
// a tag it dropped. The body is escaped for such a server, and sent as
// written to one that shows plain text.
func TestNotifierEscapesMarkupForAServerThatReadsIt(t *testing.T) {
	srv, _ := startNotificationServer(t)
	n := NewNotifier("RigShift")
	body := `File "train.py", line 88, in <module> & more`
	for _, c := range []struct {
		caps []string
		want string
	}{
		{[]string{"body", "body-markup"}, `File "train.py", line 88, in &lt;module&gt; &amp; more`},
		{[]string{"body"}, body},
	} {
		srv.setCaps(c.caps)
		if err := n.Notify(control.Notice{Title: "Job J-0045 failed", Body: body}); err != nil {
			t.Fatalf("Notify: %v", err)
		}
		if got := within(t, 5*time.Second, "the notification", srv.got); got[2] != c.want {
			t.Errorf("a server saying %q got the body %q, want %q", c.caps, got[2], c.want)
		}
	}
}
