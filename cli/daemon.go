package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
)

// runDaemon runs RigShift without a window, for rigs without a display:
// the same controller, store, notifications and control socket.
func runDaemon(args []string, stdout, stderr io.Writer) error {
	var f instanceFlags
	service := false
	fs := newFlagSet("daemon", stderr, "rigshift daemon --data-dir /srv/rigshift")
	f.register(fs)
	fs.BoolVar(&service, "service", false, "print a systemd user unit that runs this daemon, with these flags, from boot; see the README")
	if err := parse(fs, args); err != nil {
		return err
	}
	if service {
		return printService(stdout, fs)
	}
	err := withInstance(f, stderr, func(in *instance) error {
		signals := in.signals
		defer func() { signal.Stop(signals); close(signals) }()
		announce(in, stdout, stderr)
		<-signals
		fmt.Fprintln(stdout, "Stopping the workloads…")
		go answerWhileStopping(signals, stdout)
		return in.stop()
	})
	if dir, derr := f.resolveDataDir(); derr == nil {
		err = explainLocked(dir, err)
	}
	return err
}

// answerWhileStopping answers Ctrl-C, SIGTERM or SIGHUP while the daemon
// stops its workloads. They are caught until it has: a second Ctrl-C
// killed it mid-stop, its jobs unbilled, its socket file left behind and
// the miners' and jobs' processes left to the next start to end.
func answerWhileStopping(signals <-chan os.Signal, stdout io.Writer) {
	for range signals {
		fmt.Fprintln(stdout, "Already stopping the workloads: RigShift ends once they have stopped (a job gets its grace period to save its work).")
	}
}

// announce says what runs, where its history is, and how to reach it.
func announce(in *instance, stdout, stderr io.Writer) {
	if in.rig.gpuErr != nil {
		fmt.Fprintln(stderr, noGPUsNote(in.rig.gpuErr, "running with no GPUs"))
	}
	fmt.Fprintf(stdout, "RigShift is running: %s, history in %s, control socket %s\n",
		control.Plural(len(in.rig.gpus()), "GPU"), in.store.Path(), in.server.Path())
	fmt.Fprintf(stdout, "%s; Ctrl-C stops.\n", reachHint(filepath.Dir(in.store.Path())))
}

// reachHint says which commands reach a RigShift keeping its data in dir:
// the commands ask the default data directory's RigShift unless given
// --data-dir, and a simulated rig's, or one started with --data-dir, keeps
// another.
func reachHint(dir string) string {
	if isDefaultDir(dir) {
		return "Use `rigshift status` and `rigshift mode …` from another terminal"
	}
	flag := " --data-dir " + cmdline.Quote([]string{dir})
	return "Use `rigshift status" + flag + "` and `rigshift mode …" + flag + "` from another terminal"
}
