package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
)

func TestTappingAModeCallsTheController(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	s := newModeSwitch(ctl)
	w := test.NewWindow(s.build())
	defer w.Close()

	test.Tap(s.buttons[control.Mine])
	if s.buttons[control.Mine].Importance != widget.HighImportance || !strings.Contains(s.note.Text, "Switching to Mine") {
		t.Errorf("while asking: importance %v, note %q", s.buttons[control.Mine].Importance, s.note.Text)
	}
	eventually(t, "SetMode(Mine)", func() bool {
		m := calls(ctl, func() []control.Mode { return ctl.modes })
		return len(m) == 1 && m[0] == control.Mine
	})
	s.show(control.Status{Mode: control.Mine, Switching: true})
	if !s.activity.Visible() {
		t.Error("a switch in progress shows no spinner")
	}
	s.show(control.Status{Mode: control.Mine})
	if s.activity.Visible() || s.buttons[control.Idle].Importance == widget.HighImportance {
		t.Error("after the switch: spinner still shown, or Idle still highlighted")
	}
	// The other segments are flat: a filled background would be shaded at
	// every repaint.
	for m, b := range s.buttons {
		if control.Mode(m) != control.Mine && b.Importance != widget.LowImportance {
			t.Errorf("%s is not flat while Mine is the mode: importance %v", control.Mode(m).Title(), b.Importance)
		}
	}
}

func TestRefusedSwitchSaysWhy(t *testing.T) {
	testApp(t)
	ctl := newFakeController()
	ctl.err = errors.New("no miner is set up")
	s := newModeSwitch(ctl)
	test.NewWindow(s.build()).Close()
	s.onMode(control.Mine)
	eventually(t, "the refusal", func() bool { return strings.Contains(s.note.Text, "no miner is set up") })
	if s.buttons[control.Idle].Importance != widget.HighImportance {
		t.Error("a refused switch left Mine highlighted")
	}
}

func TestCaptionSaysWhenMiningWaits(t *testing.T) {
	testApp(t)
	s := newModeSwitch(newFakeController())
	test.NewWindow(s.build()).Close()
	s.show(control.Status{Mode: control.Auto, MiningWaits: "mining starts at 22:00"})
	if want := "Auto: rent first, mine the rest; mining starts at 22:00"; s.note.Text != want {
		t.Errorf("caption while mining waits = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Auto})
	if want := "Auto: rent first, mine the rest"; s.note.Text != want {
		t.Errorf("caption once mining may run = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Rent, MiningWaits: "mining starts at 22:00"})
	if strings.Contains(s.note.Text, "22:00") {
		t.Errorf("Rent mines nothing, yet its caption says %q", s.note.Text)
	}
}

// "Mine: mine on every GPU" is a promise a GPU set aside does not keep:
// the caption says which GPUs RigShift leaves alone.
func TestCaptionSaysWhichGPUsAreSetAside(t *testing.T) {
	testApp(t)
	s := newModeSwitch(newFakeController())
	test.NewWindow(s.build()).Close()
	gpus := []control.GPUStatus{{Index: 0, Work: "mining"}, {Index: 1, Aside: true, Work: control.WorkSetAside}}
	s.show(control.Status{Mode: control.Mine, GPUs: gpus})
	if want := "Mine: mine on every GPU; GPU 1 is set aside"; s.note.Text != want {
		t.Errorf("caption with GPU 1 set aside = %q, want %q", s.note.Text, want)
	}
	gpus[0].Aside, gpus[0].Work = true, control.WorkSetAside
	s.show(control.Status{Mode: control.Mine, GPUs: gpus, MiningWaits: "mining starts at 22:00"})
	if want := "Mine: every GPU is set aside, so nothing runs"; s.note.Text != want {
		t.Errorf("caption with every GPU set aside = %q, want %q", s.note.Text, want)
	}
	s.show(control.Status{Mode: control.Idle, GPUs: gpus})
	if want := "Idle: nothing runs"; s.note.Text != want {
		t.Errorf("Idle's caption = %q, want %q", s.note.Text, want)
	}
}
