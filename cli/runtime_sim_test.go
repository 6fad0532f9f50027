package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// A simulated rig keeps its history in a directory of its own, so that its
// made-up telemetry and earnings never enter the owner's real ones; its
// store remembers its GPUs; a command that asks the real RigShift, which
// is not running, says where the simulated one is.
func TestSimulatedRigKeepsItsOwnData(t *testing.T) {
	privateRuntime(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	in, err := startInstance(instanceFlags{rigFlags: rigFlags{simulate: 1}}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	sim := filepath.Join(data, "rigshift-simulated")
	if want := filepath.Join(sim, store.FileName); in.store.Path() != want {
		t.Errorf("the simulated rig keeps its history in %s, want %s", in.store.Path(), want)
	}
	if known, err := in.store.KnownGPUs(); err != nil || len(known) != 1 || known[0].UUID != in.rig.gpus()[0].UUID || known[0].Name == "" {
		t.Errorf("the store remembers %+v (%v), want the rig's GPU", known, err)
	}
	if _, err := os.Stat(filepath.Join(data, "rigshift")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the real data directory was made or touched: %v", err)
	}
	code, _, stderr := runCLI(t, "status")
	if code != exitError || !strings.Contains(stderr, "not running") || !strings.Contains(stderr, "--data-dir "+sim) {
		t.Errorf("status with only a simulated rig running: exit %d, %q", code, stderr)
	}
	// The commands that read the history itself find none in the real
	// directory, and say where the simulated rig's is.
	for _, args := range [][]string{{"events"}, {"export", "jobs", "--csv"}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitError || !strings.Contains(stderr, "no RigShift history") || !strings.Contains(stderr, "--data-dir "+sim) {
			t.Errorf("%v with only a simulated rig running: exit %d, %q", args, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "status", "--data-dir", sim); code != exitOK {
		t.Errorf("status of the simulated rig: exit %d, %q", code, stderr)
	}
}

// `rigshift daemon --simulate 2` (or with --data-dir) said "Use 'rigshift
// status' … from another terminal", and that status then answered that
// RigShift was not running: it asks the default data directory's. The
// daemon names the --data-dir to add where its directory is another.
func TestDaemonSaysHowToReachIt(t *testing.T) {
	privateRuntime(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "my rig")
	in, err := startInstance(instanceFlags{rigFlags: rigFlags{simulate: 1}, dataDir: dir}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	var out strings.Builder
	announce(in, &out, io.Discard)
	if want := "Use `rigshift status --data-dir '" + dir + "'` and `rigshift mode … --data-dir '" + dir + "'` from another terminal"; !strings.Contains(out.String(), want) {
		t.Errorf("the daemon says:\n%s\nwant %q", out.String(), want)
	}
	def, _ := store.DefaultDir()
	if got := reachHint(def); got != "Use `rigshift status` and `rigshift mode …` from another terminal" {
		t.Errorf("for the default directory: %q", got)
	}
}

// On a rig without the NVIDIA driver the daemon said only "No NVIDIA
// driver found — running with no GPUs": the window says how to install
// one, and so does the daemon, which a headless rig's owner reads instead.
func TestDaemonWithoutDriverSaysHowToInstallIt(t *testing.T) {
	privateRuntime(t)
	in, err := startInstance(instanceFlags{rigFlags: rigFlags{simulate: 1}, dataDir: t.TempDir()}, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer in.stop()
	in.rig.gpuErr = hardware.ErrNoDriver
	var stderr strings.Builder
	announce(in, io.Discard, &stderr)
	want := "No NVIDIA driver found — running with no GPUs. Install the NVIDIA driver (on Ubuntu: sudo ubuntu-drivers install; on Debian: sudo apt install nvidia-driver, with non-free enabled), reboot, and start RigShift again.\n"
	if stderr.String() != want {
		t.Errorf("the daemon says %q\nwant %q", stderr.String(), want)
	}
	// A driver that is there but needs a reboot says so itself.
	stderr.Reset()
	in.rig.gpuErr = fmt.Errorf("%w: the NVIDIA kernel module is not loaded (reboot, or run 'sudo modprobe nvidia')", hardware.ErrNoDriver)
	announce(in, io.Discard, &stderr)
	if strings.Contains(stderr.String(), "apt install") {
		t.Errorf("a driver that needs a reboot: %q", stderr.String())
	}
}

// A SIGTERM while RigShift starts (a service stopped as the machine boots)
// ended it on the spot, before the daemon or the window caught signals,
// its workloads just started and left running. It is caught from before
// the instance starts, and the daemon stops cleanly on it.
func TestDaemonStopsOnASignalDuringItsStart(t *testing.T) {
	privateRuntime(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	started = func(instanceFlags) { _ = syscall.Kill(os.Getpid(), syscall.SIGTERM) }
	t.Cleanup(func() { started = func(instanceFlags) {} })
	var out strings.Builder
	err := runDaemon([]string{"--simulate", "1", "--data-dir", t.TempDir()}, &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "Stopping the workloads") {
		t.Errorf("daemon: %v, said:\n%s", err, out.String())
	}
}
