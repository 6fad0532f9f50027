package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/hardware"
)

// simRig is a simulated rig and a sampler over it, as `--simulate n` has.
func simRig(t *testing.T, n int) (Rig, *hardware.Simulated, *hardware.Sampler) {
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

// feed is a Feed the test publishes into.
type feed chan hardware.Snapshot

func (f feed) Subscribe() (<-chan hardware.Snapshot, func()) { return f, func() {} }

// texts collects every text a person would read in o.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Card:
			b.WriteString(w.Title + "\n" + w.Subtitle + "\n")
			walk(w.Content)
		case *widget.ProgressBar:
			b.WriteString(w.TextFormatter() + "\n")
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestDashboardShowsSimulatedGPUs(t *testing.T) {
	test.NewTempApp(t)
	rig, _, sampler := simRig(t, 4)
	dash := newDashboard(rig)
	w := test.NewWindow(dash.build())
	defer w.Close()
	snap := sampler.Pass()
	dash.update(&snap)

	shown := texts(w.Content())
	for _, want := range []string{"4 simulated GPUs", "GPU 0 · NVIDIA GeForce RTX 3090",
		"GPU 3 · NVIDIA GeForce RTX 3060 Ti", "00000000:02:00.0 · 10.0 GiB"} {
		if !strings.Contains(shown, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, shown)
		}
	}
	c, g := dash.cards[0], snap.GPUs[0]
	if want := fmt.Sprintf("%d °C", g.TempC); c.temp.Text != want {
		t.Errorf("temperature shows %q, want %q", c.temp.Text, want)
	}
	if want := fmt.Sprintf("%.0f / 350 W", g.PowerW); c.power.text != want || c.power.Value != g.PowerW/350 {
		t.Errorf("power bar %v %q, want %q", c.power.Value, c.power.text, want)
	}
	if want := fmt.Sprintf("%d %%", g.GPUUtil); c.load.text != want {
		t.Errorf("load shows %q, want %q", c.load.text, want)
	}
	if !strings.Contains(c.clocks.Text, "MHz core") {
		t.Errorf("clocks show %q", c.clocks.Text)
	}
}

func TestDashboardShowsLostGPU(t *testing.T) {
	test.NewTempApp(t)
	rig, sim, sampler := simRig(t, 3)
	dash := newDashboard(rig)
	w := test.NewWindow(dash.build())
	defer w.Close()
	_ = sim.Lose(1)
	snap := sampler.Pass()
	dash.update(&snap)
	if !dash.cards[1].lostNote.Visible() || dash.cards[1].live.Visible() {
		t.Error("lost GPU 1 is not shown as lost")
	}
	if dash.cards[0].lostNote.Visible() || dash.cards[2].lostNote.Visible() {
		t.Error("a healthy GPU is shown as lost")
	}
	if !strings.Contains(texts(dash.cards[1].card), "fallen off the bus") {
		t.Error("the lost card does not say what happened")
	}
}

func TestDashboardMarksMissingMetrics(t *testing.T) {
	test.NewTempApp(t)
	rig, _, _ := simRig(t, 1)
	dash := newDashboard(rig)
	test.NewWindow(dash.build()).Close()
	s := hardware.GPUSample{Valid: hardware.MetricTemp, TempC: 88, State: hardware.GPUOK}
	dash.cards[0].update(&s)
	c := dash.cards[0]
	if c.fan.text != "n/a" || c.power.text != "n/a" || c.temp.Text != "88 °C" {
		t.Errorf("fan %q power %q temp %q", c.fan.text, c.power.text, c.temp.Text)
	}
	if c.temp.Color != tempColour(90) {
		t.Error("88 °C is not shown in the hot colour")
	}
}

func TestDashboardWithoutDriverSaysWhatToDo(t *testing.T) {
	test.NewTempApp(t)
	rig := Rig{GPUErr: hardware.ErrNoDriver, Host: hardware.HostInfo{Hostname: "rig-01", CPUCores: 8}}
	dash := newDashboard(rig)
	w := test.NewWindow(dash.build())
	defer w.Close()
	shown := texts(w.Content())
	for _, want := range []string{"No NVIDIA driver found", "sudo apt install nvidia-driver", "--simulate 4", "Host · rig-01"} {
		if !strings.Contains(shown, want) {
			t.Errorf("no-driver screen lacks %q:\n%s", want, shown)
		}
	}
	dash.update(&hardware.Snapshot{Host: hardware.HostSample{CPUPct: 12, MemUsed: 4 << 30, MemTotal: 16 << 30}})
	if dash.host.mem.text != "4.0 GiB / 16.0 GiB" || dash.host.cpu.text != "12 %" {
		t.Errorf("host shows cpu %q mem %q", dash.host.cpu.text, dash.host.mem.text)
	}
}

// The window follows its feed: a published snapshot reaches the cards
// without anyone calling update.
func TestWindowFollowsFeed(t *testing.T) {
	a := test.NewTempApp(t)
	rig, _, sampler := simRig(t, 2)
	f := make(feed, 1)
	rig.Feed = f
	w := NewWindow(a, rig)
	defer w.Close()
	f <- sampler.Pass()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(texts(w.Content()), " / 350 W") {
		if time.Now().After(deadline) {
			t.Fatalf("window never showed telemetry:\n%s", texts(w.Content()))
		}
		time.Sleep(10 * time.Millisecond)
	}
}
