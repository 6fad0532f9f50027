package ui

import (
	"net/url"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// shell is the window with its screens, the tray, and the loops that feed
// them. Everything in it runs on the UI goroutine.
type shell struct {
	app         fyne.App
	win         fyne.Window
	deps        Deps
	ctl         control.API
	tabs        *container.AppTabs // the list of screens; the screens are in views
	views       *fyne.Container    // every screen built so far, the selected one shown
	screens     map[string]*container.TabItem
	built       map[*container.TabItem]fyne.CanvasObject
	unbuilt     map[*container.TabItem]func() fyne.CanvasObject // screens not opened yet
	dash        *dashboard
	jobs        *jobsTab
	hist        *historyTab
	sets        *settingsTab
	evts        *eventsTab
	tray        *tray
	trayHost    *trayHost            // whether the desktop shows the tray; nil: it does not
	notify      func(control.Notice) // a desktop notification of the window's own
	question    *modal               // the last yes-or-no question put by ask (a mode switch, a GPU set aside, quitting)
	shown       bool                 // the window is on screen
	fitted      bool                 // the window was fitted to the screen, at its first show
	keys        map[string]func()    // the window's shortcuts by name, for the entries that let them through
	closeToTray bool
	last        control.Status
	lastJobs    []control.Job
	jobsWanted  atomic.Bool // the window is on screen: the live loop lists the jobs (read off the UI goroutine)
	lastSnap    *hardware.Snapshot
	live        *live
	stops       []func()
}

func newShell(a fyne.App, d Deps) *shell {
	s := &shell{app: a, deps: d, ctl: d.Controller, closeToTray: true}
	if s.ctl == nil {
		s.ctl = offline{}
	}
	s.win = a.NewWindow("RigShift")
	s.win.SetIcon(appIcon)
	nav := navigator{settings: func() { s.open("settings") }, addJob: s.onAddJob, openFolder: s.onOpenFolder,
		ask:  s.ask,
		tell: func(title, text string) { tell(s.win, title, text) }}
	s.dash = newDashboard(d.Rig, s.ctl, nav)
	s.jobs = newJobsTab(s.ctl, s.win, uuids(d.Rig.GPUs))
	s.hist = newHistoryTab(d.History, d.Rig.GPUs, s.win)
	s.sets = newSettingsTab(s.ctl, a, s.applySettings)
	s.sets.windowKeys = s.windowShortcut
	s.sets.version = d.Version
	s.sets.refreshed = func(d time.Duration) {
		if s.live != nil {
			s.live.setPeriod(d)
		}
	}
	s.evts = newEventsTab(d.History, gpuIndex(d.Rig.GPUs))
	s.win.SetContent(s.build())
	s.jobs.detail.setMode = s.dash.modes.onMode // a queued job's "Switch to Auto"
	s.tray = newTray(a, s.trayActions())
	s.notify = func(n control.Notice) {
		go func() { _ = NewNotifier("RigShift").Notify(n) }() // off the UI goroutine: D-Bus can be slow; no desktop, no notice
	}
	s.win.SetCloseIntercept(s.onClose)
	s.addShortcuts()
	restoreSize(a, s.win)
	return s
}

// build lays out the list of screens and, beside it, the screens. The
// tabs hold only empty placeholders: AppTabs keeps just the selected
// content in the window's tree, so a change of theme (the owner's, or the
// desktop going dark at night) would reach only the screen on show, and
// the others would come back in the old colours. In views every built
// screen stays in the tree, hidden while another is shown.
func (s *shell) build() fyne.CanvasObject {
	s.screens = map[string]*container.TabItem{}
	s.built = map[*container.TabItem]fyne.CanvasObject{}
	s.unbuilt = map[*container.TabItem]func() fyne.CanvasObject{}
	s.views = container.NewStack()
	items := []*container.TabItem{
		s.screen("dashboard", "Dashboard", theme.HomeIcon(), s.dash.build),
		s.screen("jobs", "Jobs", theme.ListIcon(), s.jobs.build),
		s.screen("history", "History", theme.HistoryIcon(), s.hist.build),
		s.screen("settings", "Settings", theme.SettingsIcon(), s.sets.build),
		s.screen("events", "Events", theme.DocumentIcon(), s.evts.build),
	}
	s.buildScreen(items[0]) // the one shown first; it follows the rig even while out of sight
	s.tabs = container.NewAppTabs(items...)
	s.tabs.SetTabLocation(container.TabLocationLeading)
	s.tabs.OnSelected = s.onScreen
	var top fyne.CanvasObject
	if s.deps.Controller == nil {
		top = banner(theme.ColorNameWarning, theme.WarningIcon(), errOffline.Error()+".", nil)
	}
	return container.NewBorder(top, nil, s.tabs, nil, s.views)
}

// screen is a tab whose content is built the first time it is opened: a
// screen never looked at costs no widgets, no fonts (the log's monospaced
// one), and no layout (the tabs measure every built screen). Measured, the
// four screens behind the dashboard were 4.5 MB of the window's memory.
func (s *shell) screen(name, title string, icon fyne.Resource, build func() fyne.CanvasObject) *container.TabItem {
	item := container.NewTabItemWithIcon(title, icon, container.NewStack()) // shown in views instead
	s.screens[name] = item
	s.unbuilt[item] = build
	return item
}

// buildScreen builds a screen's content if it has not been yet.
func (s *shell) buildScreen(item *container.TabItem) {
	build, ok := s.unbuilt[item]
	if !ok {
		return
	}
	delete(s.unbuilt, item)
	s.built[item] = build()
	s.views.Add(s.built[item])
}

// showScreen shows one built screen and hides the others.
func (s *shell) showScreen(item *container.TabItem) {
	for it, view := range s.built {
		setVisible(view, it == item)
	}
}

// onScreen refreshes a screen as it is opened: history and the event log
// are read on demand, not kept live, and a screen out of sight is not
// redrawn (each redraw repaints the whole window).
func (s *shell) onScreen(item *container.TabItem) {
	s.buildScreen(item)
	s.showScreen(item)
	s.dropFocus()
	if item != s.screens["jobs"] {
		s.jobs.detail.follow("", false) // no log polling for a hidden screen
	}
	switch item {
	case s.screens["jobs"]:
		s.jobs.showJobs(s.lastJobs, s.last.Mode)
	case s.screens["history"]:
		s.hist.onShow()
	case s.screens["settings"]:
		s.sets.onShow()
	case s.screens["events"]:
		s.evts.onShow()
	case s.screens["dashboard"]:
		s.dash.showStatus(s.last)
		if s.lastSnap != nil && s.shown {
			s.dash.redraw(s.lastSnap)
		}
	}
}

// dropFocus takes the keyboard focus from the screen just hidden: Fyne
// leaves it on a widget out of sight, and Space pressed it still (the Mine
// button, after Ctrl+N had opened the jobs screen and its dialog). The next
// Tab starts on the screen shown. A dialog's focus is its own.
func (s *shell) dropFocus() {
	if c := s.win.Canvas(); c.Overlays().Top() == nil {
		c.Unfocus()
	}
}

// open selects a screen by name ("dashboard", "jobs", …).
func (s *shell) open(name string) {
	if item := s.screens[name]; item != nil {
		s.tabs.Select(item)
	}
}

func (s *shell) onAddJob() {
	s.open("jobs")
	s.jobs.onAdd()
}

// onOpenFolder shows the folder holding path in the desktop's file
// manager; where the desktop cannot, the settings, which name the folder.
func (s *shell) onOpenFolder(path string) {
	if err := s.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.Dir(path)}); err != nil {
		s.open("settings")
	}
}

func uuids(gpus []hardware.GPUInfo) []string {
	out := make([]string, len(gpus))
	for i, g := range gpus {
		out[i] = g.UUID
	}
	return out
}

func gpuIndex(gpus []hardware.GPUInfo) map[string]int {
	out := map[string]int{}
	for _, g := range gpus {
		out[g.UUID] = g.Index
	}
	return out
}

// ask puts a yes-or-no question in the window: before a mode switch that
// would stop rental jobs, setting aside a GPU a job runs on, or quitting
// (over running jobs, or where no tray can keep RigShift running). The
// window comes up first: the mode may have been picked in the tray. The
// tray is not held back by the question, as the window's shortcuts are: a
// question still open gives way to the latest pick, so that picks made
// while the window came up behind another are not a stack to answer.
func (s *shell) ask(title, text, no, yes string, ok func()) {
	s.show()
	if s.question != nil && s.question.pop.Visible() {
		s.question.close()
	}
	s.question = confirm(s.win, title, text, no, yes, ok)
}

// trayActions are what the tray's items do.
func (s *shell) trayActions() trayActions {
	return trayActions{setMode: s.dash.modes.onMode, show: s.show, showJob: s.showJob, quit: s.quitAsking}
}

// showJob brings up the jobs screen on job id (a tray item).
func (s *shell) showJob(id string) {
	s.show()
	s.open("jobs")
	s.jobs.sel = id
	s.jobs.showJobs(s.lastJobs, s.last.Mode)
}
