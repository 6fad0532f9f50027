package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/store"
)

// rigFlags are the flags every command that looks at the GPUs takes.
type rigFlags struct {
	simulate int
	// driven means a controller runs workloads on the rig, so a simulated
	// rig's load follows them instead of wandering by itself.
	driven bool
}

func (f *rigFlags) register(fs *flag.FlagSet) {
	fs.Var((*countFlag)(&f.simulate), "simulate", "use a simulated rig of `N` GPUs instead of the real ones")
}

// newFlagSet makes a flag set that reports errors instead of exiting.
// name is the command and what it takes besides flags ("job cancel ID");
// "[flags]" goes after it unless name places it.
func newFlagSet(name string, stderr io.Writer, example string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(&flagOutput{stderr: stderr})
	fs.Usage = func() {
		flags := 0
		fs.VisitAll(func(*flag.Flag) { flags++ })
		synopsis := name
		if flags > 0 && !strings.Contains(name, "[flags]") {
			synopsis += " [flags]"
		}
		fmt.Fprintf(fs.Output(), "Usage: rigshift %s\n\nExample:\n  %s\n", synopsis, example)
		if flags > 0 { // a command without flags (version) lists none under an empty heading
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// flagOutput holds what the flag package writes while it parses, until
// parseError knows where it goes: a wrong flag's error and usage to
// stderr, the usage --help asked for to stdout (as `rigshift --help` and
// `rigshift help status` print it), so that it pages.
type flagOutput struct {
	stderr io.Writer
	held   bytes.Buffer
}

func (o *flagOutput) Write(p []byte) (int, error) { return o.held.Write(p) }

// parse parses args and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if hint := commandAmidFlags(fs, args, err); hint != nil {
			fs.Output().(*flagOutput).held.Reset() // the window's usage, not wanted
			return hint
		}
		return parseError(fs, err)
	}
	if fs.NArg() > 0 {
		if err := commandAfterFlags(fs, args); err != nil {
			return err
		}
		return usageError{msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// commandAfterFlags is the answer to flags written before the command, as
// git and docker take them: `rigshift --data-dir /srv/rig status` ran the
// window's flags and said `unexpected argument "status"`.
func commandAfterFlags(fs *flag.FlagSet, args []string) error {
	if fs.Name() != "window" {
		return nil
	}
	if _, ok := findCommand(fs.Arg(0)); !ok {
		return nil
	}
	return commandFirst(fs, args[:len(args)-fs.NArg()], fs.Args())
}

// commandAmidFlags is the same answer when a flag before the command is
// the command's own, not the window's: `rigshift --json status` said
// "flag provided but not defined: -json" over the window's usage.
func commandAmidFlags(fs *flag.FlagSet, args []string, err error) error {
	_, ok := fs.Output().(*flagOutput)
	if fs.Name() != "window" || !ok || !strings.HasPrefix(err.Error(), "flag provided but not defined: ") {
		return nil
	}
	for i, a := range args {
		if a == "--" {
			return nil
		}
		if _, ok := findCommand(a); ok && (i == 0 || !takesValue(fs, args[i-1])) {
			return commandFirst(fs, args[:i], args[i:])
		}
	}
	return nil
}

// takesValue reports whether arg is one of fs's flags written without
// its value, which is then the next argument: in `--data-dir status` the
// folder is named status.
func takesValue(fs *flag.FlagSet, arg string) bool {
	if !strings.HasPrefix(arg, "-") {
		return false
	}
	f := fs.Lookup(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")) // none for --flag=value
	if f == nil {
		return false
	}
	b, isBool := f.Value.(interface{ IsBoolFlag() bool })
	return !isBool || !b.IsBoolFlag()
}

// commandFirst is the command line with the command (and what follows
// it) before the flags written ahead of it. Flags of the window (fs) that
// the command does not take are left out and named: `rigshift --hidden
// status` was told to run `rigshift status --hidden`, which status refuses.
func commandFirst(fs *flag.FlagSet, flags, command []string) error {
	if n := len(flags); n > 0 && flags[n-1] == "--" {
		flags = flags[:n-1]
	}
	if subs := groupCommands(command[0]); subs != nil && (len(command) == 1 || strings.HasPrefix(command[1], "-")) {
		return groupFirst(command[0], subs, slices.Concat(flags, command[1:]))
	}
	var kept, refused []string
	for _, f := range flagGroups(fs, flags) {
		if name, ok := windowFlag(fs, f[0]); ok && !takesFlags(command, f) {
			refused = append(refused, "--"+name)
			continue
		}
		kept = append(kept, f...)
	}
	end := len(command) // the flags go before a job's program, not among its arguments
	if i := slices.Index(command, "--"); i >= 0 {
		end = i
	}
	line := cmdline.Quote(slices.Concat(command[:end], kept, command[end:]))
	if len(refused) == 0 {
		return usageError{msg: "the command comes first, then its flags: rigshift " + line}
	}
	which := "which applies"
	if len(refused) > 1 {
		which = "which apply"
	}
	return usageError{msg: fmt.Sprintf("rigshift %s does not take %s, %s to the window, not to this command: run rigshift %s",
		commandWords(strings.Join(command, " ")), orList(refused), which, line)}
}

// groupFirst is the hint for a command group (job, export, db) written
// after flags with none of its commands: `rigshift --json job` was told
// to run `rigshift job --json`, which is refused too. It names the group's
// commands, and gives the first that takes the flags as an example.
func groupFirst(group string, subs []subcommand, flags []string) error {
	var names []string
	example := ""
	for _, s := range subs {
		names = append(names, s.name)
		if example == "" && takesFlags([]string{group, s.name}, flags) {
			example = cmdline.Quote(slices.Concat([]string{group, s.name}, flags))
		}
	}
	msg := fmt.Sprintf("rigshift %s needs one of its commands (%s) first, then its flags", group, orList(names))
	if example != "" {
		msg += ": for example rigshift " + example
	}
	return usageError{msg: msg}
}

// flagGroups cuts flags into each flag with its value, where the window
// knows it takes one ("--data-dir", "/srv/rig"); other words stand alone.
func flagGroups(fs *flag.FlagSet, flags []string) [][]string {
	var groups [][]string
	for i := 0; i < len(flags); i++ {
		if takesValue(fs, flags[i]) && i+1 < len(flags) {
			groups = append(groups, flags[i:i+2])
			i++
			continue
		}
		groups = append(groups, flags[i:i+1])
	}
	return groups
}

// windowFlag is the name of the window's flag arg is ("--log-level=debug":
// log-level).
func windowFlag(fs *flag.FlagSet, arg string) (string, bool) {
	if !strings.HasPrefix(arg, "-") {
		return "", false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	return name, name != "" && fs.Lookup(name) != nil
}

// takesFlags reports whether the command line command (its name first)
// takes the flag given: it is parsed with --help after it, which every
// command answers with its usage, doing nothing, once the flags before it
// parse.
func takesFlags(command, given []string) bool {
	c, ok := findCommand(command[0])
	if !ok {
		return true
	}
	args := slices.Clone(command[1:])
	if i := slices.Index(args, "--"); i >= 0 {
		args = args[:i] // a job's program: not for the flags
	}
	args = append(append(args, given...), "--help")
	return errors.Is(c.run(args, io.Discard, io.Discard), flag.ErrHelp)
}

// orList writes "a", "a or b", "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// parseError turns the flag package's error into a usage error, whose
// message and usage it has written to stderr, or into the help asked for.
func parseError(fs *flag.FlagSet, err error) error {
	out, ok := fs.Output().(*flagOutput)
	if !ok { // not made by newFlagSet: the flag package wrote where it was told
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{msg: err.Error(), shown: true}
	}
	held := out.held.String()
	out.held.Reset()
	if errors.Is(err, flag.ErrHelp) {
		return helpText(held)
	}
	if typo := flagTypo(fs, err); typo != nil {
		return typo
	}
	if sim := noSimulate(fs, err); sim != nil {
		return sim
	}
	if b := badSwitch(err); b != nil {
		return b
	}
	if strings.HasPrefix(err.Error(), "invalid value ") {
		// Its message says how to write the value: the usage after it
		// pushed that line off the screen.
		return usageError{msg: err.Error()}
	}
	// held starts with the flag package's error line: it says "rigshift:"
	// as every other error does.
	fmt.Fprint(out.stderr, "rigshift: "+held)
	return usageError{msg: err.Error(), shown: true}
}

// noSimulate is the answer to --simulate given to a command that reaches
// a data directory instead (status, mode, events…), or nil: the newcomer
// who opened the window with --simulate 2 tried `rigshift status
// --simulate 2` and got the flag package's "flag provided but not
// defined: -simulate" and the whole usage.
func noSimulate(fs *flag.FlagSet, err error) error {
	if err.Error() != "flag provided but not defined: -simulate" || fs.Lookup("data-dir") == nil {
		return nil
	}
	def, derr := store.DefaultDir()
	if derr != nil {
		return nil
	}
	return usageError{msg: fmt.Sprintf("rigshift %s has no --simulate: a simulated rig keeps its own data directory; add --data-dir %s for it",
		commandWords(fs.Name()), cmdline.Quote([]string{def + simulatedSuffix}))}
}

// boolValueError is the flag package's answer to a switch given a value
// it cannot read: `--json=maybe`.
var boolValueError = regexp.MustCompile(`^invalid boolean value (".*") for -([^\s:]+): (.*)$`)

// badSwitch words a switch's wrong value as the other flags' are, in one
// line that says how to write it: the flag package said "parse error" and
// the whole usage followed. A switch that says how itself (--csv, which
// cannot be off) keeps its words.
func badSwitch(err error) error {
	m := boolValueError.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	how := fmt.Sprintf("write --%[1]s, or --%[1]s=false", m[2])
	if m[3] != "parse error" {
		how = m[3]
	}
	return usageError{msg: fmt.Sprintf("invalid value %s for flag -%s: %s", m[1], m[2], how)}
}

// helpText is the usage a command's --help asked for; Run prints it on
// stdout. It is flag.ErrHelp: the command did nothing, successfully.
type helpText string

func (helpText) Error() string        { return flag.ErrHelp.Error() }
func (helpText) Is(target error) bool { return target == flag.ErrHelp }

// driverTimeout bounds the NVIDIA driver's start-up.
const driverTimeout = 15 * time.Second

// rig is the opened hardware: GPUs (maybe none) and the host.
type rig struct {
	backend hardware.Backend // nil when there are no usable NVIDIA GPUs
	gpuErr  error            // why backend is nil, in the owner's words
	host    *hardware.Host
}

// openRig opens the simulated or the real GPUs. A machine without the
// NVIDIA driver is not an error: the rig has no GPUs and says why.
func openRig(f rigFlags) (*rig, error) {
	r := &rig{host: hardware.NewHost()}
	if f.simulate != 0 {
		sim, err := hardware.NewSimulated(f.simulate, hardware.SimOptions{Seed: 1, Autopilot: !f.driven})
		if err != nil {
			return nil, usageError{msg: err.Error()}
		}
		r.backend = sim
		return r, nil
	}
	r.backend, r.gpuErr = hardware.OpenSystem(driverTimeout)
	return r, nil
}

func (r *rig) close() {
	if r.backend != nil {
		_ = r.backend.Close()
	}
}

func (r *rig) system() hardware.SystemInfo {
	if r.backend == nil {
		return hardware.SystemInfo{}
	}
	return r.backend.System()
}

func (r *rig) gpus() []hardware.GPUInfo {
	if r.backend == nil {
		return nil
	}
	return r.backend.GPUs()
}
