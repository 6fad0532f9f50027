package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// notice is one of the dashboard's helpful sentences, with what to do.
type notice struct {
	level  fyne.ThemeColorName
	icon   fyne.Resource
	text   string
	action string // button label, "" for none
	do     func()
}

// noticeArea shows the notices that apply to the current status, and
// rebuilds only when they change.
type noticeArea struct {
	nav  navigator
	box  *fyne.Container
	last string
}

func newNoticeArea(nav navigator) *noticeArea {
	return &noticeArea{nav: nav, box: container.NewVBox()}
}

func (a *noticeArea) build() fyne.CanvasObject { return a.box }

// show shows the notices that apply to st, and reports whether they
// changed.
func (a *noticeArea) show(st control.Status) (changed bool) {
	ns := notices(st, a.nav)
	var key strings.Builder
	for _, n := range ns {
		key.WriteString(n.text)
	}
	if key.String() == a.last {
		return false
	}
	a.last = key.String()
	a.box.RemoveAll()
	for _, n := range ns {
		var b *widget.Button
		if n.action != "" {
			b = widget.NewButton(n.action, n.do)
		}
		a.box.Add(banner(n.level, n.icon, n.text, b))
	}
	return true
}

// heldWords is the banner of Mine or Auto waiting. Where the desktop does
// not say whether the owner is away, the wait lasts until that is fixed
// or the away check is off: the banner says the second, which is the
// owner's to do.
func heldWords(held string) string {
	s := "Mining waits: " + held + "."
	if strings.HasPrefix(held, control.CannotTellAway) {
		s += " To mine regardless, untick “Only while nobody uses this computer”."
	}
	return s
}

// notices says what the owner should know now: the database refuses
// writes, the miner has given up, no miner is set up, nothing is queued for
// the rig to rent out. A rig with no GPU to work has only the first: the
// dashboard's no-GPU panel says what to do first, and a miner or a job
// could not run anyway; so has a rig whose every GPU the owner set aside
// (the mode's caption says so).
func notices(st control.Status, nav navigator) []notice {
	var ns []notice
	if st.StorageProblem != "" {
		ns = append(ns, notice{theme.ColorNameError, theme.ErrorIcon(),
			"RigShift cannot save its records since " + when(st.StorageSince) + ": " +
				st.StorageProblem + ". Until it can, telemetry and events are not kept, running jobs are billed in memory and queued jobs wait.",
			"Open the folder", func() { nav.openFolder(st.DataPath) }})
	}
	if len(st.GPUs) == 0 || asideWords(st.GPUs) == everyGPUAside {
		return ns
	}
	wantsMiner := st.Mode == control.Mine || st.Mode == control.Auto
	switch {
	case st.Miner.Problem != "":
		ns = append(ns, notice{theme.ColorNameError, theme.ErrorIcon(),
			"The miner " + st.Miner.Problem + ". Check its settings, then switch the mode again.",
			"Miner settings", nav.settings})
	case !st.Miner.Configured:
		text := "No miner is set up yet, so Mine and Auto cannot mine."
		if wantsMiner {
			text = "No miner is set up, so the GPUs stay idle instead of mining."
		}
		ns = append(ns, notice{theme.ColorNameWarning, theme.WarningIcon(), text, "Set up a miner", nav.settings})
	case wantsMiner && st.MiningHeld != "":
		ns = append(ns, notice{theme.ColorNamePrimary, theme.HistoryIcon(), heldWords(st.MiningHeld), "When to mine", nav.settings})
	}
	if (st.Mode == control.Rent || st.Mode == control.Auto) && st.Queued == 0 && len(st.Running) == 0 {
		text := "No rental jobs queued: the rig waits for one."
		if st.Mode == control.Auto && mines(st) {
			text = "No rental jobs queued: the rig mines until one arrives."
		}
		ns = append(ns, notice{theme.ColorNamePrimary, theme.InfoIcon(), text, "Add a job", nav.addJob})
	}
	return ns
}

// mines reports whether Auto mines while no job is queued: a miner is set
// up, nothing holds it, and it has not stopped on every GPU.
func mines(st control.Status) bool {
	return st.Miner.Configured && st.MiningHeld == "" && (st.Miner.Problem == "" || st.Miner.GPUs > 0)
}
