package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// gpusReport is `rigshift gpus --json`: the inventory and one reading.
type gpusReport struct {
	Time     time.Time           `json:"time"`
	System   hardware.SystemInfo `json:"system"`
	GPUError string              `json:"gpu_error,omitempty"`
	GPUs     []gpuReport         `json:"gpus"`
	Host     hardware.HostInfo   `json:"host"`
	HostNow  hardware.HostSample `json:"host_sample"`
	// noDriver: the GPUs are missing because no NVIDIA driver is
	// installed, not because an installed one failed.
	noDriver bool
}

type gpuReport struct {
	hardware.GPUInfo
	Sample hardware.GPUSample `json:"sample"`
}

func runGPUs(args []string, stdout, stderr io.Writer) error {
	var rf rigFlags
	asJSON := false
	fs := newFlagSet("gpus", stderr, "rigshift gpus --json --simulate 4")
	rf.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	r, err := openRig(rf)
	if err != nil {
		return err
	}
	defer r.close()
	report := takeReport(r)
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	printReport(stdout, report)
	return nil
}

// takeReport samples once. The short pause gives the CPU load a window to
// be measured over.
func takeReport(r *rig) gpusReport {
	s := hardware.NewSampler(r.backend, r.host, hardware.SamplerOptions{Budget: 3 * time.Second})
	defer s.Close()
	time.Sleep(250 * time.Millisecond)
	snap := s.Pass()
	rep := gpusReport{Time: snap.Time.UTC(), System: r.system(), GPUs: []gpuReport{},
		Host: r.host.Info(), HostNow: snap.Host}
	if r.gpuErr != nil {
		rep.GPUError = r.gpuErr.Error()
		rep.noDriver = errors.Is(r.gpuErr, hardware.ErrNoDriver)
	}
	for i, g := range r.gpus() {
		rep.GPUs = append(rep.GPUs, gpuReport{GPUInfo: g, Sample: snap.GPUs[i]})
	}
	return rep
}

// noGPUsNote says why there are no GPUs and what RigShift does meanwhile,
// and, where the driver is simply not there, how to install it, as the
// window does: a driver that needs a reboot or hangs says so itself.
func noGPUsNote(err error, meanwhile string) string {
	note := capitalise(err.Error()) + " — " + meanwhile + "."
	if err.Error() == hardware.ErrNoDriver.Error() {
		note += " Install the NVIDIA driver (" + hardware.DriverInstall + "), reboot, and start RigShift again."
	}
	return note
}

func printReport(w io.Writer, rep gpusReport) {
	if rep.GPUError != "" {
		fmt.Fprintf(w, "%s — showing the host only.\n", capitalise(rep.GPUError))
		if rep.noDriver { // a driver that needs a reboot or hangs needs no installing
			fmt.Fprintf(w, "Install the NVIDIA driver to see your GPUs (%s), then reboot.\nTo look around meanwhile: rigshift gpus --simulate 4\n", hardware.DriverInstall)
		}
		fmt.Fprintln(w)
	} else {
		what := control.Plural(len(rep.GPUs), "GPU") + " via " + rep.System.Backend
		if rep.System.Backend == hardware.BackendSimulated {
			what = control.Plural(len(rep.GPUs), "simulated GPU")
		}
		fmt.Fprintf(w, "%s, driver %s, CUDA %s\n\n", what, rep.System.Driver, rep.System.CUDA)
		printInventory(w, rep.GPUs)
		fmt.Fprintln(w)
		printTelemetry(w, rep.GPUs)
		fmt.Fprintln(w)
	}
	printHost(w, rep.Host, rep.HostNow)
}

func printInventory(w io.Writer, gpus []gpuReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tNAME\tUUID\tPCI BUS\tVRAM\tPOWER LIMIT")
	for _, g := range gpus {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", g.Index, g.Name, g.UUID, g.PCIBusID,
			known(g.VRAMTotal > 0, gib(g.VRAMTotal)), known(g.PowerLimitW > 0, fmt.Sprintf("%.0f W", g.PowerLimitW)))
	}
	tw.Flush()
}

// known is v, or "n/a" for an inventory value the driver did not give
// (GPUInfo leaves those zero; no card has 0 W or 0 bytes).
func known(ok bool, v string) string {
	if !ok {
		return "n/a"
	}
	return v
}

func printTelemetry(w io.Writer, gpus []gpuReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSTATE\tTEMP\tPOWER\tGPU\tMEM\tVRAM USED\tFAN\tSM CLOCK\tMEM CLOCK\tTHROTTLE")
	for _, g := range gpus {
		s := &g.Sample
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Index, s.State,
			metric(s, hardware.MetricTemp, "%d °C", s.TempC),
			metric(s, hardware.MetricPower, "%.0f W", s.PowerW),
			metric(s, hardware.MetricUtilization, "%d %%", s.GPUUtil),
			metric(s, hardware.MetricUtilization, "%d %%", s.MemUtil),
			metric(s, hardware.MetricVRAM, "%s", gib(s.VRAMUsed)),
			metric(s, hardware.MetricFan, "%d %%", s.FanPct),
			metric(s, hardware.MetricSMClock, "%d MHz", s.SMClockMHz),
			metric(s, hardware.MetricMemClock, "%d MHz", s.MemClockMHz),
			metric(s, hardware.MetricThrottle, "%s", s.Throttle))
	}
	tw.Flush()
}

func printHost(w io.Writer, info hardware.HostInfo, s hardware.HostSample) {
	fmt.Fprintf(w, "Host %s: %s, %s (%d cores)\n", info.Hostname, info.OS, info.CPUModel, info.CPUCores)
	fmt.Fprintf(w, "  CPU %.0f %%, memory %s of %s, up %s\n", s.CPUPct, gib(s.MemUsed), gib(s.MemTotal), control.Uptime(s.Uptime))
	for _, sensor := range s.Sensors {
		fmt.Fprintf(w, "  %s %.0f °C\n", sensor.Name, sensor.TempC)
	}
}

// metric formats a value, or "n/a" when the GPU does not report it.
func metric(s *hardware.GPUSample, m hardware.Metric, format string, v any) string {
	if s.State == hardware.GPULost || !s.Has(m) {
		return "n/a"
	}
	return fmt.Sprintf(format, v)
}

func gib(b uint64) string { return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30)) }

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
