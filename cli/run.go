// Package cli is RigShift's command line: it parses the commands and flags
// and wires hardware, jobs, store and ui together for each of them.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// Version is set at build time with
// -ldflags "-X github.com/rigshift/rigshift/cli.Version=…".
var Version = "0.1.0-dev"

// Exit codes, documented in the README.
const (
	exitOK    = 0
	exitError = 1 // the command failed; the message says why
	exitUsage = 2 // the command line was wrong
)

// command is one `rigshift <name>` entry point.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"window", "open the RigShift window (the default)", runWindow},
		{"gpus", "list the GPUs and one telemetry reading", runGPUs},
		{"monitor", "print live telemetry in the terminal", runMonitor},
		{"status", "show what the running RigShift is doing", runStatus},
		{"mode", "show or switch the running RigShift's mode: idle, mine, rent or auto", runMode},
		{"gpu", "set a GPU aside (RigShift runs nothing on it) or use it again", runGPU},
		{"job", "add, list, cancel, move rental jobs and read their logs", runJob},
		{"events", "show what happened: modes, jobs, restarts, heat, lost GPUs", runEvents},
		{"settings", "show or change the settings: miner, prices, limits, notifications", runSettings},
		{"export", "export jobs, earnings or telemetry as CSV", runExport},
		{"db", "maintain the history database (compact)", runDB},
		{"daemon", "run RigShift without a window (rigs without a display)", runDaemon},
		{"version", "print the version", runVersion},
	}
}

// aliases are the spellings people type out of habit.
var aliases = map[string]string{"--help": "help", "-h": "help", "--version": "version", "-version": "version"}

// Run runs the command line args and returns the process exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	name, rest := "window", args
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || aliases[args[0]] != "") {
		name, rest = args[0], args[1:]
	}
	if alias := aliases[name]; alias != "" {
		name = alias
	}
	if name == "help" {
		return runHelp(rest, stdout, stderr)
	}
	c, ok := findCommand(name)
	if !ok {
		return unknownCommand(name, stderr)
	}
	if untilStopped[name] {
		return exitCode(c.run(rest, stdout, stderr), stdout, stderr)
	}
	out := &checkedWriter{w: stdout}
	err := c.run(rest, out, stderr)
	if out.err != nil { // whatever the command said of it, it could not write its output
		err = outputProblem(out.err)
	}
	return exitCode(err, out, stderr)
}

// outputProblem says that the output could not be written, with the
// system's words alone: Go's "write /dev/stdout:" names a file the owner
// never did (the output went to report.txt). The error stays for
// errors.Is.
func outputProblem(err error) error {
	return oswords.Worded(fmt.Sprintf("the output could not be written (%v): what was written is incomplete", oswords.System(err)), err)
}

// untilStopped are the commands that run the rig until they are stopped.
// What they print is a courtesy (their log keeps it): a console gone
// away is no failure of theirs, and they outlive it.
var untilStopped = map[string]bool{"daemon": true, "window": true}

// checkedWriter keeps the first error writing to w. Text output is
// written with fmt.Fprint*, whose errors nobody checks: without it,
// `rigshift events > report.txt` on a full disk left an empty report and
// exited 0, and a script took it for written.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// runHelp is `rigshift help`, and `rigshift help job add`: the same as
// `rigshift job add --help`, but on stdout, as `rigshift help` is, so that
// it pages.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || aliases[args[0]] == "help" {
		usage(stdout)
		return exitOK
	}
	c, ok := findCommand(args[0])
	if !ok {
		return unknownCommand(args[0], stderr)
	}
	return exitCode(c.run(append(slices.Clone(args[1:]), "--help"), stdout, stdout), stdout, stderr)
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func unknownCommand(name string, stderr io.Writer) int {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if meant := closest(name, names); meant != "" { // a typo: one line, not the whole list
		fmt.Fprintf(stderr, "rigshift: unknown command %q: did you mean rigshift %s?\n", name, meant)
		return exitUsage
	}
	fmt.Fprintf(stderr, "rigshift: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func exitCode(err error, stdout, stderr io.Writer) int {
	var usage usageError
	var help helpText
	switch {
	case errors.As(err, &help):
		fmt.Fprint(stdout, string(help))
		return exitOK
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &usage):
		if !usage.shown {
			fmt.Fprintf(stderr, "rigshift: %v\n", err)
		}
		return exitUsage
	}
	fmt.Fprintf(stderr, "rigshift: %v\n", err)
	return exitError
}

// usageError is a command line that cannot be run as given. shown means
// the flag package has already told the user.
type usageError struct {
	msg   string
	shown bool
}

func (e usageError) Error() string { return e.msg }

func usage(w io.Writer) {
	fmt.Fprintf(w, "RigShift %s — the cockpit for your GPU rig\n\nUsage: rigshift [command] [flags]\n\nCommands:\n", Version)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'rigshift <command> --help' for a command's flags.\n")
}

// runVersion is `rigshift version`; it takes no flags but --help, which
// printed the version as if asked for it.
func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", stderr, "rigshift version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rigshift %s\n", Version)
	return nil
}
