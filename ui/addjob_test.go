package ui

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/rigshift/rigshift/jobs/control"
)

func openAddJob(t *testing.T) (*addJobForm, *fakeController) {
	t.Helper()
	tab, ctl := newTestJobsTab(t)
	tab.onAdd()
	return tab.form, ctl
}

func TestAddJobShowsFieldErrors(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["command"], "python train.py | tee log")
	f.entries["gpus"].SetText("5")
	f.entries["price"].SetText("cheap")
	test.Tap(f.submit)
	want := map[string]string{
		"client": "say who the job is for",
		"gpus":   "the job wants 5 GPUs but this rig has 2",
		"price":  "write a price such as 0.45",
	}
	for field, msg := range want {
		if got := f.errs[field]; got.Text != msg || !got.Visible() {
			t.Errorf("%s: %q (visible %v), want %q", field, got.Text, got.Visible(), msg)
		}
	}
	if got := f.errs["command"].Text; !strings.Contains(got, "RigShift runs no shell") {
		t.Errorf("command error %q", got)
	}
	if f.errs["max"].Visible() {
		t.Error("an empty longest run is an error")
	}
	f.entries["price"].SetText("NaN") // parses as a float, and is no price
	test.Tap(f.submit)
	if got := f.errs["price"]; got.Text != "write a price such as 0.45" || !got.Visible() {
		t.Errorf("price NaN: %q (visible %v)", got.Text, got.Visible())
	}
	time.Sleep(20 * time.Millisecond)
	if len(calls(ctl, func() []control.JobSpec { return ctl.added })) != 0 {
		t.Error("an invalid job reached the controller")
	}
}

func TestAddJobSubmitsValidJob(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], `python train.py --name "big run" --epochs 3`)
	f.entries["gpus"].SetText("2")
	f.entries["price"].SetText("0,45")
	f.entries["max"].SetText("6h")
	f.entries["env"].SetText("HF_HOME=/data/hf\n")
	f.policy.SetSelected("Mark it failed")
	test.Tap(f.submit)
	eventually(t, "AddJob", func() bool { return len(calls(ctl, func() []control.JobSpec { return ctl.added })) == 1 })
	s := calls(ctl, func() []control.JobSpec { return ctl.added })[0]
	if !slices.Equal(s.Command, []string{"python", "train.py", "--name", "big run", "--epochs", "3"}) {
		t.Errorf("command split as %q", s.Command)
	}
	if s.Client != "acme-ai" || s.GPUCount != 2 || s.PricePerGPUHour != 0.45 || s.MaxRuntime != 6*time.Hour ||
		s.OnInterrupt != control.FailJob || !slices.Equal(s.Env, []string{"HF_HOME=/data/hf"}) {
		t.Errorf("spec %+v", s)
	}
	eventually(t, "the dialog to close", func() bool { return !f.dlg.pop.Visible() })
}

// What the controller refuses is shown next to the field it names.
func TestAddJobShowsControllerFieldErrors(t *testing.T) {
	f, ctl := openAddJob(t)
	ctl.err = errors.Join(&control.FieldError{Field: "gpus", Msg: "GPU 1 is lost"}, errors.New("queue full"))
	test.Type(f.entries["client"], "acme")
	test.Type(f.entries["command"], "python x.py")
	f.entries["price"].SetText("0.45")
	test.Tap(f.submit)
	eventually(t, "the refusal", func() bool { return f.errs["gpus"].Text == "GPU 1 is lost" })
	if !strings.Contains(f.general.Text, "queue full") || !f.dlg.pop.Visible() {
		t.Errorf("general %q; the dialog must stay open", f.general.Text)
	}
}

// A forgotten price would be a job that earns nothing: the form asks for
// one, and takes 0 written out as a free job.
func TestAddJobWantsAPrice(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	test.Tap(f.submit)
	if got := f.errs["price"]; !got.Visible() || !strings.Contains(got.Text, "0 for a free job") {
		t.Errorf("an empty price: %q (visible %v)", got.Text, got.Visible())
	}
	time.Sleep(20 * time.Millisecond)
	if len(calls(ctl, func() []control.JobSpec { return ctl.added })) != 0 {
		t.Fatal("a job without a price reached the controller")
	}
	f.entries["price"].SetText("0")
	test.Tap(f.submit)
	eventually(t, "the free job", func() bool { return len(calls(ctl, func() []control.JobSpec { return ctl.added })) == 1 })
}

// A refusal made only of field errors points at the fields instead of
// repeating them in one long line below the form.
func TestRefusalRepeatsNoFieldError(t *testing.T) {
	fields := errors.Join(&control.FieldError{Field: "command", Msg: "no program called pytohn is on the PATH"},
		&control.FieldError{Field: "dir", Msg: "there is no folder /nope"})
	_, general := control.SplitErrors(fields)
	if got := refusal(general); strings.Contains(got, "pytohn") || !strings.Contains(got, "notes under the fields") {
		t.Errorf("field errors only: %q", got)
	}
	_, general = control.SplitErrors(errors.Join(fields, errors.New("queue full")))
	if got := refusal(general); got != "The job was not added: queue full" {
		t.Errorf("with a general reason: %q", got)
	}
}

// Enter pressed again while the controller is still answering (the Add
// button is disabled) must not add the job twice.
func TestAddJobEnterTwiceAddsOnce(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	f.entries["price"].SetText("0.45")
	f.entries["price"].OnSubmitted(f.entries["price"].Text) // Enter
	if !f.submit.Disabled() {
		t.Fatal("the Add button is not disabled while the job is being added")
	}
	f.entries["price"].OnSubmitted(f.entries["price"].Text) // Enter again, before the answer
	time.Sleep(50 * time.Millisecond)
	drainUI()
	if n := len(calls(ctl, func() []control.JobSpec { return ctl.added })); n != 1 {
		t.Errorf("the job was added %d times", n)
	}
}

// A longest run past what RigShift can count (a bare number of hours) is
// said to be that; it wrapped round and was refused as negative.
func TestAddJobHugeRuntimeIsTooLongNotNegative(t *testing.T) {
	for _, in := range []string{"1e308", "3000000"} {
		f, _ := openAddJob(t)
		f.entries["max"].SetText(in)
		test.Tap(f.submit)
		if got := f.errs["max"].Text; !strings.Contains(got, "longer than RigShift can count") {
			t.Errorf("max %q is refused with %q", in, got)
		}
	}
}

// The dialog refuses a longest run it cannot read in the words the
// command line uses for --max, and reads a bare number as hours.
func TestAddJobRuntimeReadsAsTheCommandLineDoes(t *testing.T) {
	f, _ := openAddJob(t)
	f.entries["max"].SetText("soon")
	test.Tap(f.submit)
	if got := f.errs["max"].Text; got != "write a duration such as 6h or 90m, or a number of hours" {
		t.Errorf("max %q is refused with %q", "soon", got)
	}
	f.entries["max"].SetText("6")
	if s, _ := f.spec(); s.MaxRuntime != 6*time.Hour {
		t.Errorf("max 6 reads as %v", s.MaxRuntime)
	}
}

// Settings saved elsewhere (rigshift CLI) while the Settings screen is
// open are reverted by the next Save, even for fields the owner did not
// touch.

// A variable written with spaces round its = is refused next to the
// field: it was passed on as "WANDB_API_KEY " (the space in its name), and
// the job ran without the WANDB_API_KEY the owner gave it.
func TestAddJobEnvNameWithASpaceIsRefused(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	f.entries["price"].SetText("0.45")
	f.entries["env"].SetText("EPOCHS=3\nWANDB_API_KEY = abc123")
	test.Tap(f.submit)
	time.Sleep(20 * time.Millisecond)
	drainUI()
	if added := calls(ctl, func() []control.JobSpec { return ctl.added }); len(added) != 0 {
		t.Fatalf("the job was added with env %q", added[0].Env)
	}
	if got := f.errs["env"]; !got.Visible() || !strings.Contains(got.Text, "WANDB_API_KEY = abc123") {
		t.Errorf("the environment's note says %q (visible %v)", got.Text, got.Visible())
	}
}

// A double click on "Mark it failed" keeps it picked: the second tap
// unpicked it, and the job was added to run again from the start, the
// policy the owner had not chosen.
func TestAddJobPolicyStaysPicked(t *testing.T) {
	f, ctl := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	f.entries["price"].SetText("0.45")
	items := test.WidgetRenderer(f.policy).Objects()
	test.Tap(items[1].(fyne.Tappable)) // "Mark it failed"
	test.Tap(items[1].(fyne.Tappable)) // and again
	test.Tap(f.submit)
	eventually(t, "AddJob", func() bool { return len(calls(ctl, func() []control.JobSpec { return ctl.added })) == 1 })
	if got := calls(ctl, func() []control.JobSpec { return ctl.added })[0].OnInterrupt; got != control.FailJob || f.policy.Selected == "" {
		t.Errorf("after a double click on \"Mark it failed\" the job was added with policy %q (the form shows %q)", got, f.policy.Selected)
	}
}

// The working folder is typed as in a shell: "~/runs" is in the owner's
// home, where "there is no folder ~/runs" was said; a relative folder,
// which would be taken from wherever RigShift was started, is refused
// next to the field.
func TestAddJobWorkingFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, c := range []struct{ typed, dir, note string }{
		{"~/runs", filepath.Join(home, "runs"), ""},
		{"~", home, ""},
		{"runs/llama", "", "full path"},
	} {
		f, ctl := openAddJob(t)
		test.Type(f.entries["client"], "acme-ai")
		test.Type(f.entries["command"], "python train.py")
		f.entries["price"].SetText("0.45")
		f.entries["dir"].SetText(c.typed)
		test.Tap(f.submit)
		time.Sleep(20 * time.Millisecond)
		drainUI()
		added := calls(ctl, func() []control.JobSpec { return ctl.added })
		if c.note != "" {
			if len(added) != 0 || !f.errs["dir"].Visible() || !strings.Contains(f.errs["dir"].Text, c.note) {
				t.Errorf("%q: added %d, the folder's note %q", c.typed, len(added), f.errs["dir"].Text)
			}
			continue
		}
		if len(added) != 1 || added[0].Dir != c.dir {
			t.Errorf("%q: added %+v, want the folder %s", c.typed, added, c.dir)
		}
	}
}

// A long note under a field wraps in the dialog: a program's path, said
// twice in "… is not executable: run chmod +x …", widened the dialog past
// the window's edge, the rest of the note cut off there.
func TestAddJobLongErrorWraps(t *testing.T) {
	f, _ := openAddJob(t)
	path := "/home/owner/jobs/university-lab-zurich/experiments/2026-12/llama-finetune/.venv/bin/python3"
	f.showErrors(map[string]string{"command": path + " is not executable: run chmod +x " + path},
		"The job was not added: "+path+" is on a disk that is not mounted")
	if w := f.dlg.pop.Content.MinSize().Width; w > 700 {
		t.Errorf("the dialog needs %.0f px for its notes", w)
	}
	if !f.errs["command"].Visible() || !strings.Contains(f.errs["command"].Text, "chmod +x") {
		t.Error("the command's note is not shown")
	}
}

// Once the owner fixed most fields, the dialog shrinks back to what it
// holds: Fyne grows a pop-up whose content grew (the red notes) but never
// shrinks it, and on the real window a band of empty space stayed between
// the form and its buttons. Here the window's growing is done by hand, as
// test canvases do not do it.
func TestAddJobShrinksAsNotesGo(t *testing.T) {
	f, _ := openAddJob(t)
	test.Tap(f.submit) // client, command and price want a note
	f.dlg.overlay.Refresh()
	if pop := f.dlg.pop; pop.Size().Height < pop.MinSize().Height {
		t.Fatalf("the dialog is %.0f px tall for %.0f px of form and notes", pop.Size().Height, pop.MinSize().Height)
	}
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "python train.py")
	test.Tap(f.submit) // the price's note is left
	if !f.errs["price"].Visible() || f.errs["client"].Visible() {
		t.Fatalf("notes: price %v, client %v", f.errs["price"].Visible(), f.errs["client"].Visible())
	}
	pop := f.dlg.pop
	if gap := pop.Size().Height - pop.MinSize().Height; gap > 1 {
		t.Errorf("the dialog keeps %.0f px of empty space above its buttons", gap)
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject
	price := f.entries["price"]
	if note := at(f.errs["price"]).Y; note < at(price).Y+price.Size().Height {
		t.Errorf("the price's note at y=%v is inside its field (which ends at y=%v)", note, at(price).Y+price.Size().Height)
	}
	if y, centred := pop.Position().Y, (f.dlg.overlay.Size().Height-pop.Size().Height)/2; y < centred-1 || y > centred+1 {
		t.Errorf("the dialog starts at y=%v, not centred (y=%v)", y, centred)
	}
}

// On a short window (the smallest RigShift opens at is 640×480) the form
// with its notes is taller than the window: it scrolls between the title
// and the buttons, which stay below the last field. Before, Fyne squeezed
// the dialog into the window and drew the buttons over "If interrupted".
func TestAddJobScrollsInShortWindow(t *testing.T) {
	tab, _ := newTestJobsTab(t)
	tab.win.Resize(fyne.NewSize(656, 480))
	tab.onAdd()
	f := tab.form
	test.Tap(f.submit) // client, command and price want a note
	f.dlg.overlay.Refresh()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject
	top := at(f.submit).Y
	scroll := scrollHolding(f.dlg.pop.Content, f.policy)
	if scroll == nil {
		if bottom := at(f.policy).Y + f.policy.Size().Height; bottom > top {
			t.Fatalf("the buttons (y=%v) are drawn over the last field, which ends at y=%v, and nothing scrolls", top, bottom)
		}
		return
	}
	if bottom := at(scroll).Y + scroll.Size().Height; bottom > top {
		t.Errorf("the form scrolls down to y=%v, under the buttons at y=%v", bottom, top)
	}
	if win := tab.win.Canvas().Size().Height; at(f.dlg.pop.Content).Y < 0 || at(f.submit).Y+f.submit.Size().Height > win {
		t.Errorf("the dialog runs past the window's %v px", win)
	}
}

// scrollHolding is the scroller in o's tree that holds want, or nil.
func scrollHolding(o fyne.CanvasObject, want fyne.CanvasObject) *container.Scroll {
	var found *container.Scroll
	var walk func(o fyne.CanvasObject, in *container.Scroll)
	walk = func(o fyne.CanvasObject, in *container.Scroll) {
		if o == want {
			found = in
			return
		}
		switch v := o.(type) {
		case *container.Scroll:
			walk(v.Content, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c, in)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c, in)
			}
		}
	}
	walk(o, nil)
	return found
}

// A program that is not there is said with the typing mistakes, not in a
// second round once they are fixed: the owner fixed the price, pressed
// Add job, and only then heard of the typo in the program's name.
func TestAddJobSaysAMissingProgramWithTheTypingMistakes(t *testing.T) {
	f, _ := openAddJob(t)
	test.Type(f.entries["client"], "acme-ai")
	test.Type(f.entries["command"], "/nowhere/pythn train.py")
	f.entries["price"].SetText("cheap")
	test.Tap(f.submit)
	eventually(t, "the program's note", func() bool { return f.errs["command"].Visible() })
	if got := f.errs["command"].Text; !strings.Contains(got, "/nowhere/pythn") {
		t.Errorf("command note %q", got)
	}
	if !f.errs["price"].Visible() {
		t.Error("the price's note went")
	}
}
