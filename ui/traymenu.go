package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"github.com/rigshift/rigshift/assets"
	"github.com/rigshift/rigshift/jobs/control"
)

// The tray icons, one per state. SVG is fine: the tray draws them to PNG
// before handing them to the StatusNotifierItem (trayPNG).
var (
	trayIdle      = fyne.NewStaticResource("tray-idle.svg", assets.TrayIdleSVG)
	trayMining    = fyne.NewStaticResource("tray-mining.svg", assets.TrayMiningSVG)
	trayRenting   = fyne.NewStaticResource("tray-renting.svg", assets.TrayRentingSVG)
	trayAttention = fyne.NewStaticResource("tray-attention.svg", assets.TrayAttentionSVG)
)

// trayActions are what the tray's items do; they run on the UI goroutine.
type trayActions struct {
	setMode func(control.Mode)
	show    func()
	showJob func(id string)
	quit    func()
}

// trayMenu builds the tray's menu for st: a status line, the four modes
// with the current one checked, the running jobs, Show and Quit.
func trayMenu(st control.Status, act trayActions) *fyne.Menu {
	items := []*fyne.MenuItem{disabled(trayStatus(st))}
	if a := attention(st); a != "" {
		items = append(items, disabled("⚠ "+a))
	}
	items = append(items, fyne.NewMenuItemSeparator())
	for _, m := range control.Modes() {
		item := fyne.NewMenuItem(m.Title(), func() { act.setMode(m) })
		item.Checked = m == st.Mode
		items = append(items, item)
	}
	if len(st.Running) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	for _, j := range st.Running {
		items = append(items, fyne.NewMenuItem(trayJob(j), func() { act.showJob(j.ID) }))
	}
	quit := fyne.NewMenuItem("Quit", act.quit)
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Show RigShift", act.show),
		fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMenu("RigShift", items...)
}

func disabled(label string) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, nil)
	item.Disabled = true
	return item
}

// trayStatus sums the rig up in one line.
func trayStatus(st control.Status) string {
	var parts []string
	if len(st.Running) > 0 {
		parts = append(parts, "renting "+control.Plural(len(st.Running), "job"))
	}
	switch {
	case st.Miner.GPUs > 0 && st.Miner.HashRate > 0:
		parts = append(parts, fmt.Sprintf("mining on %s at %s", control.Plural(st.Miner.GPUs, "GPU"), hashRate(st.Miner.HashRate)))
	case st.Miner.GPUs > 0:
		parts = append(parts, "mining on "+control.Plural(st.Miner.GPUs, "GPU"))
	case st.MiningWaits != "":
		parts = append(parts, st.MiningWaits)
	}
	what := strings.Join(parts, ", ")
	switch {
	case st.Switching:
		return "Switching to " + st.Mode.Title() + "…"
	case what == "":
		return st.Mode.Title() + ": nothing runs"
	}
	return st.Mode.Title() + ": " + what
}

// trayJob names a running job in the tray's menu: its ID, its client cut
// to trayNameRunes (an 80-character name made the item half a screen
// wide; the window's details keep it whole), and its progress.
func trayJob(j control.Job) string {
	s := fmt.Sprintf("%s · %s", j.ID, clipWords(j.Spec.Client, trayNameRunes))
	if j.Progress.Percent >= 0 {
		s += " — " + percent(&j)
	}
	return s
}

// attention is what needs the owner, or "": the first problem, and how
// many more there are ("GPU 2 lost, +2 more"), so that one does not hide
// the others; the window says each.
func attention(st control.Status) string {
	ps := problems(st)
	if len(ps) == 0 {
		return ""
	}
	more := ""
	if len(ps) > 1 {
		more = fmt.Sprintf(", +%d more", len(ps)-1)
	}
	return clipWords(ps[0], trayLineRunes-utf8.RuneCountInString(more)) + more
}

// fileNamed names the database by its file name in the store's error: the
// whole path would take most of a tray item, and the window says it.
func fileNamed(problem, dbPath string) string {
	if dbPath == "" {
		return problem
	}
	return strings.ReplaceAll(problem, dbPath, filepath.Base(dbPath))
}

// trayLineRunes is the most the tray's warning says: a raw storage error
// can be a paragraph, and a menu item is one line. The window's banner
// keeps the whole text.
const trayLineRunes = 70

// trayNameRunes is the most of a client's name a job's item in the tray
// says, with room left on the line for the job's ID and progress.
const trayNameRunes = 32

// clipWords puts s on one line of at most n runes, cut after a word with
// an ellipsis where it is longer. A word longer than half the line (a
// path) is cut inside.
func clipWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1 // room for the ellipsis
	for i := cut; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// problems lists what needs the owner, the GPUs first.
func problems(st control.Status) []string {
	var ps []string
	for _, g := range st.GPUs {
		switch {
		case g.Lost:
			ps = append(ps, fmt.Sprintf("GPU %d lost", g.Index))
		case g.Hot:
			ps = append(ps, fmt.Sprintf("GPU %d paused (hot)", g.Index))
		}
	}
	if st.Miner.Problem != "" {
		ps = append(ps, "miner "+st.Miner.Problem)
	}
	if st.StorageProblem != "" {
		ps = append(ps, "not saving records: "+fileNamed(st.StorageProblem, st.DataPath))
	}
	return ps
}

// trayIcon shows the state at a glance: attention beats renting beats
// mining beats idle.
func trayIcon(st control.Status) fyne.Resource {
	switch {
	case attention(st) != "":
		return trayAttention
	case len(st.Running) > 0:
		return trayRenting
	case st.Miner.GPUs > 0:
		return trayMining
	}
	return trayIdle
}
