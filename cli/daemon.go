package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/rigshift/rigshift/cli/applog"
	"github.com/rigshift/rigshift/ui"
)

// runDaemon runs RigShift without a window, for rigs without a display:
// the same controller, store, notifications and control socket.
func runDaemon(args []string, stdout, stderr io.Writer) error {
	var f instanceFlags
	fs := newFlagSet("daemon", stderr, "rigshift daemon --data-dir /srv/rigshift")
	f.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	logs := applog.OpenOrStderr(applog.Options{Level: f.logLevel, Stderr: stderr})
	defer logs.Close()
	defer logs.Recover()
	notifier := ui.NewNotifier("RigShift")
	in, err := startInstance(f, notifier, logs.Logger)
	if err != nil {
		return err
	}
	tellAboutLastCrash(notifier)
	if in.rig.gpuErr != nil {
		fmt.Fprintf(stderr, "%s — running with no GPUs.\n", capitalise(in.rig.gpuErr.Error()))
	}
	fmt.Fprintf(stdout, "RigShift is running: %d GPU(s), history in %s, control socket %s\n",
		len(in.rig.gpus()), in.store.Path(), in.server.Path())
	fmt.Fprintln(stdout, "Use 'rigshift status' and 'rigshift mode …' from another terminal; Ctrl-C stops.")
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer cancel()
	<-ctx.Done()
	fmt.Fprintln(stdout, "Stopping the workloads…")
	return in.stop()
}
