package ui

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

// onSave checks the form, then saves off the UI goroutine and says what
// happened in words.
// submit is Enter in a field: it saves what was changed, as Save settings
// would (Enter did nothing, and an owner who typed a price and pressed it
// could leave the screen thinking it saved).
func (t *settingsTab) submit() {
	if t.unsaved() && !t.save.Disabled() {
		t.onSave()
	}
}

func (t *settingsTab) onSave() {
	s, errs := t.read()
	for k, l := range t.errs {
		l.SetText(errs[k])
		setVisible(l, errs[k] != "")
	}
	t.relayout() // the cards grow to the notes' wrapped lines
	if len(errs) > 0 {
		t.say("Some fields need fixing: see the red notes.", true)
		return
	}
	if err := s.Validate(); err != nil {
		t.refused(err)
		return
	}
	t.save.Disable()
	base, form := t.loaded, t.formState()
	go func() {
		s := mergeSettings(base, s, t.keeper.Settings())
		err := t.keeper.SaveSettings(s)
		var autoErr error
		if err == nil {
			autoErr = setAutostart(s.StartAtLogin, s.StartMinimised)
		}
		runOnUI(func() {
			t.saveDone(s, err, form != t.formState())
			if autoErr != nil {
				what := "set up"
				if !s.StartAtLogin {
					what = "turned off"
				}
				t.say("Saved, but start at login could not be "+what+": "+autoErr.Error()+".", true)
			}
		})
	}()
}

// fieldOf is the window's field for the key a setting's check names it
// by (the command line's: `rigshift settings set resume-below-c=…`).
var fieldOf = map[string]string{
	"pause-at-c": "limit", "resume-below-c": "resume", "restart-stalled-after": "stall",
	"host-overhead-w": "overhead", "currency": "currency", "mine-when-away-for": "away",
	"electricity-per-kwh": "price", "cheap-per-kwh": "cheap_price",
	"mining-per-mhs-day": "per_mhs", "mining-per-gpu-day": "per_gpu",
}

// windowField is the window's field for a check's key: the miner's are
// named alike ("miner.pool" is "pool"), the rest through fieldOf.
func windowField(key string) string {
	if f, ok := fieldOf[key]; ok {
		return f
	}
	return strings.TrimPrefix(key, "miner.")
}

// refused says what Validate refused: under its field where the window has
// one, as the fields' own checks are, and the rest in the note, in words
// without the command line's keys.
func (t *settingsTab) refused(err error) {
	fields, general := control.SplitErrors(err)
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		if l := t.errs[windowField(key)]; l != nil {
			l.SetText(fields[key])
			l.Show()
		} else {
			general = append(general, fields[key])
		}
	}
	t.relayout()
	if len(general) == 0 {
		t.say("Some fields need fixing: see the red notes.", true)
		return
	}
	t.say("Not saved: "+strings.Join(general, "; ")+".", true)
}

// saveDone says how a save went. The form shows what was saved, with what
// changed elsewhere meanwhile, unless the owner typed during the save.
func (t *settingsTab) saveDone(s control.Settings, err error, typed bool) {
	t.save.Enable()
	if err != nil {
		t.refused(err)
		return
	}
	minerChanged := control.MinerChanged(t.loaded, s)
	if typed {
		t.loaded = s
	} else {
		t.fill(s)
	}
	// The miner's note only when it changed, as the command line says it.
	if minerChanged {
		t.say(control.MinerSetupSaved, false)
	} else {
		t.say("Saved.", false)
	}
	if t.saved != nil {
		t.saved(s)
	}
}

// edited takes "Saved." away once the owner changes the form again: it
// stayed under an edit not yet saved (the away check ticked, say), as if
// that were saved too. Filling the form (fill) is no edit.
func (t *settingsTab) edited() {
	if t.note.Importance == widget.SuccessImportance && t.note.Text != "" && t.formState() != t.filled {
		t.say("", false)
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
// miner is merged field by field too, unless the owner picked another one;
// the notices switched off are compared as a set (the command line adds
// each at the end, the form lists them in its order).
func mergeSettings(base, mine, theirs control.Settings) control.Settings {
	base.NoticesOff = slices.Sorted(slices.Values(base.NoticesOff))
	mine.NoticesOff = slices.Sorted(slices.Values(mine.NoticesOff))
	out := theirs
	mergeFields(reflect.ValueOf(base), reflect.ValueOf(mine), reflect.ValueOf(&out).Elem())
	if base.Miner.Miner == mine.Miner.Miner {
		out.Miner = theirs.Miner
		mergeFields(reflect.ValueOf(base.Miner), reflect.ValueOf(mine.Miner), reflect.ValueOf(&out.Miner).Elem())
	}
	return out
}

// mergeFields sets each field of out where mine differs from base.
func mergeFields(base, mine, out reflect.Value) {
	for i := range mine.NumField() {
		// fmt, not DeepEqual: an empty list read back from the form is
		// the nil one it was filled with.
		if fmt.Sprint(base.Field(i).Interface()) != fmt.Sprint(mine.Field(i).Interface()) {
			out.Field(i).Set(mine.Field(i))
		}
	}
}
