package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// addJobForm is the add-job dialog. Each field has its own error line
// under it, filled from control.FieldErrors, so the owner sees what to fix
// where to fix it, not in a bare error box.
type addJobForm struct {
	q       jobQueue
	rigGPUs []string
	added   func(control.Job)
	entries map[string]*dialogEntry
	policy  *choices
	errs    map[string]*widget.Label
	general *widget.Label
	submit  *dialogButton
	dlg     *modal
	round   int // presses of Add job: a late answer to an earlier one is dropped
}

// The form's fields, keyed as control.FieldError names them.
var addJobFields = []struct{ key, label, hint string }{
	{"client", "Client", "who the job is for, e.g. acme-ai"},
	{"description", "Description", "optional, e.g. fine-tune llama 8B"},
	{"command", "Command", "python train.py --epochs 3"},
	{"gpus", "GPUs", "how many, e.g. 2"},
	{"price", "Price per GPU-hour", "e.g. 0.45"},
	{"max", "Longest run", "e.g. 6h or 90m; empty: no limit"},
	{"dir", "Working folder", "optional, e.g. /home/me/jobs/acme"},
	{"env", "Environment", "optional, one KEY=value per line"},
}

func newAddJobForm(q jobQueue, rigGPUs []string, added func(control.Job)) *addJobForm {
	f := &addJobForm{q: q, rigGPUs: rigGPUs, added: added,
		entries: map[string]*dialogEntry{}, errs: map[string]*widget.Label{}, general: errText()}
	for _, fl := range addJobFields {
		e := newDialogEntry()
		if fl.key == "env" {
			e.MultiLine = true
			e.SetMinRowsVisible(2)
		}
		e.SetPlaceHolder(fl.hint)
		e.OnSubmitted = func(string) { f.onSubmit() }
		f.entries[fl.key], f.errs[fl.key] = e, errText()
	}
	f.entries["command"].TextStyle.Monospace = true
	f.entries["gpus"].SetText("1")
	// One is always picked: a second tap on Fyne's radio unpicked "Mark it
	// failed", and the job was requeued.
	f.policy = newChoices([]string{"Run it again from the start", "Mark it failed"}, nil)
	f.policy.SetSelected("Run it again from the start")
	f.policy.OnSubmitted = f.onSubmit // Enter adds the job, as from a field
	f.errs["on_interrupt"] = errText()
	return f
}

// errText is a field's note, red and small. It wraps, as in the settings:
// a long one (a program's path, said twice) widened the dialog past the
// window's edge.
func errText() *widget.Label {
	l := caption("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func (f *addJobForm) build() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	for _, fl := range addJobFields {
		grid.Add(widget.NewLabel(fl.label))
		grid.Add(container.NewVBox(f.entries[fl.key], f.errs[fl.key]))
	}
	grid.Add(widget.NewLabel("If interrupted"))
	grid.Add(container.NewVBox(f.policy, f.errs["on_interrupt"]))
	note := caption("RigShift runs the command itself, without a shell: quote arguments with spaces.")
	return container.NewVBox(grid, note, f.general)
}

// open shows the dialog over win with the client field focused.
func (f *addJobForm) open(win fyne.Window) {
	cancel := newDialogButton("Cancel", nil, func() { f.dlg.close() })
	f.submit = newDialogButton("Add job", theme.ContentAddIcon(), f.onSubmit)
	f.submit.Importance = widget.HighImportance
	f.dlg = showModal(win, "Add a rental job", f.build(), 620, cancel, f.submit)
	win.Canvas().Focus(f.entries["client"])
}

// showErrors puts each message under its field; messages for no field go
// under the form. The dialog fits its notes again only when one came,
// went or changed.
func (f *addJobForm) showErrors(byField map[string]string, general string) {
	changed := false
	for key, t := range f.errs {
		changed = setErr(t, byField[key]) || changed
		delete(byField, key)
	}
	for _, msg := range byField { // a field this form does not have
		general = msg
	}
	changed = setErr(f.general, general) || changed
	if changed && f.dlg != nil {
		f.dlg.fit()
	}
}

// setErr shows msg under its field, or hides the note for "", and reports
// whether the note changed (a longer one may wrap onto another line).
func setErr(l *widget.Label, msg string) (changed bool) {
	changed = l.Text != msg
	setText(l, msg)
	return setVisible(l, msg != "") || changed
}
