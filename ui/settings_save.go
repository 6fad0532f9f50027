package ui

import (
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// onSave checks the form, then saves off the UI goroutine and says what
// happened in words.
func (t *settingsTab) onSave() {
	s, errs := t.read()
	for k, l := range t.errs {
		l.SetText(errs[k])
		setVisible(l, errs[k] != "")
	}
	if len(errs) > 0 {
		t.say("Some fields need fixing: see the red notes.", true)
		return
	}
	if err := s.Validate(); err != nil {
		t.say("Not saved: "+err.Error()+".", true)
		return
	}
	t.save.Disable()
	go func() {
		err := t.keeper.SaveSettings(s)
		var autoErr error
		if err == nil {
			autoErr = setAutostart(s.StartAtLogin, s.StartMinimised)
		}
		runOnUI(func() {
			t.saveDone(s, err)
			if autoErr != nil {
				t.say("Saved, but start at login could not be set up: "+autoErr.Error()+".", true)
			}
		})
	}()
}

func (t *settingsTab) saveDone(s control.Settings, err error) {
	t.save.Enable()
	if err != nil {
		t.say("Not saved: "+err.Error()+".", true)
		return
	}
	t.loaded = s
	t.say("Saved. A new miner setup applies the next time mining starts.", false)
	if t.saved != nil {
		t.saved(s)
	}
}

func (t *settingsTab) say(text string, bad bool) {
	t.note.Importance = widget.SuccessImportance
	if bad {
		t.note.Importance = widget.DangerImportance
	}
	t.note.SetText(text)
}
