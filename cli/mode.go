package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
)

// interactive says whether someone at a terminal can answer a question;
// answers is where the answer is read. Tests replace both.
var (
	interactive           = stdinIsTerminal
	answers     io.Reader = os.Stdin
)

func stdinIsTerminal() bool { return isTerminal(os.Stdin) }

// runMode switches the running RigShift's mode, or shows it when no mode
// is given.
func runMode(args []string, stdout, stderr io.Writer) error {
	var df dataFlags
	fs := newFlagSet("mode [idle|mine|rent|auto]", stderr, "rigshift mode auto   (modes: idle, mine, rent, auto; none: show the mode)")
	df.register(fs)
	yes := fs.Bool("yes", false, "switch without asking, even when it stops running rental jobs")
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
		st, err = switchMode(c, mode, *yes, stdout, stderr)
	}
	if err != nil {
		return err
	}
	printMode(stdout, st, len(pos) == 1)
	return nil
}

// switchMode switches to mode once the owner agrees to what it stops.
func switchMode(c *socket.Client, mode control.Mode, yes bool, stdout, stderr io.Writer) (control.Status, error) {
	st, err := c.Status()
	if err == nil {
		err = agreeToStop(st.Running, mode, yes, stdout, stderr)
	}
	if err != nil {
		return st, err
	}
	return c.SetMode(mode)
}

// agreeToStop asks, at a terminal, before a switch to mode stops the
// running rental jobs, as the window does: they start again from the
// beginning later, or fail if their client asked so, and a mistyped mode
// should not throw away hours of a client's job. A script (no terminal)
// or --yes is not asked; a script is told on stderr what the switch stops.
func agreeToStop(running []control.Job, mode control.Mode, yes bool, stdout, stderr io.Writer) error {
	if mode.RunsJobs() || len(running) == 0 || yes {
		return nil
	}
	what := control.JobsStoppedBy(running, mode.Title())
	if !interactive() {
		fmt.Fprintln(stderr, what)
		return nil
	}
	fmt.Fprintf(stdout, "%s\nSwitch to %s? [y/N] ", what, mode.Title())
	line, _ := bufio.NewReader(answers).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(line)); a == "y" || a == "yes" {
		return nil
	}
	return errors.New("not switched, nothing stopped (add --yes to switch without this question)")
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
	if why := whyNothingRuns(st); switched && why != "" {
		fmt.Fprintln(w, why)
	}
}

// whyNothingRuns says why the mode leaves the GPUs idle (no GPUs at all;
// for Mine or Auto, no miner or outside its hours), as the window does: a
// switch that seems to do nothing says why.
func whyNothingRuns(st control.Status) string {
	switch {
	case st.Mode == control.Idle:
		return ""
	case len(st.GPUs) == 0:
		return "No GPUs were found, so nothing runs in any mode; rigshift gpus says why."
	case st.Mode != control.Mine && st.Mode != control.Auto:
		return ""
	case !st.Miner.Configured:
		return "No miner is set up, so the GPUs stay idle instead of mining: choose one with rigshift settings set miner=…"
	case st.MiningHeld != "":
		return "Mining waits: " + st.MiningHeld
	}
	return ""
}
