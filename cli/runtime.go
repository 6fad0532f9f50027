package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/rigshift/rigshift/cli/metrics"
	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// instanceFlags are the flags of a running RigShift (window or daemon).
type instanceFlags struct {
	rigFlags
	dataDir       string
	logLevel      slog.Level
	metricsAddr   string
	metricsPublic bool
	window        bool // the window's instance, not the daemon's: set by runWindow, not a flag
}

func (f *instanceFlags) register(fs *flag.FlagSet) {
	f.rigFlags.register(fs)
	fs.Var((*dirFlag)(&f.dataDir), "data-dir", "keep the history and the miners' and jobs' output in `DIR`"+defaultDataDirs()+"; "+
		"RigShift's own log is under ~/.local/state/rigshift")
	fs.Var((*levelFlag)(&f.logLevel), "log-level", "log `LEVEL`: debug, info, warn or error (default info)")
	fs.StringVar(&f.metricsAddr, "metrics", "", "serve Prometheus metrics on `ADDR`, e.g. "+metrics.DefaultAddr+" (off by default)")
	fs.BoolVar(&f.metricsPublic, "metrics-public", false, "allow a --metrics address that other machines can reach")
}

// check refuses flag values that parse but cannot work, as usage errors.
func (f instanceFlags) check() error {
	if f.metricsAddr == "" {
		return nil
	}
	if err := metrics.CheckAddr(f.metricsAddr, f.metricsPublic); err != nil {
		return usageError{msg: "--metrics: " + err.Error()}
	}
	return nil
}

// instance is a running RigShift: the rig, the history store, the sampler,
// the controller and its control socket. The window and the daemon are two
// faces of it.
type instance struct {
	rig     *rig
	store   *store.Store
	sampler *hardware.Sampler
	ctrl    *control.Controller
	server  *socket.Server
	metrics *metrics.Server
	idle    *hardware.DesktopIdle // whether the owner is at the computer, for mining only while away
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	ctrlErr error
	signals chan os.Signal // Ctrl-C, SIGTERM, SIGHUP, caught since before it started (nil in tests)
}

// startInstance opens everything and starts the background work. Errors
// are worded for the owner (a locked database says RigShift already runs).
func startInstance(f instanceFlags, notifier control.Notifier, log *slog.Logger) (*instance, error) {
	dir, err := f.resolveDataDir()
	if err != nil {
		return nil, err
	}
	in := &instance{}
	if in.store, err = store.Open(filepath.Join(dir, store.FileName), store.Options{}); err != nil {
		return nil, err
	}
	f.driven = true
	// The directory the links lead to marks the workloads: one reached
	// another way (a link to a bigger disk) is the same RigShift's.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	// Holding the database, no other RigShift runs here: what is marked
	// with this data directory was left by one that was killed.
	if groups := jobs.KillLeftovers(dir); len(groups) > 0 {
		log.Warn("ended what the last RigShift left running", "process_groups", groups)
	}
	if err := in.open(f, dir, notifier, log); err != nil {
		return nil, errors.Join(err, in.abandon())
	}
	if err := in.store.RememberGPUs(gpuRecords(in.rig.gpus())); err != nil {
		log.Warn("the history will not name these GPUs once they leave the rig", "err", err)
	}
	in.run()
	log.Info("RigShift started", "version", Version, "data", dir, "gpus", len(in.rig.gpus()), "backend", in.rig.system().Backend)
	if in.rig.gpuErr != nil {
		// The window says so too, but an owner asking for help sends the log.
		log.Warn("no GPUs to use", "why", in.rig.gpuErr)
	}
	return in, nil
}

// open opens the rig, the controller, the control socket, the sampler
// and the metrics endpoint; nothing runs yet, so that a port in use stops
// the start before any workload does.
func (in *instance) open(f instanceFlags, dir string, notifier control.Notifier, log *slog.Logger) (err error) {
	if in.rig, err = openRig(f.rigFlags); err != nil {
		return err
	}
	in.idle = hardware.NewDesktopIdle() // it connects at its first question, if that setting is ever on
	in.ctrl, err = control.New(control.Options{Backend: in.rig.backend, Store: in.store, Notifier: notifier, Log: log,
		Supervisor: jobs.Config{LogDir: filepath.Join(dir, "logs"), Instance: dir}, Presence: in.idle})
	if err != nil {
		return err
	}
	if in.server, err = socket.Listen(socket.Config{DataDir: dir, API: in.ctrl, Export: in.store, Window: f.window}); err != nil {
		return err
	}
	in.sampler = hardware.NewSampler(in.rig.backend, in.rig.host, hardware.SamplerOptions{})
	return in.listenMetrics(f)
}

// abandon closes what a start that failed had opened.
func (in *instance) abandon() error {
	if in.sampler != nil {
		in.sampler.Close()
	}
	if in.server != nil {
		_ = in.server.Close()
	}
	if in.rig != nil {
		in.rig.close()
	}
	if in.idle != nil {
		_ = in.idle.Close()
	}
	return in.store.Close()
}

// listenMetrics opens the Prometheus endpoint when --metrics asks for it;
// run serves it.
func (in *instance) listenMetrics(f instanceFlags) (err error) {
	if f.metricsAddr == "" {
		return nil
	}
	in.metrics, err = metrics.Listen(f.metricsAddr, f.metricsPublic, metrics.NewCollector(in.sampler, in.ctrl))
	return err
}

// gpuRecords is what the store keeps of the rig's GPUs, so that the
// history names each card after it has left the rig.
func gpuRecords(gpus []hardware.GPUInfo) []store.GPURecord {
	out := make([]store.GPURecord, len(gpus))
	for i, g := range gpus {
		out[i] = store.GPURecord{UUID: g.UUID, Index: g.Index, Name: g.Name, BusID: g.PCIBusID}
	}
	return out
}

// resolveDataDir is the instance's data directory: --data-dir, made
// absolute, or the user's. A simulated rig keeps its own by default, beside
// the real one: its made-up telemetry, earnings and events never enter the
// owner's real history, and both can run at once.
func (f instanceFlags) resolveDataDir() (string, error) {
	if f.dataDir != "" {
		abs, err := filepath.Abs(f.dataDir)
		if err != nil {
			return "", fmt.Errorf("data directory %q: %w", f.dataDir, err)
		}
		return abs, nil
	}
	def, err := store.DefaultDir()
	if err != nil || f.simulate == 0 {
		return def, err
	}
	return def + simulatedSuffix, nil
}

// defaultDataDirs words the data directories used without --data-dir for
// the flag's help, as the commands that ask a RigShift name theirs: " (default
// ~/.local/share/rigshift, or ~/.local/share/rigshift-simulated with
// --simulate)".
func defaultDataDirs() string {
	def, err := store.DefaultDir()
	if err != nil {
		return "" // without a home directory the flag is required
	}
	return fmt.Sprintf(" (default %s, or %s with --simulate)", def, def+simulatedSuffix)
}

// simulatedSuffix names a simulated rig's default data directory after the
// real one's: ~/.local/share/rigshift-simulated.
const simulatedSuffix = "-simulated"

// run starts the sampler, the telemetry recorder, the controller and the
// socket server.
func (in *instance) run() {
	ctx, cancel := context.WithCancel(context.Background())
	in.cancel = cancel
	feed, stopFeed := in.sampler.Subscribe()
	record, stopRecord := in.sampler.Subscribe()
	in.goRun(func() { in.sampler.Run(ctx) })
	in.goRun(func() { defer stopRecord(); recordTelemetry(ctx, in.store, record) })
	in.goRun(func() { defer stopFeed(); in.ctrlErr = in.ctrl.Run(ctx, feed) })
	in.goRun(func() { _ = in.server.Serve(ctx) })
	if in.metrics != nil {
		in.goRun(func() { _ = in.metrics.Serve() })
	}
}

func (in *instance) goRun(f func()) {
	in.wg.Add(1)
	go func() { defer in.wg.Done(); f() }()
}

// stop stops the workloads cleanly (jobs are interrupted and requeued by
// their policy), flushes the telemetry and closes the database.
func (in *instance) stop() error {
	in.cancel()
	_ = in.server.Close()
	if in.metrics != nil {
		_ = in.metrics.Close()
	}
	in.wg.Wait()
	in.rig.close()
	_ = in.idle.Close()
	return errors.Join(in.ctrlErr, in.store.Close())
}

// recordTelemetry writes every snapshot to the store's telemetry writer,
// which commits in batches, and prunes old raw samples hourly.
func recordTelemetry(ctx context.Context, st *store.Store, snaps <-chan hardware.Snapshot) {
	w := st.Telemetry()
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case snap := <-snaps:
			w.Add(telemetryPoints(&snap)...)
		case <-prune.C:
			_ = st.Prune()
		}
	}
}

func telemetryPoints(snap *hardware.Snapshot) []store.TelemetryPoint {
	pts := make([]store.TelemetryPoint, 0, len(snap.GPUs))
	for _, g := range snap.GPUs {
		if g.State != hardware.GPUOK {
			continue
		}
		p := store.NewTelemetryPoint(snap.Time, g.UUID)
		set := func(m hardware.Metric, dst *float32, v float64) {
			if g.Has(m) {
				*dst = float32(v)
			}
		}
		set(hardware.MetricTemp, &p.Temp, float64(g.TempC))
		set(hardware.MetricPower, &p.Power, g.PowerW)
		set(hardware.MetricUtilization, &p.GPUUtil, float64(g.GPUUtil))
		set(hardware.MetricUtilization, &p.MemUtil, float64(g.MemUtil))
		set(hardware.MetricFan, &p.Fan, float64(g.FanPct))
		set(hardware.MetricSMClock, &p.SMClock, float64(g.SMClockMHz))
		set(hardware.MetricMemClock, &p.MemClock, float64(g.MemClockMHz))
		set(hardware.MetricVRAM, &p.VRAMUsed, float64(g.VRAMUsed)/(1<<30)) // the store keeps GiB
		pts = append(pts, p)
	}
	return pts
}
