// Command demo opens RigShift's desktop on a simulated rig with a fake
// controller and made-up history: a running rental job, mining on the
// other cards, one card paused for heat, a month of earnings. It exists
// for screenshots and for working on the screens without a GPU rig:
//
//	go run ./ui/demo -gpus 6 -screen jobs
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/ui"
)

func main() {
	gpus := flag.Int("gpus", 6, "simulated GPUs")
	screen := flag.String("screen", "dashboard", "the screen shown first: dashboard, jobs, history, settings, events")
	hidden := flag.Bool("hidden", false, "start in the tray")
	hello := flag.Bool("hello", false, "open a minimal Fyne window instead, to compare footprints")
	flag.Parse()
	if *hello {
		helloWorld()
		return
	}
	if err := run(*gpus, *screen, *hidden); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(n int, screen string, hidden bool) error {
	sim, err := hardware.NewSimulated(n, hardware.SimOptions{Seed: 7})
	if err != nil {
		return err
	}
	sampler := hardware.NewSampler(sim, nil, hardware.SamplerOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go sampler.Run(ctx)
	ctl := newController(sim, sampler, time.Now())
	rig := ui.Rig{System: sim.System(), GPUs: sim.GPUs(), Feed: sampler,
		Host: hardware.HostInfo{Hostname: "rig-01", OS: "debian 12.5", CPUModel: "AMD Ryzen 5 5600", CPUCores: 12}}
	return ui.RunApp(ui.Deps{Rig: rig, Controller: ctl, History: newHistory(sim.GPUs(), time.Now()),
		StartHidden: hidden, Screen: screen, Quit: func() error { fmt.Println("demo: workloads stopped"); return nil }})
}
