package ui

import (
	"strconv"
	"testing"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// noticeSent sends n and returns what the server got: its actions and id.
func noticeSent(t *testing.T, srv *notificationServer, n control.Notice) (actions string, id uint32) {
	t.Helper()
	if err := NewNotifier("RigShift").Notify(n); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := within(t, 5*time.Second, "the notification", srv.got)
	i, err := strconv.ParseUint(got[5], 10, 32)
	if err != nil {
		t.Fatal(err)
	}
	return got[4], uint32(i)
}

// Clicking a notice did nothing. A click on a job's notice now brings the
// window up on that job; on a hot GPU's, on the dashboard; whether the
// server sends the click to RigShift alone (dunst) or to everyone (GNOME).
// A notice the server closed is forgotten, and a click on it opens
// nothing.
func TestClickOnANoticeOpensWhatItIsAbout(t *testing.T) {
	srv, _ := startNotificationServer(t)
	srv.setCaps([]string{"body", "actions"})
	rig, _, _ := simRig(t, 2)
	s, ctl := newTestShell(t, Deps{Rig: rig, History: &fakeHistory{}})
	ctl.mu.Lock()
	ctl.jobs = []control.Job{{ID: "J-0043", State: control.JobSucceeded}, {ID: "J-0044", State: control.JobSucceeded}}
	ctl.mu.Unlock()

	actions, job := noticeSent(t, srv, control.Notice{Kind: control.NoticeJobDone, JobID: "J-0044",
		Title: "Job J-0044 for acme-ai finished"})
	if actions != "default,Open RigShift" {
		t.Fatalf("the job's notice offers %q, want the default action", actions)
	}
	s.open("history")
	srv.signal(t, job, false, "ActionInvoked", "default")
	eventually(t, "the jobs screen on J-0044", func() bool {
		return s.tabs.Selected().Text == "Jobs" && s.jobs.sel == "J-0044"
	})

	_, hot := noticeSent(t, srv, control.Notice{Kind: control.NoticeThermal, GPU: rig.GPUs[1].UUID, Title: "GPU 1 is too hot"})
	srv.signal(t, hot, true, "ActionInvoked", "default")
	eventually(t, "the dashboard", func() bool { return s.tabs.Selected().Text == "Dashboard" })

	// Both closed: forgotten, and a late click opens nothing.
	srv.signal(t, job, false, "NotificationClosed", uint32(2))
	srv.signal(t, hot, true, "NotificationClosed", uint32(2))
	nc := noticeBus.cur
	eventually(t, "the closed notices forgotten", func() bool {
		nc.mu.Lock()
		defer nc.mu.Unlock()
		return len(nc.clicks) == 0 && len(nc.order) == 0
	})
	s.jobs.sel = "J-0043"
	_, soon := noticeSent(t, srv, control.Notice{Kind: control.NoticeMiningSoon, Title: "Mining starts in a few seconds"})
	srv.signal(t, job, false, "ActionInvoked", "default")
	srv.signal(t, soon, false, "ActionInvoked", "default") // clicks are followed in order: this one comes after
	eventually(t, "the event log", func() bool { return s.tabs.Selected().Text == "Events" })
	if s.jobs.sel != "J-0043" {
		t.Errorf("a click on a closed notice opened %s", s.jobs.sel)
	}

	// The connection's one goroutine ends with it.
	closed := make(chan struct{})
	go func() { noticeBus.close(); close(closed) }()
	within(t, 5*time.Second, "the notices' connection closed, its goroutine ended", closed)
	select {
	case <-nc.done:
	default:
		t.Error("the signals are still followed after the connection closed")
	}
}

// A server that does not take actions is sent none; nor is any server by
// RigShift without a window (the daemon): a click there opens nothing.
func TestNoticeOffersAClickOnlyWhereOneOpensSomething(t *testing.T) {
	srv, _ := startNotificationServer(t)
	n := control.Notice{Kind: control.NoticeMinerDown, Title: "The miner gave up"}
	srv.setCaps([]string{"body", "actions"})
	if actions, _ := noticeSent(t, srv, n); actions != "" {
		t.Errorf("without a window the notice offers %q", actions)
	}
	rig, _, _ := simRig(t, 1)
	newTestShell(t, Deps{Rig: rig})
	srv.setCaps([]string{"body", "body-markup"})
	if actions, _ := noticeSent(t, srv, n); actions != "" {
		t.Errorf("a server without actions is sent %q", actions)
	}
	nc := noticeBus.cur
	nc.mu.Lock()
	defer nc.mu.Unlock()
	if n := len(nc.clicks); n != 0 {
		t.Errorf("%d notices without a click are kept", n)
	}
}

// The clickable notices kept are bounded: a desktop that never says they
// closed does not grow them while RigShift runs; the oldest go first.
func TestClickableNoticesAreBounded(t *testing.T) {
	nc := &noticeConn{clicks: map[uint32]noticeTarget{}}
	for id := uint32(1); id <= maxClicks+10; id++ {
		nc.remember(id, noticeTarget{job: "J-" + strconv.Itoa(int(id))})
	}
	if len(nc.clicks) != maxClicks || len(nc.order) != maxClicks {
		t.Fatalf("%d notices kept (%d in order), want %d", len(nc.clicks), len(nc.order), maxClicks)
	}
	if _, ok := nc.target(10); ok {
		t.Error("an old notice is kept")
	}
	if t2, ok := nc.target(maxClicks + 10); !ok || t2.job != "J-"+strconv.Itoa(maxClicks+10) {
		t.Error("the newest notice is not kept")
	}
	nc.forget(maxClicks + 10)
	if len(nc.clicks) != maxClicks-1 || len(nc.order) != maxClicks-1 {
		t.Errorf("after forgetting one: %d kept, %d in order", len(nc.clicks), len(nc.order))
	}
}
