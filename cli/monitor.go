package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

type monitorFlags struct {
	rigFlags
	interval time.Duration
	duration time.Duration
	quiet    bool
	stats    bool
}

// runMonitor prints live telemetry until Ctrl-C or --for runs out. With
// --quiet --stats it is the headless footprint benchmark in the README.
func runMonitor(args []string, stdout, stderr io.Writer) error {
	var f monitorFlags
	fs := newFlagSet("monitor", stderr, "rigshift monitor --simulate 8 --for 60s --quiet --stats")
	f.register(fs)
	f.interval = time.Second
	fs.Var((*durationFlag)(&f.interval), "interval", "time between readings, a `duration` such as 1s or 500ms")
	fs.Var((*durationFlag)(&f.duration), "for", "stop after this long, a `duration` such as 60s (default: until Ctrl-C)")
	fs.BoolVar(&f.quiet, "quiet", false, "sample without printing readings")
	fs.BoolVar(&f.stats, "stats", false, "print RigShift's own CPU time and peak memory at the end")
	if err := parse(fs, args); err != nil {
		return err
	}
	if f.interval < 100*time.Millisecond {
		return usageError{msg: "--interval must be at least 100ms"}
	}
	if f.duration < 0 { // else it would run until Ctrl-C, as without --for
		return usageError{msg: "--for cannot be negative: write how long to run, e.g. 60s, or leave it out to run until Ctrl-C"}
	}
	r, err := openRig(f.rigFlags)
	if err != nil {
		return err
	}
	defer r.close()
	if r.gpuErr != nil {
		fmt.Fprintln(stderr, noGPUsNote(r.gpuErr, "showing the host only"))
	}
	start := time.Now()
	monitor(f, r, stdout)
	if f.stats {
		printFootprint(stdout, time.Since(start))
	}
	return nil
}

func monitor(f monitorFlags, r *rig, w io.Writer) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	if f.duration > 0 {
		ctx, cancel = context.WithTimeout(ctx, f.duration)
		defer cancel()
	}
	s := hardware.NewSampler(r.backend, r.host, hardware.SamplerOptions{Interval: f.interval})
	snaps, unsubscribe := s.Subscribe()
	defer unsubscribe()
	go s.Run(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case snap := <-snaps:
			if !f.quiet {
				printSnapshot(w, r.gpus(), snap)
			}
		}
	}
}

func printSnapshot(w io.Writer, gpus []hardware.GPUInfo, snap hardware.Snapshot) {
	stamp := snap.Time.Format("15:04:05")
	for i, g := range snap.GPUs {
		fmt.Fprintf(w, "%s GPU%d %-26s %s\n", stamp, g.Index, gpus[i].Name, gpuLine(&g))
	}
	if snap.HostErr != nil { // its values are zero or stale
		fmt.Fprintf(w, "%s host n/a: %v\n", stamp, snap.HostErr)
		return
	}
	h := snap.Host
	fmt.Fprintf(w, "%s host CPU %.0f %%, memory %s of %s\n", stamp, h.CPUPct, gib(h.MemUsed), gib(h.MemTotal))
}

func gpuLine(s *hardware.GPUSample) string {
	if s.State == hardware.GPULost {
		return "LOST: fallen off the bus (check riser and power, then reboot)"
	}
	line := fmt.Sprintf("%s  %s / %s  load %s  VRAM %s  fan %s  %s",
		metric(s, hardware.MetricTemp, "%3d °C", s.TempC),
		metric(s, hardware.MetricPower, "%3.0f W", s.PowerW),
		metric(s, hardware.MetricPowerLimit, "%.0f W", s.PowerLimitW),
		metric(s, hardware.MetricUtilization, "%3d %%", s.GPUUtil),
		metric(s, hardware.MetricVRAM, "%s", gib(s.VRAMUsed)),
		metric(s, hardware.MetricFan, "%3d %%", s.FanPct),
		metric(s, hardware.MetricThrottle, "%s", s.Throttle))
	if s.State == hardware.GPUNotResponding {
		line += "  (not responding: values are stale)"
	}
	return line
}
