package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
)

// simRig is a simulated rig and a sampler over it, as `--simulate n` has.
func simRig(t testing.TB, n int) (Rig, *hardware.Simulated, *hardware.Sampler) {
	t.Helper()
	sim, err := hardware.NewSimulated(n, hardware.SimOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := hardware.NewSampler(sim, nil, hardware.SamplerOptions{Budget: 5 * time.Second})
	t.Cleanup(s.Close)
	rig := Rig{System: sim.System(), GPUs: sim.GPUs(), Host: hardware.HostInfo{Hostname: "rig-01"}}
	return rig, sim, s
}

func newTestDashboard(t *testing.T, rig Rig) (*dashboard, *fakeController) {
	t.Helper()
	testApp(t)
	ctl := newFakeController()
	d := newDashboard(rig, ctl, navigator{settings: func() {}, addJob: func() {}})
	w := test.NewWindow(d.build())
	w.Resize(defaultSize)
	t.Cleanup(w.Close)
	return d, ctl
}

func TestDashboardShowsSimulatedGPUs(t *testing.T) {
	rig, _, sampler := simRig(t, 4)
	dash, _ := newTestDashboard(t, rig)
	snap := sampler.Pass()
	dash.update(&snap, true)

	shown := texts(dash.cards[0].card) + texts(dash.cards[3].card)
	for _, want := range []string{"GPU 0 · NVIDIA GeForce RTX 3090", "GPU 3 · NVIDIA GeForce RTX 3060 Ti"} {
		if !strings.Contains(shown, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, shown)
		}
	}
	c, g := dash.cards[0], snap.GPUs[0]
	if want := fmt.Sprintf("%d °C", g.TempC); c.temp.Text != want {
		t.Errorf("temperature shows %q, want %q", c.temp.Text, want)
	}
	if want := fmt.Sprintf("%.0f / 350 W", g.PowerW); c.power.text != want || c.power.value() != g.PowerW/350 {
		t.Errorf("power bar %v %q, want %q", c.power.value(), c.power.text, want)
	}
	if want := fmt.Sprintf("%d %% · mem %d %%", g.GPUUtil, g.MemUtil); c.load.text != want {
		t.Errorf("load shows %q, want %q (GPU and memory)", c.load.text, want)
	}
	if got := loadText(&hardware.GPUSample{GPUUtil: 97, MemUtil: 41}); got != "97 % · mem 41 %" {
		t.Errorf("a mining card's load reads %q", got)
	}
	if c.spark.temp.n != 1 {
		t.Errorf("sparkline holds %d samples after one tick", c.spark.temp.n)
	}
}

func TestDashboardShowsLostGPU(t *testing.T) {
	rig, sim, sampler := simRig(t, 3)
	dash, _ := newTestDashboard(t, rig)
	_ = sim.Lose(1)
	snap := sampler.Pass()
	dash.update(&snap, true)
	if !dash.cards[1].lostNote.Visible() || dash.cards[1].live.Visible() || dash.cards[1].temp.Text != "lost" {
		t.Error("lost GPU 1 is not shown as lost")
	}
	if dash.cards[0].lostNote.Visible() || dash.cards[2].lostNote.Visible() {
		t.Error("a healthy GPU is shown as lost")
	}
	if got := texts(dash.cards[1].card); !strings.Contains(got, "fallen off the bus") || !strings.Contains(got, "The other GPUs keep working") {
		t.Errorf("the lost card does not say what happened, and that the other two work on: %q", got)
	}
}

// A rig of one GPU has no other GPUs to keep working.
func TestLostSoleGPUPromisesNoOthers(t *testing.T) {
	for n, want := range map[int]string{1: "reboot the rig.", 2: "The other GPU keeps working."} {
		rig, sim, sampler := simRig(t, n)
		dash, _ := newTestDashboard(t, rig)
		_ = sim.Lose(0)
		snap := sampler.Pass()
		dash.update(&snap, true)
		if got := texts(dash.cards[0].card); !strings.HasSuffix(strings.TrimSpace(got), want) {
			t.Errorf("%d GPUs: the lost card says %q, want it to end %q", n, got, want)
		}
	}
}

// The controller may learn of a lost GPU first (Xid 79 from the miner).
func TestDashboardShowsGPULostByController(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	dash, _ := newTestDashboard(t, rig)
	dash.showStatus(control.Status{GPUs: []control.GPUStatus{{UUID: rig.GPUs[0].UUID, Lost: true}}})
	if !dash.cards[0].lostNote.Visible() || dash.cards[1].lostNote.Visible() {
		t.Error("the controller's lost GPU is not the one shown lost")
	}
	if a := dash.cards[0].card.accent; a != theme.ColorNameError {
		t.Errorf("the lost card's stripe is %q, want the error colour", a)
	}
}

// The driver may say a GPU is lost a heartbeat before the controller does:
// a status that still has it mining must not paint its stripe blue again,
// or the lost card keeps that colour (the controller's later "lost" finds
// the card shown lost already and changes nothing).
func TestLostGPUKeepsItsRedStripeThroughALateStatus(t *testing.T) {
	rig, sim, sampler := simRig(t, 2)
	dash, _ := newTestDashboard(t, rig)
	_ = sim.Lose(1)
	snap := sampler.Pass()
	dash.update(&snap, true)
	dash.showStatus(control.Status{Mode: control.Mine, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "mining", HashRate: 30e6},
		{UUID: rig.GPUs[1].UUID, Work: "mining", HashRate: 30e6},
	}})
	dash.showStatus(control.Status{Mode: control.Mine, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "mining", HashRate: 30e6},
		{UUID: rig.GPUs[1].UUID, Lost: true},
	}})
	if a := dash.cards[1].card.accent; a != theme.ColorNameError {
		t.Errorf("the lost card's stripe is %q, want the error colour", a)
	}
	if dash.cards[1].live.Visible() || !dash.cards[1].lostNote.Visible() {
		t.Error("the lost card shows live values again")
	}
}

func TestDashboardShowsWorkloads(t *testing.T) {
	rig, _, _ := simRig(t, 3)
	dash, _ := newTestDashboard(t, rig)
	job := control.Job{ID: "J-0007", Spec: control.JobSpec{Client: "acme"}, State: control.JobRunning,
		Progress: progress.Progress{Percent: 45, ETA: 12 * time.Minute}}
	dash.showStatus(control.Status{Mode: control.Auto, Running: []control.Job{job}, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "job J-0007", JobID: "J-0007"},
		{UUID: rig.GPUs[1].UUID, Work: "mining", HashRate: 45.2e6},
		{UUID: rig.GPUs[2].UUID, Work: "idle", Hot: true},
	}})
	if got := texts(dash.cards[0].card); !strings.Contains(got, "J-0007 · acme · running") || !strings.Contains(got, "45 % · ETA 12 min") {
		t.Errorf("the job's card shows:\n%s", got)
	}
	if got := dash.cards[1].work.text.Text; got != "Mining · 45.2 MH/s" {
		t.Errorf("the mining card shows %q", got)
	}
	if _, got, _, _ := workText(control.GPUStatus{Work: "idle"}, nil, "mining starts at 22:00"); got != "Idle · mining starts at 22:00" {
		t.Errorf("an idle card while mining waits: %q", got)
	}
	if _, got, _, _ := workText(control.GPUStatus{Work: "mining"}, nil, ""); got != "Mining · hash rate unknown" {
		t.Errorf("a miner with no hash rate shows %q", got)
	}
	if !dash.cards[2].hotNote.Visible() || !strings.Contains(texts(dash.cards[2].card), "Paused (hot)") {
		t.Error("the hot card is not shown paused")
	}
	if dash.cards[1].hotNote.Visible() || dash.cards[1].work.bar.obj.Visible() {
		t.Error("the mining card shows a hot note or a job bar")
	}
}

// A miner kept paused after overheating again within the hour says until
// when, so a cool card marked "paused (hot)" does not read as a fault; the
// time is the minute the hold is over by.
func TestRepeatedHoldSaysUntilWhen(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	at := time.Now().Add(90 * time.Second)
	dash.showStatus(control.Status{Mode: control.Mine, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "mining", Hot: true, HeldUntil: at},
	}})
	want := "mining waits until " + when(at.Add(time.Minute-time.Nanosecond).Truncate(time.Minute)) + " at least"
	if got := dash.cards[0].hotText.Text; !strings.Contains(got, want) {
		t.Errorf("a repeated hold reads %q, want it to say %q", got, want)
	}
	if got := hotWords(time.Date(2026, 12, 4, 18, 42, 0, 0, time.Local)); !strings.Contains(got, " 18:42 ") && !strings.Contains(got, "Dec 4 18:42") {
		t.Errorf("a hold over at 18:42:00 reads %q", got)
	}
	if got := hotWords(time.Date(2026, 12, 4, 18, 42, 1, 0, time.Local)); !strings.Contains(got, "18:43") {
		t.Errorf("a hold over at 18:42:01 reads %q, want 18:43", got)
	}
	dash.showStatus(control.Status{Mode: control.Mine, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "mining", Hot: true},
	}})
	if got := dash.cards[0].hotText.Text; got != "Paused (hot): its workload waits until the card has cooled down." {
		t.Errorf("a first hold reads %q", got)
	}
}

// A client's long name is cut short instead of widening its card; the
// mining line, short by construction, is never measured for cutting.
func TestWorkRowCutsOnlyLongJobLines(t *testing.T) {
	rig, _, _ := simRig(t, 2)
	dash, _ := newTestDashboard(t, rig)
	long := control.Job{ID: "J-0008", Spec: control.JobSpec{Client: strings.Repeat("a very long client name ", 8)},
		State: control.JobRunning, Progress: progress.Progress{Percent: 5, ETA: time.Hour}}
	dash.showStatus(control.Status{Mode: control.Auto, Running: []control.Job{long}, GPUs: []control.GPUStatus{
		{UUID: rig.GPUs[0].UUID, Work: "job J-0008", JobID: "J-0008"},
		{UUID: rig.GPUs[1].UUID, Work: "mining", HashRate: 45.2e6},
	}})
	job, mining := dash.cards[0].work.text, dash.cards[1].work.text
	if job.Truncation != fyne.TextTruncateEllipsis || job.MinSize().Width > minCardWidth {
		t.Errorf("the long job line is %.0f px wide with truncation %v; want it cut to fit a card", job.MinSize().Width, job.Truncation)
	}
	if mining.Truncation != fyne.TextTruncateOff {
		t.Error("the mining line is truncated, which re-shapes it at every hash rate")
	}
}

func TestDashboardMarksMissingMetrics(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	s := hardware.GPUSample{UUID: rig.GPUs[0].UUID, Valid: hardware.MetricTemp, TempC: 88, State: hardware.GPUOK}
	dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{s}}, true)
	c := dash.cards[0]
	if c.fan.text != "n/a" || c.power.text != "n/a" || c.temp.Text != "88 °C" {
		t.Errorf("fan %q power %q temp %q", c.fan.text, c.power.text, c.temp.Text)
	}
	if c.temp.Color != theme.Color(theme.ColorNameError) {
		t.Error("88 °C is not shown in the hot colour")
	}
}

// Temperatures are coloured by the owner's thermal limits: past the limit
// (where the guard holds the GPU) red, from the resume temperature amber.
func TestTemperatureColourFollowsTheLimits(t *testing.T) {
	rig, _, _ := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	show := func(tempC int) color.Color {
		s := hardware.GPUSample{UUID: rig.GPUs[0].UUID, Valid: hardware.MetricTemp, TempC: tempC, State: hardware.GPUOK}
		dash.update(&hardware.Snapshot{GPUs: []hardware.GPUSample{s}}, true)
		return dash.cards[0].temp.Color
	}
	red, amber, green := theme.Color(theme.ColorNameError), theme.Color(theme.ColorNameWarning), theme.Color(theme.ColorNameSuccess)
	if show(80) != amber || show(84) != red || show(60) != green {
		t.Error("the default limits (hold past 83 °C, resume below 70 °C) colour 80, 84, 60 °C wrongly")
	}
	set := control.DefaultSettings()
	set.ThermalLimitC, set.ResumeBelowC = 75, 60
	dash.setLimits(set)
	if show(80) != red || show(65) != amber || show(55) != green {
		t.Error("with the limit at 75 °C and resume at 60 °C, 80, 65, 55 °C are coloured wrongly")
	}
}

// A GPU whose reads hang (the sampler gave up on it for this pass) keeps
// its last values in grey and says they are stale; the others carry on.
func TestDashboardShowsGPUNotResponding(t *testing.T) {
	rig, _, sampler := simRig(t, 2)
	dash, _ := newTestDashboard(t, rig)
	snap := sampler.Pass()
	snap.GPUs[0].State = hardware.GPUNotResponding
	dash.update(&snap, true)
	stuck, fine := dash.cards[0], dash.cards[1]
	if stuck.status.Text != "Not responding — values are stale" || stuck.temp.Color != theme.Color(theme.ColorNameDisabled) {
		t.Errorf("the hung GPU reads %q, its temperature in %v", stuck.status.Text, stuck.temp.Color)
	}
	if want := fmt.Sprintf("%d °C", snap.GPUs[0].TempC); stuck.temp.Text != want {
		t.Errorf("the hung GPU's last temperature reads %q, want %q", stuck.temp.Text, want)
	}
	if fine.status.Text == stuck.status.Text || fine.temp.Color == stuck.temp.Color || stuck.lostNote.Visible() {
		t.Error("the responding GPU is shown like the hung one, or the hung one as lost")
	}
}

// Hidden (window in the tray, or another screen open), a tick only feeds
// the sparkline: nothing is redrawn.
func TestDashboardHiddenRecordsOnly(t *testing.T) {
	rig, _, sampler := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	snap := sampler.Pass()
	dash.update(&snap, false)
	if c := dash.cards[0]; c.temp.Text != "–" || c.spark.temp.n != 1 {
		t.Errorf("hidden tick: temp %q, %d sparkline samples", c.temp.Text, c.spark.temp.n)
	}
}

// Install the driver is the advice only where there is none: a driver
// that needs a reboot, finds no card or hangs says what to do itself, and
// a long reason wraps instead of widening the window.
func TestNoGPUCardSaysWhatIsWrong(t *testing.T) {
	for _, c := range []struct {
		err           error
		title, help   string
		installAdvice bool
	}{
		{nil, "No NVIDIA GPUs found", "lists no GPU", false},
		{hardware.ErrNoDriver, "No NVIDIA driver found", "sudo apt install nvidia-driver", true},
		{fmt.Errorf("%w: the NVIDIA kernel module is not loaded (reboot, or run 'sudo modprobe nvidia')", hardware.ErrNoDriver),
			"No NVIDIA driver found", "No NVIDIA driver found: the NVIDIA kernel module is not loaded", false},
		{errors.New("NVIDIA driver and library versions differ, which happens after a driver update: reboot the machine (NVML: 18)"),
			"The NVIDIA driver cannot show the GPUs", "NVIDIA driver and library versions differ", false},
	} {
		title, help := noGPUWords(c.err)
		if title != c.title || !strings.Contains(help, c.help) || strings.Contains(help, "apt install") != c.installAdvice ||
			!strings.Contains(help, "--simulate 4") {
			t.Errorf("%v: %q / %q", c.err, title, help)
		}
	}
}

func TestDashboardWithoutDriverSaysWhatToDo(t *testing.T) {
	rig := Rig{GPUErr: hardware.ErrNoDriver, Host: hardware.HostInfo{Hostname: "rig-01", CPUCores: 8}}
	dash, _ := newTestDashboard(t, rig)
	shown := texts(dash.gpuArea())
	for _, want := range []string{"No NVIDIA driver found", "sudo ubuntu-drivers install", "sudo apt install nvidia-driver", "--simulate 4"} {
		if !strings.Contains(shown, want) {
			t.Errorf("no-driver screen lacks %q:\n%s", want, shown)
		}
	}
	dash.update(&hardware.Snapshot{Host: hardware.HostSample{CPUPct: 12, MemUsed: 4 << 30, MemTotal: 16 << 30}}, true)
	if dash.host.mem.text != "4.0 GiB / 16.0 GiB" || dash.host.cpu.text != "12 %" {
		t.Errorf("host shows cpu %q mem %q", dash.host.cpu.text, dash.host.mem.text)
	}
}

// The header counts the GPUs in words that agree: a rig of one card is
// not "1 simulated GPUs".
func TestDashboardHeaderCountsOneGPU(t *testing.T) {
	for n, want := range map[int]string{1: "1 simulated GPU · nothing", 2: "2 simulated GPUs · nothing"} {
		rig, _, _ := simRig(t, n)
		dash, _ := newTestDashboard(t, rig)
		if got := dash.summary(); !strings.HasPrefix(got, want) {
			t.Errorf("a rig of %d GPUs is headed %q, want %q…", n, got, want)
		}
	}
}

// A rig of one GPU shows the host beside its card, not below it with half
// the window empty; a bigger rig's host follows the cards.
func TestDashboardHostBesideALoneCard(t *testing.T) {
	for n, beside := range map[int]bool{1: true, 2: false} {
		rig, _, _ := simRig(t, n)
		dash, _ := newTestDashboard(t, rig)
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject
		card, host := at(dash.cards[0].card), at(dash.host.cpu.obj)
		if got := host.X > card.X+minCardWidth && host.Y < card.Y+100; got != beside {
			t.Errorf("%d GPUs: the host's CPU gauge at %v, the first card at %v: beside it %v, want %v", n, host, card, got, beside)
		}
	}
}

// A notice that appears while the cards change too pushes the cards down
// instead of being drawn over them: the window's canvas lays out one
// changed parent per frame, so the dashboard lays itself out again.
func TestNewNoticePushesTheCardsDown(t *testing.T) {
	rig, _, sampler := simRig(t, 1)
	dash, _ := newTestDashboard(t, rig)
	job := control.Job{ID: "J-0001", Spec: control.JobSpec{Client: "acme"}, State: control.JobRunning,
		Progress: progress.Progress{Percent: 30, ETA: time.Minute}}
	gpu := rig.GPUs[0].UUID
	dash.showStatus(control.Status{Mode: control.Rent, Running: []control.Job{job},
		GPUs: []control.GPUStatus{{UUID: gpu, Work: "job J-0001", JobID: "J-0001"}}})
	snap := sampler.Pass()
	dash.update(&snap, true)
	before := len(dash.notices.box.Objects)
	dash.showStatus(control.Status{Mode: control.Rent, GPUs: []control.GPUStatus{{UUID: gpu, Work: "idle"}}})
	if len(dash.notices.box.Objects) <= before {
		t.Fatalf("no notice appeared when the job went (%d before, %d after)", before, len(dash.notices.box.Objects))
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject
	noticesEnd := at(dash.notices.box).Y + dash.notices.box.MinSize().Height
	if card := at(dash.cards[0].card).Y; card < noticesEnd {
		t.Errorf("the card starts at y=%v, inside the notices (they end at y=%v)", card, noticesEnd)
	}
}
