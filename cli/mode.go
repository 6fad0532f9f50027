package cli

import (
	"fmt"
	"io"

	"github.com/rigshift/rigshift/jobs/control"
)

// runMode switches the running RigShift's mode, or shows it when no mode
// is given.
func runMode(args []string, stdout, stderr io.Writer) error {
	var df dataFlags
	fs := newFlagSet("mode [idle|mine|rent|auto]", stderr, "rigshift mode auto   (modes: idle, mine, rent, auto; none: show the mode)")
	df.register(fs)
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{msg: fmt.Sprintf("unexpected argument %q", pos[1])}
	}
	var mode control.Mode
	if len(pos) == 1 {
		if mode, err = control.ParseMode(pos[0]); err != nil {
			return usageError{msg: err.Error()}
		}
	}
	c, err := df.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	var st control.Status
	if len(pos) == 0 {
		st, err = c.Status()
	} else {
		st, err = c.SetMode(mode)
	}
	if err != nil {
		return err
	}
	printMode(stdout, st, len(pos) == 1)
	return nil
}

func printMode(w io.Writer, st control.Status, switched bool) {
	switch {
	case switched && st.Switching:
		fmt.Fprintf(w, "Mode: %s (switching: workloads are being stopped and started)\n", st.Mode)
	case switched:
		fmt.Fprintf(w, "Mode: %s\n", st.Mode)
	default:
		fmt.Fprintf(w, "Mode: %s%s\n", st.Mode, since(st.Since))
	}
	if why := whyNotMining(st); switched && why != "" {
		fmt.Fprintln(w, why)
	}
}

// whyNotMining says why Mine or Auto leaves the free GPUs idle, as the
// window's notice does: a switch that seems to do nothing says why.
func whyNotMining(st control.Status) string {
	switch {
	case st.Mode != control.Mine && st.Mode != control.Auto:
		return ""
	case !st.Miner.Configured:
		return "No miner is set up, so the GPUs stay idle instead of mining: choose one with rigshift settings set miner=…"
	case st.MiningHeld != "":
		return "Mining waits: " + st.MiningHeld
	}
	return ""
}
