package ui

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	"image/png"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// desktopSession reports whether there is a session bus to show notices
// on. beeep asks godbus's SessionBus, which without one starts a bus of
// its own (dbus-launch): a RigShift started by cron left a dbus-daemon
// behind for every notice it could not show.
func desktopSession() bool { return sessionBusAddress() != "" }

// noticeTimeout is how long a notice stays up where the server lets the
// sender say (beeep's five seconds, as before).
const noticeTimeout = 5 * time.Second

// notifyOverOwnBus shows a notice on the notices' own connection to the
// session bus. The server later sends the sender NotificationClosed (id,
// reason), and ActionInvoked (id, action) when the owner clicks it: on the
// process's shared connection, which beeep used, those signals reached the
// tray's item too, whose fyne.io/systray loop ends at any signal of fewer
// than three arguments; the item then no longer came back after a panel
// restart, and each later signal on that connection parked a goroutine for
// good. While the window runs, and where the server takes actions, the
// notice offers "Open RigShift", the click that opens the window at what
// it is about.
func notifyOverOwnBus(app string, n control.Notice) error {
	nc, err := noticeBus.connection()
	if err != nil {
		return err
	}
	obj := nc.conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	caps := serverCapabilities(obj)
	body := n.Body
	if slices.Contains(caps, "body-markup") {
		body = markupEscaper.Replace(body)
	}
	actions := []string{}
	if noticeClick() != nil && slices.Contains(caps, "actions") {
		actions = []string{"default", "Open RigShift"} // "default": a click on the notice itself
	}
	hints := map[string]dbus.Variant{"urgency": dbus.MakeVariant(byte(1))} // normal
	if icon := noticeIcon(); icon != nil {
		hints["image-data"] = dbus.MakeVariant(*icon)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	call := obj.CallWithContext(ctx, "org.freedesktop.Notifications.Notify", 0, app, uint32(0), "", n.Title, body,
		actions, hints, int32(noticeTimeout.Milliseconds()))
	if call.Err != nil {
		return call.Err
	}
	// A reply without the id is a notice shown all the same (not sent
	// again through beeep), that a click does not open.
	var id uint32
	if len(actions) > 0 && call.Store(&id) == nil {
		nc.remember(id, targetOf(n))
	}
	return nil
}

// serverCapabilities asks the session's notification server, once a
// notice, what it does: whether it reads a notice's body as markup
// ("body-markup"): most desktops' do, and then a job's last output loses
// what looks like a tag (Python's tracebacks end "in <module>") and an "&"
// can make the server drop the body; whether it shows actions ("actions").
// The server can change between notices (another desktop's daemon
// started). No answer within a second is taken as plain text, no actions.
func serverCapabilities(obj dbus.BusObject) []string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var caps []string
	if obj.CallWithContext(ctx, "org.freedesktop.Notifications.GetCapabilities", 0).Store(&caps) != nil {
		return nil
	}
	return caps
}

// markupEscaper writes text so that a server reading markup shows it as
// is: the three characters the notification spec's markup gives meaning.
var markupEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// imageData is the notification spec's "image-data" hint, (iiibiiay):
// the icon's pixels, RGBA without premultiplied alpha.
type imageData struct {
	Width, Height, RowStride int32
	HasAlpha                 bool
	BitsPerSample, Channels  int32
	Pixels                   []byte
}

// noticeIcon is RigShift's icon as a notice carries it, decoded once; nil
// if it cannot be (the notice then goes without).
var noticeIcon = sync.OnceValue(func() *imageData {
	src, err := png.Decode(bytes.NewReader(assets.NoticeIconPNG))
	if err != nil {
		return nil
	}
	b := src.Bounds()
	img := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	return &imageData{Width: int32(b.Dx()), Height: int32(b.Dy()), RowStride: int32(img.Stride),
		HasAlpha: true, BitsPerSample: 8, Channels: 4, Pixels: img.Pix}
})
