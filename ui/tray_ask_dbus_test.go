package ui

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

// A rig started in the tray with a client's job running: Rent and Auto
// picked in the tray switch at once and leave the window in the tray;
// Mine, which would stop the job, brings the window up to ask, and the
// mode stays until the owner agrees. "Keep renting" keeps it.
func TestTrayMineOverRunningJobAsks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Xvfb and the real app")
	}
	needTools(t, "xwininfo")
	display, addr := privateX(t), privateBus(t)
	conn := connect(t, addr)
	w := watchTray(t, conn)

	lines, say := startTrayHelperWith(t, display, addr, "renting")
	item := within(t, 30*time.Second, "the app's tray item", w.items)
	menu := conn.Object(item, "/StatusNotifierItem/menu")
	waitForItem(t, menu, "Auto", func(m menuItem) bool { return m.label("Auto").checked() })

	for _, m := range []string{"Rent", "Auto"} { // the job goes on: nothing to ask
		click(t, menu, waitForItem(t, menu, m, func(menuItem) bool { return true }).id)
		within(t, 10*time.Second, "SetMode("+m+") in the app", lines.await("SetMode "+strings.ToLower(m)))
		waitForItem(t, menu, m, func(mm menuItem) bool { return mm.label(m).checked() })
		if mapped(t, display) {
			t.Fatalf("%s picked in the tray brought the window up; nothing needed asking", m)
		}
	}

	click(t, menu, waitForItem(t, menu, "Mine", func(menuItem) bool { return true }).id)
	within(t, 10*time.Second, "the question, naming the job", lines.await("question: Rental job J-0048 for acme-ai (48 % done"))
	waitUntil(t, "the window to come up to ask", func() bool { return mapped(t, display) })
	lines.quiet(time.Second, "SetMode")

	say("keep")
	within(t, 10*time.Second, "the question answered", lines.await("tapped Keep renting"))
	lines.quiet(time.Second, "SetMode")
	if m := readMenu(t, menu); !m.label("Auto").checked() || m.label("Mine").checked() {
		t.Errorf("Keep renting changed the mode: the tray's menu reads %v", m.labels())
	}

	click(t, menu, waitForItem(t, menu, "Mine", func(menuItem) bool { return true }).id)
	within(t, 10*time.Second, "the question again", lines.await("question: "))
	say("agree")
	within(t, 10*time.Second, "SetMode(mine) once agreed", lines.await("SetMode mine"))
}

// mapped tells whether the RigShift window is on screen in display.
func mapped(t *testing.T, display string) bool {
	t.Helper()
	out, _ := exec.Command("xwininfo", "-display", display, "-name", "RigShift").CombinedOutput()
	return strings.Contains(string(out), "IsViewable")
}

// quiet fails the test if a line holding unwanted comes within d.
func (l *lineWaiter) quiet(d time.Duration, unwanted string) {
	l.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case line, ok := <-l.lines:
			if !ok {
				l.t.Fatal("the app ended")
			}
			l.t.Log("app:", line)
			if strings.Contains(line, unwanted) {
				l.t.Fatalf("the app did %q before the owner agreed", line)
			}
		case <-deadline:
			return
		}
	}
}

// rentingHelper is the child of TestTrayMineOverRunningJobAsks: the real
// app, started in the tray, with a client's job running. It prints the
// question a window shows, and answers it as stdin says ("keep", "agree").
func rentingHelper() int {
	ctl := &printingController{fakeController: newFakeController()}
	job := control.Job{ID: "J-0048", Spec: control.JobSpec{Client: "acme-ai", Command: []string{"train"}},
		State: control.JobRunning, Running: time.Hour, Progress: progress.Progress{Percent: 48}}
	ctl.status.Mode, ctl.status.Running, ctl.jobs = control.Auto, []control.Job{job}, []control.Job{job}
	go reportQuestions()
	err := RunApp(Deps{Controller: ctl, StartHidden: true})
	if err != nil {
		fmt.Println(err)
		return 1
	}
	return 0
}

// reportQuestions prints each question the window puts up, and taps its
// buttons as told on stdin.
func reportQuestions() {
	answers := make(chan string, 4)
	go func() {
		s := bufio.NewScanner(os.Stdin)
		for s.Scan() {
			answers <- s.Text()
		}
	}()
	var shown fyne.CanvasObject
	for range time.Tick(50 * time.Millisecond) {
		var top fyne.CanvasObject // the question's content
		fyne.DoAndWait(func() {
			for _, w := range fyne.CurrentApp().Driver().AllWindows() {
				if o := w.Canvas().Overlays().Top(); o != nil && o.Visible() {
					top = overlayContent(o)
				}
			}
			if top != nil && top != shown {
				fmt.Println("question:", strings.ReplaceAll(texts(top), "\n", " | "))
			}
		})
		if top == nil {
			shown = nil
			continue
		}
		shown = top
		select {
		case a := <-answers:
			label := map[string]string{"keep": "Keep renting", "agree": "Switch to Mine"}[a]
			fyne.DoAndWait(func() {
				if b := buttonIn(top, label); b != nil {
					b.OnTapped()
					fmt.Println("tapped", label)
				}
			})
		default:
		}
	}
}

// overlayContent is what an overlay holds: Fyne wraps a pop-up in a
// container of its own, whose exported Content is the pop-up.
func overlayContent(o fyne.CanvasObject) fyne.CanvasObject {
	if v := reflect.ValueOf(o).Elem().FieldByName("Content"); v.IsValid() {
		if c, ok := v.Interface().(fyne.CanvasObject); ok && c != nil {
			o = c
		}
	}
	if p, ok := o.(*widget.PopUp); ok {
		return p.Content
	}
	return o
}

// buttonIn finds the button labelled text in o.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *dialogButton:
		if w.Text == text {
			return &w.Button
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := buttonIn(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// startTrayHelperWith starts the tray test's child as kind says; say
// writes a line to its stdin.
func startTrayHelperWith(t *testing.T, display, bus, kind string) (*lineWaiter, func(string)) {
	t.Helper()
	cmd, out := trayHelperCmd(t, display, bus, kind)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return newLineWaiter(t, out), func(s string) { _, _ = io.WriteString(in, s+"\n") }
}
