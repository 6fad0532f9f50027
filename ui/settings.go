package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
)

// minerChoices are the miner presets, as the select shows them.
var minerChoices = []struct {
	miner miners.Miner
	label string
}{
	{"", noMiner}, {miners.XMRig, "XMRig"}, {miners.TRex, "T-Rex"}, {miners.LolMiner, "lolMiner"},
	{miners.GMiner, "GMiner"}, {miners.SRBMiner, "SRBMiner-MULTI"}, {miners.Custom, "Custom"},
}

// noMiner is the choice of no miner at all: Mine and Auto then leave the
// GPUs idle that no rental job uses.
const noMiner = "None: do not mine"

// presetFields are what the presets build the miner's command line from;
// customFields are what only a custom miner needs.
var (
	presetFields = []string{"pool", "wallet", "worker", "password", "algorithm"}
	customFields = []string{"stats", "stats_format"}
)

// settingsTab edits the owner's settings: the miner, money, safety limits,
// notifications and desktop behaviour, and shows where the data lives.
type settingsTab struct {
	keeper  settingsKeeper
	app     fyne.App
	loaded  control.Settings // kept, so fields this screen lacks survive a save
	filled  string           // the form as fill left it (formState), to tell the owner's edits
	miner   *widget.Select
	noMiner *widget.Label     // what to do while no miner is chosen
	format  *widget.Select    // a custom miner's stats format
	scroll  *container.Scroll // all the cards, laid out again as the miner's fields show and hide
	entries map[string]*screenEntry
	errs    map[string]*widget.Label
	rows    map[string][2]fyne.CanvasObject // a form row's label and field, to show or hide it
	notices map[control.NoticeKind]*widget.Check
	checks  map[string]*widget.Check
	dataDir *widget.Label // the data folder: read, copied, never edited here
	dataUse *widget.Label // how much room the history and the job logs take
	dbPath  string        // the history database, once the controller said where
	note    *widget.Label
	save    *keyButton
	copyDir *keyButton             // the data folder's path to the clipboard
	saved   func(control.Settings) // the shell follows close-to-tray
	// windowKeys runs the window's own shortcuts from a focused field (screenEntry).
	windowKeys func(fyne.Shortcut) bool
	refresh    *widget.Select
	look       *widget.Select // the appearance: light, dark or the desktop's
	// refreshed hands a new dashboard refresh to the live loop. The choice
	// is the window's own (a preference, like its size), applied at once.
	refreshed func(time.Duration)
	version   string // RigShift's, under the data folder; "" for none
}

func newSettingsTab(k settingsKeeper, a fyne.App, saved func(control.Settings)) *settingsTab {
	t := &settingsTab{keeper: k, app: a, saved: saved, entries: map[string]*screenEntry{},
		errs: map[string]*widget.Label{}, rows: map[string][2]fyne.CanvasObject{}, notices: map[control.NoticeKind]*widget.Check{},
		checks: map[string]*widget.Check{}, dataDir: widget.NewLabel(""), dataUse: caption(""), note: widget.NewLabel("")}
	t.note.Wrapping = fyne.TextWrapWord
	// A label in the text's own colour (a disabled entry drew the folder in
	// the disabled grey, barely readable on the light theme), copied with
	// its own button: a selectable label took the focus on Tab and kept
	// every window shortcut from then on. A long path breaks onto more lines.
	t.dataDir.Wrapping = fyne.TextWrapBreak
	return t
}

func (t *settingsTab) build() fyne.CanvasObject {
	t.save = newKeyButton("Save settings", theme.DocumentSaveIcon(), t.onSave)
	t.save.Importance = widget.HighImportance
	// Two columns where they fit, else one: side by side they need a
	// window about 960 px wide, more than a small screen gives.
	cols := container.New(&cardGrid{},
		container.NewVBox(t.minerCard(), t.whenCard(), t.safetyCard()),
		container.NewVBox(t.moneyCard(), t.noticeCard(), t.desktopCard(), t.dataCard()))
	bottom := container.NewBorder(nil, nil, nil, t.save, t.note)
	t.scroll = container.NewVScroll(cols)
	return container.NewBorder(nil, container.NewPadded(bottom), nil, nil, t.scroll)
}

func (t *settingsTab) minerCard() fyne.CanvasObject {
	var labels, formats []string
	for _, c := range minerChoices {
		labels = append(labels, c.label)
	}
	for _, f := range miners.Formats {
		formats = append(formats, string(f))
	}
	t.miner = widget.NewSelect(labels, func(choice string) { t.showMinerFields(choice); t.edited() })
	t.format = widget.NewSelect(formats, func(string) { t.edited() })
	t.format.PlaceHolder = "the API's answers are like…"
	form := t.form(
		field{"executable", "Program", "e.g. /opt/t-rex/t-rex"}, field{"pool", "Pool", "e.g. stratum+tcp://pool.example:4444"},
		field{"wallet", "Wallet", "your wallet address or pool user"}, field{"worker", "Worker", "optional, e.g. rig-01"},
		field{"password", "Password", "optional, e.g. x (what most pools take)"}, field{"algorithm", "Algorithm", "e.g. kawpow"},
		field{"args", "Extra arguments", ""}, field{"stats", "Stats API", "optional, e.g. http://127.0.0.1:{port}/summary"})
	form.Objects = append([]fyne.CanvasObject{widget.NewLabel("Miner"), t.miner}, form.Objects...)
	formatLabel := widget.NewLabel("Stats format")
	form.Add(formatLabel)
	form.Add(t.format)
	t.rows["stats_format"] = [2]fyne.CanvasObject{formatLabel, t.format}
	t.noMiner = widget.NewLabel("Pick the miner installed on this rig, then give its program, your pool and " +
		"your wallet. Until then Mine and Auto leave the GPUs that no rental job uses idle.")
	t.noMiner.Wrapping = fyne.TextWrapWord
	t.showMinerFields(noMiner)
	return widget.NewCard("Miner", "What Mine and Auto run on free GPUs", container.NewVBox(form, t.noMiner))
}

// showMinerFields shows the fields the chosen miner uses: a preset's pool
// and wallet, or a custom miner's own command line and stats API.
func (t *settingsTab) showMinerFields(choice string) {
	custom := choice == "Custom"
	for _, k := range presetFields {
		t.showRow(k, choice != noMiner && !custom)
	}
	for _, k := range customFields {
		t.showRow(k, custom)
	}
	setVisible(t.noMiner, choice == noMiner)
	t.showMinerHints(choice)
	t.showRow("executable", choice != noMiner)
	t.showRow("args", choice != noMiner)
	args := t.rows["args"][0].(*widget.Label)
	if custom {
		args.SetText("Arguments")
		t.entries["args"].SetPlaceHolder("its command line; {port} where its API port goes")
	} else {
		args.SetText("Extra arguments")
		t.entries["args"].SetPlaceHolder("optional, e.g. --intensity 22")
	}
	t.relayout()
}

// showMinerHints gives the Program and Algorithm fields the chosen miner's
// examples: XMRig's program is not /opt/t-rex/t-rex, nor does it mine
// kawpow (and it picks its algorithm itself when none is given). Each says
// "e.g.": a bare "kawpow", grey in its field, looked filled in.
func (t *settingsTab) showMinerHints(choice string) {
	for _, c := range minerChoices {
		if c.label != choice || c.miner == "" {
			continue
		}
		t.entries["executable"].SetPlaceHolder("e.g. " + c.miner.ExampleProgram())
		algorithm := "e.g. " + c.miner.ExampleAlgorithm()
		if c.miner == miners.XMRig {
			algorithm = "optional, " + algorithm
		}
		t.entries["algorithm"].SetPlaceHolder(algorithm)
	}
}

// relayout lays the cards out again after a row or a note shows, hides or
// grows: showing a container does not lay out what holds it again, so the
// card would keep its old height and the next card would cover it.
func (t *settingsTab) relayout() {
	if t.scroll != nil {
		t.scroll.Content.Refresh()
		t.scroll.Refresh()
	}
}

func (t *settingsTab) showRow(key string, show bool) {
	for _, o := range t.rows[key] {
		setVisible(o, show)
	}
	if l := t.errs[key]; l != nil && !show {
		setVisible(l, false) // a hidden field's old complaint would linger on its return
	}
}

func (t *settingsTab) moneyCard() fyne.CanvasObject {
	return widget.NewCard("Money", "For the money line and the earnings", t.form(
		field{"currency", "Currency", "USD"}, field{"price", "Electricity per kWh", "0.15"},
		field{"cheap_hours", "Cheaper hours", "e.g. 22:00-07:00; empty for none"}, field{"cheap_price", "Per kWh in those hours", "0.10"},
		field{"overhead", "Host overhead (W)", "80"}, field{"per_mhs", "Mining per MH/s and day", "0.02"},
		field{"per_gpu", "Or mining per GPU and day", "0.40"}))
}

func (t *settingsTab) safetyCard() fyne.CanvasObject {
	return widget.NewCard("Safety", "When to pause a hot GPU and restart a stalled miner", t.form(
		field{"limit", "Pause a GPU above (°C)", "83"}, field{"resume", "Resume below (°C)", "70"},
		field{"stall", "Restart a miner stalled for", "2m"}))
}

// whenCard holds mining to some hours, or to when nobody uses the
// computer; rental jobs run regardless.
func (t *settingsTab) whenCard() fyne.CanvasObject {
	form := t.form(field{"hours", "Mining hours", "any time, or e.g. 22:00-07:00"})
	how := caption("When you touch the keyboard or mouse the miner stops, and the GPUs are yours; " +
		"a notification comes 5 s before it starts again.")
	how.Wrapping = fyne.TextWrapWord
	t.checks["away"] = widget.NewCheck("Only while nobody uses this computer", func(on bool) {
		t.showRow("away", on)
		setVisible(how, on)
		t.relayout()
		t.edited()
	})
	form.Add(layout.NewSpacer())
	form.Add(t.checks["away"])
	away := t.form(field{"away", "Away for at least", "10m"})
	form.Objects = append(form.Objects, away.Objects...)
	t.showRow("away", false)
	how.Hide()
	return widget.NewCard("When to mine", "Rental jobs run at any hour", container.NewVBox(form, how))
}

func (t *settingsTab) noticeCard() fyne.CanvasObject {
	box := container.NewVBox()
	for _, k := range control.NoticeKinds() {
		t.notices[k] = widget.NewCheck(k.Label(), func(bool) { t.edited() })
		box.Add(t.notices[k])
	}
	return widget.NewCard("Notifications", "", box)
}

func (t *settingsTab) desktopCard() fyne.CanvasObject {
	box := container.NewVBox()
	for _, c := range []struct{ key, label string }{{"login", "Start RigShift when I log in"},
		{"minimised", "Start minimised to the tray"}, {"tray", "Closing the window keeps RigShift running in the tray"}} {
		t.checks[c.key] = widget.NewCheck(c.label, func(bool) { t.edited() })
		box.Add(t.checks[c.key])
	}
	box.Add(container.New(layout.NewFormLayout(),
		widget.NewLabel("Appearance"), t.appearanceSelect(),
		widget.NewLabel("Refresh the dashboard"), t.refreshSelect()))
	cost := caption("The GPUs are read every second either way. Where the desktop draws without a " +
		"GPU (a VM, a remote desktop), each refresh costs CPU: every second takes about 1 % of a core, every 2 s half that.")
	cost.Wrapping = fyne.TextWrapWord
	box.Add(cost)
	return widget.NewCard("Desktop", "", box)
}

// appearanceSelect picks light, dark or the desktop's look, applied at
// once.
func (t *settingsTab) appearanceSelect() *widget.Select {
	var labels []string
	current, selected := loadAppearance(t.app), ""
	for _, c := range appearances {
		labels = append(labels, c.label)
		if c.key == current {
			selected = c.label
		}
	}
	t.look = widget.NewSelect(labels, nil)
	t.look.SetSelected(selected)
	t.look.OnChanged = func(label string) {
		for _, c := range appearances {
			if c.label == label {
				applyAppearance(t.app, c.key)
			}
		}
	}
	return t.look
}

// refreshSelect picks how often the dashboard is redrawn; the GPUs are
// read every second either way.
func (t *settingsTab) refreshSelect() *widget.Select {
	var labels []string
	for _, d := range refreshChoices {
		labels = append(labels, refreshLabel(d))
	}
	t.refresh = widget.NewSelect(labels, nil)
	t.refresh.SetSelected(refreshLabel(loadRefresh(t.app)))
	t.refresh.OnChanged = func(label string) {
		for _, d := range refreshChoices {
			if refreshLabel(d) == label {
				saveRefresh(t.app, d)
				if t.refreshed != nil {
					t.refreshed(d)
				}
			}
		}
	}
	return t.refresh
}

func (t *settingsTab) dataCard() fyne.CanvasObject {
	t.copyDir = newKeyButton("Copy", theme.ContentCopyIcon(), t.onCopyFolder)
	open := newKeyButton("Open folder", theme.FolderOpenIcon(), t.onOpenFolder)
	box := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(t.copyDir, open), t.dataDir), t.dataUse)
	if t.version != "" { // what to quote when asking for help
		box.Add(caption("RigShift " + t.version))
	}
	return widget.NewCard("Data", "History, jobs and events", box)
}

// field is one labelled entry with its error line.
type field struct{ key, label, hint string }

func (t *settingsTab) form(fields ...field) *fyne.Container {
	grid := container.New(layout.NewFormLayout())
	for _, f := range fields {
		e := newScreenEntry(f.key == "password", t.windowKeys)
		e.SetPlaceHolder(f.hint)
		e.OnChanged = func(string) { t.edited() }
		e.OnSubmitted = func(string) { t.submit() }
		l := caption("")
		l.Importance = widget.DangerImportance
		// Wrapped: a long complaint ("starts and ends at the same time: …")
		// widened its column, the other with it, and the window past the
		// screen, Save settings off its edge.
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		t.entries[f.key], t.errs[f.key] = e, l
		label, cell := widget.NewLabel(f.label), container.NewVBox(e, l)
		t.rows[f.key] = [2]fyne.CanvasObject{label, cell}
		grid.Add(label)
		grid.Add(cell)
	}
	return grid
}
