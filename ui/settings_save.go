package ui

import (
	"fmt"
	"reflect"

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
	base := t.loaded
	go func() {
		s := mergeSettings(base, s, t.keeper.Settings())
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
	t.fill(s) // with what changed elsewhere meanwhile, if anything did
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

// mergeSettings keeps, field by field, what the owner changed on the screen
// (mine differs from base, what the form was filled with) and otherwise the
// rig's settings now (theirs): `rigshift settings` may have saved since the
// form was filled, and saving the whole form wrote its old values back. The
// miner counts as one field.
func mergeSettings(base, mine, theirs control.Settings) control.Settings {
	out := theirs
	b, m, o := reflect.ValueOf(base), reflect.ValueOf(mine), reflect.ValueOf(&out).Elem()
	for i := range m.NumField() {
		// fmt, not DeepEqual: an empty list read back from the form is
		// the nil one it was filled with.
		if fmt.Sprint(b.Field(i).Interface()) != fmt.Sprint(m.Field(i).Interface()) {
			o.Field(i).Set(m.Field(i))
		}
	}
	return out
}
