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
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/ui"
)

func main() {
	gpus := flag.Int("gpus", 6, "simulated GPUs")
	screen := flag.String("screen", "dashboard", "the screen shown first: dashboard, jobs, history, settings, events")
	hidden := flag.Bool("hidden", false, "start in the tray")
	hello := flag.Bool("hello", false, "open a minimal Fyne window instead, to compare footprints")
	host := flag.Bool("tray-host", false, "only act as the desktop's tray host (a StatusNotifierWatcher), for -hidden under a bare Xvfb")
	refresh := flag.Duration("refresh", 0, "the dashboard's refresh (1s, 2s, 5s); 0 keeps the one picked in the settings")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	flag.Parse()
	if *profile != "" {
		stop, err := startProfile(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
			os.Exit(1)
		}
		defer stop()
	}
	if *hello {
		helloWorld()
		return
	}
	if *host {
		if err := trayHost(); err != nil {
			fmt.Fprintln(os.Stderr, "demo:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*gpus, *screen, *hidden, *refresh); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(n int, screen string, hidden bool, refresh time.Duration) error {
	now := time.Now()
	clock := &demoClock{}
	clock.startAt(now.Add(-warmUp))
	sim, err := hardware.NewSimulated(n, hardware.SimOptions{Seed: 7, Clock: clock.now})
	if err != nil {
		return err
	}
	sampler := hardware.NewSampler(sim, newDemoHost(clock.now), hardware.SamplerOptions{})
	ctl := newController(sim, sampler, now)
	past := fastForward(sim, clock, now)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go sampler.Run(ctx)
	rig := ui.Rig{System: sim.System(), GPUs: sim.GPUs(), Feed: sampler,
		Host: hardware.HostInfo{Hostname: "rig-01", OS: "debian 12.5", CPUModel: "AMD Ryzen 5 5600", CPUCores: 12}}
	return ui.RunApp(ui.Deps{Rig: rig, Controller: ctl, History: newHistory(sim.GPUs(), now, past),
		StartHidden: hidden, Screen: screen, Refresh: refresh, Quit: func() error { fmt.Println("demo: workloads stopped"); return nil }})
}

// startProfile writes a CPU profile to path until the returned function runs.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	stop = func() { pprof.StopCPUProfile(); f.Close() }
	// The window is usually ended by a signal: the profile must still be whole.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() { <-sig; stop(); os.Exit(0) }()
	return stop, nil
}
