package ui

import (
	"github.com/rigshift/rigshift/jobs/control"
)

// onAdd opens the add-job dialog; a job it adds becomes the selection.
// While one is open (Ctrl+N again), it stays the only one.
func (t *jobsTab) onAdd() {
	if t.form != nil && t.form.dlg.pop.Visible() {
		return
	}
	t.form = newAddJobForm(t.q, t.rigGPUs, func(j control.Job) {
		t.sel = j.ID
		t.form = nil
	})
	t.form.open(t.win)
}

// onCancel asks before stopping a running job: its client pays only for
// the time it ran.
func (t *jobsTab) onCancel() {
	j := t.selected()
	if j == nil {
		return
	}
	id := j.ID
	if !j.State.Active() {
		t.act("cancel "+id, func() error { return t.q.CancelJob(id) })
		return
	}
	t.asking = confirm(t.win, "Cancel "+id+"?", control.CancelStops(*j), "Keep it",
		"Cancel job", func() { t.act("cancel "+id, func() error { return t.q.CancelJob(id) }) })
}

// onMove moves the selected queued job by delta places.
func (t *jobsTab) onMove(delta int) {
	pos := t.queuePos()
	if pos < 0 {
		return
	}
	id, to := t.sel, pos+delta
	t.act("move "+id, func() error { return t.q.MoveJob(id, to) })
}

// onAgain queues a finished job's spec as a new job.
func (t *jobsTab) onAgain() {
	j := t.selected()
	if j == nil {
		return
	}
	spec := j.Spec
	t.act("queue "+j.ID+" again", func() error {
		_, err := t.q.AddJob(spec)
		return err
	})
}
