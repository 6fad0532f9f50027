package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/jobs/control"
)

func TestNoMinerOffersSettings(t *testing.T) {
	testApp(t)
	opened := 0
	a := newNoticeArea(navigator{settings: func() { opened++ }, addJob: func() {}})
	w := test.NewWindow(a.build())
	defer w.Close()
	a.show(control.Status{Mode: control.Mine, GPUs: oneGPU})
	if got := texts(a.box); !strings.Contains(got, "No miner is set up, so the GPUs stay idle") {
		t.Fatalf("notices:\n%s", got)
	}
	test.Tap(findButton(t, a.box, "Set up a miner"))
	if opened != 1 {
		t.Error("the button does not open the settings")
	}
}

func TestNoJobsOffersAddJob(t *testing.T) {
	ns := notices(control.Status{Mode: control.Rent, GPUs: oneGPU, Miner: control.MinerStatus{Configured: true}}, navigator{})
	if len(ns) != 1 || ns[0].action != "Add a job" || !strings.Contains(ns[0].text, "waits") {
		t.Errorf("notices in Rent with an empty queue: %+v", ns)
	}
	if ns := notices(control.Status{Mode: control.Rent, GPUs: oneGPU, Queued: 1, Miner: control.MinerStatus{Configured: true}}, navigator{}); len(ns) != 0 {
		t.Errorf("notices with a queued job: %+v", ns)
	}
}

var oneGPU = []control.GPUStatus{{UUID: "GPU-a"}}

// With no GPU in the rig (no driver, say), the no-GPU panel is what to read
// first: no banner about a miner or a queue above it.
func TestNoGPUNoNotices(t *testing.T) {
	for _, m := range control.Modes() {
		if ns := notices(control.Status{Mode: m}, navigator{}); len(ns) != 0 {
			t.Errorf("%s with no GPU: %+v", m, ns)
		}
	}
}

func TestMoneyLine(t *testing.T) {
	testApp(t)
	l := newMoneyLine()
	l.build()
	l.show(control.Rates{Currency: "EUR", RentPerHour: 0.9, MinePerHour: 0.04, PowerCostPerHour: 0.22, PowerW: 1430})
	got := []string{l.rent.Text, l.mine.Text, l.power.Text, l.net.Text}
	want := []string{"€0.90/h", "€0.04/h", "€0.22/h (1.43 kW)", "€0.72/h"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("money line %d: %q, want %q", i, got[i], want[i])
		}
	}
	l.show(control.Rates{Currency: "EUR", PowerCostPerHour: 0.10, PowerW: 830, OffPeak: true})
	if l.power.Text != "€0.10/h (0.83 kW, off-peak)" {
		t.Errorf("off-peak: %q", l.power.Text)
	}
	l.showToday(control.Today{})
	if l.todayNet.Text != "–" {
		t.Errorf("today before the first total: %q", l.todayNet.Text)
	}
	l.showToday(control.Today{Currency: "EUR", Rent: 13.2, Mine: 0.8, Electricity: 2.46})
	got = []string{l.todayRent.Text, l.todayMine.Text, l.todayPower.Text, l.todayNet.Text}
	want = []string{"€13.20", "€0.80", "€2.46", "€11.54"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("today %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// A database that refuses writes is said first, even on a rig with no GPU,
// with the way to its folder; the tray turns to attention.
func TestRefusedWritesAreShown(t *testing.T) {
	testApp(t)
	var opened string
	a := newNoticeArea(navigator{openFolder: func(p string) { opened = p }})
	w := test.NewWindow(a.build())
	defer w.Close()
	st := control.Status{DataPath: "/home/me/.local/share/rigshift/rigshift.db",
		StorageProblem: "the disk holding /home/me/.local/share/rigshift/rigshift.db is full",
		StorageSince:   time.Date(2026, 5, 1, 14, 2, 0, 0, time.Local)}
	a.show(st)
	if got := texts(a.box); !strings.Contains(got, "RigShift cannot save its records since May 1 14:02: the disk holding") {
		t.Fatalf("notices:\n%s", got)
	}
	test.Tap(findButton(t, a.box, "Open the folder"))
	if opened != st.DataPath {
		t.Errorf("the button opened %q", opened)
	}
	if got := attention(st); !strings.HasPrefix(got, "not saving records: the disk") || trayIcon(st) != trayAttention {
		t.Errorf("tray attention %q", got)
	}
}

// Mine or Auto that waits (the mining hours, the owner at the computer)
// says why, offers the settings, and Auto's empty queue no longer promises
// mining; the tray says it in a few words.
func TestMiningWaitsIsExplained(t *testing.T) {
	testApp(t)
	opened := 0
	a := newNoticeArea(navigator{settings: func() { opened++ }, addJob: func() {}})
	w := test.NewWindow(a.build())
	defer w.Close()
	st := control.Status{Mode: control.Auto, GPUs: oneGPU, Miner: control.MinerStatus{Configured: true},
		MiningHeld:  "outside the mining hours (22:00–07:00); mining starts at 22:00",
		MiningWaits: "mining starts at 22:00"}
	a.show(st)
	got := texts(a.box)
	if !strings.Contains(got, "Mining waits: outside the mining hours (22:00–07:00); mining starts at 22:00.") ||
		strings.Contains(got, "mines until one arrives") || !strings.Contains(got, "the rig waits for one") {
		t.Fatalf("notices:\n%s", got)
	}
	test.Tap(findButton(t, a.box, "When to mine"))
	if opened != 1 {
		t.Error("the button does not open the settings")
	}
	if line := trayStatus(st); line != "Auto: mining starts at 22:00" {
		t.Errorf("tray: %q", line)
	}
	st.Mode = control.Rent // the controller leaves the reason out where nothing mines; a stale one is not shown
	if got := notices(st, navigator{}); len(got) != 1 || strings.Contains(got[0].text, "Mining waits") {
		t.Errorf("Rent: %+v", got)
	}
}

// A desktop that does not say how long it has been idle holds mining until
// the owner unticks the away check: the banner says so, not only why.
func TestMiningWaitsForAnIdleMonitorSaysWhatToDo(t *testing.T) {
	st := control.Status{Mode: control.Mine, GPUs: oneGPU, Miner: control.MinerStatus{Configured: true},
		MiningHeld:  control.CannotTellAway + ": it has no desktop session to ask",
		MiningWaits: "mining waits (cannot tell if you are away)"}
	ns := notices(st, navigator{})
	if len(ns) != 1 || !strings.HasSuffix(ns[0].text, "To mine regardless, untick “Only while nobody uses this computer”.") || ns[0].action != "When to mine" {
		t.Errorf("notices: %+v", ns)
	}
	st.MiningHeld = "you are at the computer; mining starts after 10m without keyboard or mouse"
	if ns := notices(st, navigator{}); len(ns) != 1 || strings.Contains(ns[0].text, "untick") {
		t.Errorf("the owner at the computer: %+v", ns)
	}
}

// With every GPU set aside nothing of RigShift's runs: Auto's banner must
// not say the rig mines until a job arrives, nor ask for a miner or a job
// that could not run. The mode's caption says the GPUs are set aside.
func TestEveryGPUSetAsideNoMiningOrQueueNotices(t *testing.T) {
	aside := []control.GPUStatus{{UUID: "GPU-a", Aside: true, Work: control.WorkSetAside}}
	for _, st := range []control.Status{
		{Mode: control.Auto, GPUs: aside, Miner: control.MinerStatus{Configured: true}},
		{Mode: control.Mine, GPUs: aside},
	} {
		if ns := notices(st, navigator{}); len(ns) != 0 {
			t.Errorf("%s with every GPU set aside: %+v", st.Mode, ns)
		}
	}
}

// Auto's empty queue promises mining only where the rig can mine: not
// beside the banner that no miner is set up, nor beside the one that the
// miner stopped.
func TestAutoEmptyQueueNoMiningPromisedWithoutAMiner(t *testing.T) {
	for _, miner := range []control.MinerStatus{{}, {Configured: true, Problem: "gave up on GPU 0 after too many restarts"}} {
		st := control.Status{Mode: control.Auto, GPUs: oneGPU, Miner: miner}
		ns := notices(st, navigator{})
		var texts []string
		for _, n := range ns {
			texts = append(texts, n.text)
		}
		got := strings.Join(texts, "\n")
		if strings.Contains(got, "mines until one arrives") || !strings.Contains(got, "the rig waits for one") {
			t.Errorf("Auto with miner %+v:\n%s", miner, got)
		}
	}
}

// A notification service that took the notice and did not answer in time
// is not sent it again through beeep: the owner saw it twice (once with
// its "<module>" eaten as markup). One that refused it is.
func TestNoticeNotSentTwiceWhenTheServiceIsSlow(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
	defer func(own func(string, control.Notice) error, fb func(string, string, any) error) {
		ownBusNotify, fallbackNotify = own, fb
	}(ownBusNotify, fallbackNotify)
	fallbacks := 0
	fallbackNotify = func(string, string, any) error { fallbacks++; return nil }
	n := NewNotifier("RigShift")
	ownBusNotify = func(string, control.Notice) error { return context.DeadlineExceeded }
	if err := n.Notify(control.Notice{Title: "Job J-0001 finished"}); err == nil || fallbacks != 0 {
		t.Errorf("a slow service: %v, sent again %d times", err, fallbacks)
	}
	ownBusNotify = func(string, control.Notice) error { return errors.New("org.freedesktop.DBus.Error.ServiceUnknown") }
	if err := n.Notify(control.Notice{Title: "Job J-0001 finished"}); err != nil || fallbacks != 1 {
		t.Errorf("no service on the bus: %v, beeep tried %d times", err, fallbacks)
	}
}
