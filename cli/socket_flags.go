package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// dataFlags is the --data-dir every command that reaches RigShift's data
// takes: it picks the instance (and the database) to talk to.
type dataFlags struct {
	dir string
}

func (f *dataFlags) register(fs *flag.FlagSet) {
	f.registerAs(fs, "RigShift's data directory, `DIR`; the RigShift that owns it is the one asked")
}

// registerOffline is register for a command that works on the database
// itself while RigShift is stopped (db compact): no RigShift is asked.
func (f *dataFlags) registerOffline(fs *flag.FlagSet) {
	f.registerAs(fs, "RigShift's data directory, `DIR`, whose database is compacted")
}

func (f *dataFlags) registerAs(fs *flag.FlagSet, usage string) {
	f.dir, _ = store.DefaultDir() // without a home directory the flag is required
	fs.Var((*dirFlag)(&f.dir), "data-dir", usage)
}

// dirFlag is a folder flag that refuses an empty value: `--data-dir
// "$RIG_DIR"` with the variable unset would otherwise reach the default
// data directory's RigShift, or run one there.
type dirFlag string

func (d *dirFlag) String() string { return string(*d) }

func (d *dirFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("the folder is empty (a variable left unset?)")
	}
	*d = dirFlag(proc.HomePath(s)) // --data-dir=~/rigdata: the shell leaves ~ alone after "="
	return nil
}

// dataDir is the chosen directory, made absolute.
func (f dataFlags) dataDir() (string, error) {
	if f.dir == "" {
		return "", usageError{msg: "cannot tell where RigShift keeps its data (no home directory); pass --data-dir"}
	}
	abs, err := filepath.Abs(f.dir)
	if err != nil {
		return "", fmt.Errorf("data directory %s: %w", f.dir, err)
	}
	return abs, nil
}

// dbPath is the database file in the data directory.
func (f dataFlags) dbPath() (string, error) {
	dir, err := f.dataDir()
	return filepath.Join(dir, store.FileName), err
}

// dial connects to the RigShift that owns the data directory.
func (f dataFlags) dial() (*socket.Client, error) {
	dir, err := f.dataDir()
	if err != nil {
		return nil, err
	}
	c, err := socket.Dial(dir)
	if errors.Is(err, socket.ErrNotRunning) {
		err = hintSimulated(dir, startHint(dir, err))
		if db := filepath.Join(dir, store.FileName); store.InUse(db) {
			err = stoppingError{notRunning: err, db: db, socket: socket.SocketPath(dir)}
		}
	}
	return c, err
}

// startHint gives "not running" the commands that start the RigShift of
// dir: the socket's own advice, `rigshift daemon`, starts the default
// directory's, and the command asking would still find none.
func startHint(dir string, notRunning error) error {
	return startAdvice{notRunning, fmt.Sprintf("RigShift is not running for data directory %s (%s)", dir, howToStart(dir))}
}

// howToStart names the commands that start the RigShift keeping its data
// in dir. A simulated rig's directory is started with --simulate
// (--data-dir alone would put a real rig's history in it).
func howToStart(dir string) string {
	def, err := store.DefaultDir()
	switch {
	case err != nil || dir == def:
		return "start it with `rigshift` or `rigshift daemon`"
	case dir == def+simulatedSuffix:
		return "start the simulated rig with `rigshift --simulate 4` or `rigshift daemon --simulate 4`"
	}
	flag := " --data-dir " + cmdline.Quote([]string{dir})
	return "start it with `rigshift" + flag + "` or `rigshift daemon" + flag + "`"
}

// startAdvice is "not running" worded for the data directory asked for.
type startAdvice struct {
	notRunning error
	msg        string
}

func (e startAdvice) Error() string { return e.msg }
func (e startAdvice) Unwrap() error { return e.notRunning }

// stoppingError is "not running" where the database is held: a RigShift
// closes its socket first when it stops, then stops its miners and jobs
// (seconds, up to a minute), its database still open.
// Where it lasts, the RigShift holding it listens elsewhere: started with
// another XDG_RUNTIME_DIR (a service, another login) than this command.
type stoppingError struct {
	notRunning error
	db, socket string
}

func (e stoppingError) Error() string {
	return "RigShift does not answer, and its database " + e.db + " is in use: RigShift is still stopping its miners and jobs " +
		"(or still starting), or a `rigshift db compact` is using it; try again in a moment. If this lasts, the RigShift " +
		"holding it runs with another XDG_RUNTIME_DIR than this command, which looked for its socket at " + e.socket
}

func (e stoppingError) Unwrap() error { return e.notRunning }

// explainLocked adds, to a database found locked, that no RigShift
// answers for dir: one still stopping its miners and jobs (the owner has
// just quit it) or still starting, or another program holding the file.
// "RigShift is already running" alone sent the owner who had just quit it
// looking for it, and did not say to try again. Where one answers, that is
// the whole story.
func explainLocked(dir string, err error) error {
	if !errors.Is(err, store.ErrLocked) {
		return err
	}
	c, derr := socket.Dial(dir)
	if derr == nil {
		c.Close()
	}
	if !errors.Is(derr, socket.ErrNotRunning) {
		return err
	}
	return fmt.Errorf("%w, but does not answer on its control socket: it is still stopping its miners and jobs (or still starting), "+
		"or another program (a `rigshift db compact`, an export) holds the file; try again in a moment", err)
}

// hintSimulated adds, to "not running" (or "no history") for the default
// data directory, where a simulated rig's RigShift runs, if one does:
// `rigshift --simulate 4` keeps its own directory, and the owner trying it
// out would otherwise be told that nothing runs.
func hintSimulated(dir string, notRunning error) error {
	def, err := store.DefaultDir()
	if err != nil || dir != def {
		return notRunning
	}
	sim := def + simulatedSuffix
	c, err := socket.Dial(sim)
	if err != nil {
		return notRunning
	}
	_ = c.Close()
	return fmt.Errorf("%w; a simulated rig's RigShift runs for %s: add --data-dir %s to reach it", notRunning, sim, sim)
}

// parseMixed parses flags that may come before, between or after the
// positional arguments (`job logs J-0001 -n 50`) and returns the
// positional ones. After "--" everything is positional.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, parseError(fs, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// wantArgs checks the number of positional arguments against their names.
func wantArgs(pos []string, names ...string) error {
	switch {
	case len(pos) < len(names):
		return usageError{msg: fmt.Sprintf("missing %s", strings.Join(names[len(pos):], " and "))}
	case len(pos) > len(names):
		return usageError{msg: fmt.Sprintf("unexpected argument %q", pos[len(names)])}
	}
	return nil
}

// subcommand is one `rigshift <group> <name>` entry point.
type subcommand struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

// runGroup dispatches `rigshift <group> <sub> …` and explains the group
// when the sub-command is missing or unknown.
func runGroup(group string, subs []subcommand, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			groupUsage(stdout, group, subs)
			return nil
		}
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(args[1:], stdout, stderr)
			}
		}
		msg := fmt.Sprintf("unknown command %q for rigshift %s", args[0], group)
		var names []string
		for _, s := range subs {
			names = append(names, s.name)
		}
		if meant := closest(args[0], names); meant != "" { // a typo: one line, not the whole list
			return usageError{msg: fmt.Sprintf("%s: did you mean rigshift %s %s?", msg, group, meant)}
		}
		groupUsage(stderr, group, subs)
		return usageError{msg: msg}
	}
	groupUsage(stderr, group, subs)
	return usageError{msg: fmt.Sprintf("rigshift %s needs a command", group)}
}

// groupCommands are the commands of the command group name (job, export,
// db), or nil for a command that is not a group.
func groupCommands(name string) []subcommand {
	switch name {
	case "job":
		return jobCommands()
	case "export":
		return exportCommands()
	case "db":
		return dbCommands()
	}
	return nil
}

func groupUsage(w io.Writer, group string, subs []subcommand) {
	fmt.Fprintf(w, "Usage: rigshift %s <command> [flags]\n\nCommands:\n", group)
	width := 0
	for _, s := range subs {
		width = max(width, len(s.name))
	}
	for _, s := range subs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, s.name, s.summary)
	}
	fmt.Fprintf(w, "\nRun 'rigshift %s <command> --help' for a command's flags.\n\n", group)
}

// printJSON writes v indented, as `--json` does everywhere.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// listFlag is a flag that may be given many times (--env A=1 --env B=2).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
