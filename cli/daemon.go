package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

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
	return withInstance(f, stderr, func(in *instance) error {
		serveUntilSignalled(in, stdout, stderr)
		fmt.Fprintln(stdout, "Stopping the workloads…")
		return in.stop()
	})
}

// serveUntilSignalled says how to reach the running daemon and waits for
// Ctrl-C, SIGTERM or SIGHUP.
func serveUntilSignalled(in *instance, stdout, stderr io.Writer) {
	if in.rig.gpuErr != nil {
		fmt.Fprintf(stderr, "%s — running with no GPUs.\n", capitalise(in.rig.gpuErr.Error()))
	}
	fmt.Fprintf(stdout, "RigShift is running: %s, history in %s, control socket %s\n",
		control.Plural(len(in.rig.gpus()), "GPU"), in.store.Path(), in.server.Path())
	fmt.Fprintln(stdout, "Use 'rigshift status' and 'rigshift mode …' from another terminal; Ctrl-C stops.")
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer cancel()
	<-ctx.Done()
}
