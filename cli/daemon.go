package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/store"
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
	announce(in, stdout, stderr)
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer cancel()
	<-ctx.Done()
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
	if def, err := store.DefaultDir(); err == nil && dir == def {
		return "Use `rigshift status` and `rigshift mode …` from another terminal"
	}
	flag := " --data-dir " + cmdline.Quote([]string{dir})
	return "Use `rigshift status" + flag + "` and `rigshift mode …" + flag + "` from another terminal"
}
