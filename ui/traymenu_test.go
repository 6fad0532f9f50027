package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

func item(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the tray menu has no %q item", label)
	return nil
}

func TestTrayMenuMarksModeAndSwitches(t *testing.T) {
	ctl := newFakeController()
	act := trayActions{setMode: func(m control.Mode) { _ = ctl.SetMode(m) }, show: func() {}, showJob: func(string) {}, quit: func() {}}
	st := control.Status{Mode: control.Auto, Miner: control.MinerStatus{GPUs: 4, HashRate: 245.37e6},
		Running: []control.Job{{ID: "J-0003", Spec: control.JobSpec{Client: "acme"}, Progress: progress.Progress{Percent: 45}}}}
	m := trayMenu(st, act)
	for _, mode := range control.Modes() {
		if got := item(t, m, mode.Title()).Checked; got != (mode == control.Auto) {
			t.Errorf("%s checked = %v", mode.Title(), got)
		}
	}
	if got := m.Items[0].Label; got != "Auto: renting 1 job, mining on 4 GPUs at 245 MH/s" || !m.Items[0].Disabled {
		t.Errorf("status line %q", got)
	}
	st.Miner.HashRate, st.Running = 0, nil // a miner that reports no hash rate
	if got := trayMenu(st, act).Items[0].Label; got != "Auto: mining on 4 GPUs" {
		t.Errorf("status line without a hash rate %q", got)
	}
	item(t, m, "J-0003 · acme — 45 %")
	item(t, m, "Show RigShift")
	if q := m.Items[len(m.Items)-1]; q.Label != "Quit" || !q.IsQuit {
		t.Error("the last item is not our Quit: Fyne would add its own, which skips the clean stop")
	}
	item(t, m, "Mine").Action()
	if got := calls(ctl, func() []control.Mode { return ctl.modes }); len(got) != 1 || got[0] != control.Mine {
		t.Errorf("Mine called SetMode with %v", got)
	}
}

func TestTrayIcons(t *testing.T) {
	cases := []struct {
		st   control.Status
		want fyne.Resource
	}{
		{control.Status{}, trayIdle},
		{control.Status{Miner: control.MinerStatus{GPUs: 2}}, trayMining},
		{control.Status{Miner: control.MinerStatus{GPUs: 2}, Running: []control.Job{{}}}, trayRenting},
		{control.Status{Running: []control.Job{{}}, GPUs: []control.GPUStatus{{Lost: true}}}, trayAttention},
		{control.Status{Miner: control.MinerStatus{Problem: "gave up on GPU 0 after too many restarts"}}, trayAttention},
	}
	for i, c := range cases {
		if got := trayIcon(c.st); got != c.want {
			t.Errorf("case %d: icon %s, want %s", i, got.Name(), c.want.Name())
		}
	}
}

// With several things needing the owner the tray showed the first alone
// ("GPU 2 lost"), as if the rest were fine: it says how many more there
// are, and the window says each.
func TestTrayAttentionSaysThereIsMore(t *testing.T) {
	one := control.Status{GPUs: []control.GPUStatus{{Index: 0}, {Index: 2, Lost: true}}}
	if got := attention(one); got != "GPU 2 lost" {
		t.Errorf("one problem: %q", got)
	}
	many := control.Status{GPUs: []control.GPUStatus{{Index: 1, Hot: true}, {Index: 2, Lost: true}, {Index: 3, Lost: true}},
		Miner: control.MinerStatus{Problem: "gave up on GPU 0 after too many restarts"}, StorageProblem: "the disk is full"}
	if got := attention(many); got != "GPU 1 paused (hot), +4 more" {
		t.Errorf("five problems: %q", got)
	}
	act := trayActions{setMode: func(control.Mode) {}, show: func() {}, showJob: func(string) {}, quit: func() {}}
	item(t, trayMenu(many, act), "⚠ GPU 1 paused (hot), +4 more")
	if trayIcon(many) != trayAttention {
		t.Error("the icon is not the attention one")
	}
}

// A raw storage error can be a paragraph (a path, the file system's
// words): the tray item was as long, wider than the screen. It is cut
// after a word with an ellipsis, rune-safe, on one line, keeping how many
// more there are; the window's banner keeps the whole text.
func TestTrayAttentionIsOneShortLine(t *testing.T) {
	long := "écriture refusée: open /home/владимир/.local/share/rigshift/rigshift.db: the disk holding it is full,\nand the journal could not be written either"
	wordy := "could not be started on GPU 0: permission denied, the program is not executable by this user"
	for _, c := range []struct {
		st         control.Status
		full, more string // the first problem whole, and what follows the ellipsis
	}{
		{control.Status{StorageProblem: long}, "not saving records: " + long, ""},
		{control.Status{Miner: control.MinerStatus{Problem: wordy}, StorageProblem: "the disk is full"}, "miner " + wordy, ", +1 more"},
	} {
		got := attention(c.st)
		if n := utf8.RuneCountInString(got); n > trayLineRunes || !utf8.ValidString(got) || strings.ContainsAny(got, "\n\t") {
			t.Errorf("%d runes, at most %d wanted, on one line: %q", n, trayLineRunes, got)
		}
		cut, ok := strings.CutSuffix(got, "…"+c.more)
		if !ok {
			t.Errorf("%q does not end with an ellipsis and %q", got, c.more)
			continue
		}
		full := strings.Join(strings.Fields(c.full), " ")
		if rest, ok := strings.CutPrefix(full, cut); !ok || !strings.HasPrefix(strings.TrimLeft(rest, ",;:"), " ") || utf8.RuneCountInString(cut) < trayLineRunes/2 {
			t.Errorf("%q is not %q cut after a word", cut, full)
		}
	}
	// The common case says it all: the database's folder is the
	// window's to say.
	full := control.Status{DataPath: "/home/owner/.local/share/rigshift/rigshift.db",
		StorageProblem: "the disk holding /home/owner/.local/share/rigshift/rigshift.db is full"}
	if got := attention(full); got != "not saving records: the disk holding rigshift.db is full" {
		t.Errorf("a full disk: %q", got)
	}
	if got := attention(control.Status{GPUs: []control.GPUStatus{{Index: 1, Lost: true}}, StorageProblem: long}); got != "GPU 1 lost, +1 more" {
		t.Errorf("a lost GPU before the storage: %q", got)
	}
}

// The miner's problem is said after "miner" in the tray and the
// dashboard: the tray read "miner stopped: the miner gave up on GPU 0
// after too many restarts", the dashboard "The miner stopped: the miner
// gave up…". Each names the miner once, as a sentence.
func TestMinerProblemNamesTheMinerOnce(t *testing.T) {
	for problem, want := range map[string]string{
		"gave up on GPU 0 after too many restarts": "miner gave up on GPU 0 after too many restarts",
		"could not be started on GPU 1":            "miner could not be started on GPU 1",
	} {
		st := control.Status{Mode: control.Mine, GPUs: oneGPU, Miner: control.MinerStatus{Configured: true, Problem: problem}}
		if got := attention(st); got != want {
			t.Errorf("tray %q, want %q", got, want)
		}
		ns := notices(st, navigator{})
		if len(ns) == 0 || ns[0].text != "The "+want+". Check its settings, then switch the mode again." {
			t.Errorf("dashboard %+v", ns)
		}
	}
}

// An 80-character client name made the tray's job item as wide as half
// the screen: the name is cut with an ellipsis, the job's ID and progress
// stay, and the window's job details keep the whole name.
func TestTrayJobLongClientIsCut(t *testing.T) {
	j := control.Job{ID: "J-0012", Spec: control.JobSpec{Client: strings.Repeat("Northwind Deep Learning ", 4)[:80]},
		Progress: progress.Progress{Percent: 45}}
	got := trayJob(j)
	if n := utf8.RuneCountInString(got); n > 50 || !strings.HasPrefix(got, "J-0012 · Northwind Deep") ||
		!strings.HasSuffix(got, "… — 45 %") {
		t.Errorf("tray job item (%d characters): %q", n, got)
	}
	j.Spec.Client = "acme"
	if got := trayJob(j); got != "J-0012 · acme — 45 %" {
		t.Errorf("a short name: %q", got)
	}
}
