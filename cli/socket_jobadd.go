package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/socket"
)

// jobAddFlags are `rigshift job add`'s flags.
type jobAddFlags struct {
	dataFlags
	spec      control.JobSpec
	interrupt string
	gpus      listFlag
	env       listFlag
	countSet  bool // --gpus given: 0 then means none, not the default of one
	priceSet  bool // --price given: a forgotten one is no free job
}

func (f *jobAddFlags) register(fs *flag.FlagSet) {
	f.dataFlags.register(fs)
	s := &f.spec
	fs.StringVar(&s.Client, "client", "", "who the job is for")
	fs.StringVar(&s.Description, "desc", "", "a description for your records")
	fs.Var((*priceFlag)(&s.PricePerGPUHour), "price", "the `amount` a GPU-hour pays, e.g. 0.40 (required; 0 for a free job)")
	fs.StringVar(&s.Currency, "currency", "", "currency of the price: the rig's, set in Settings (another is refused)")
	fs.Var((*countFlag)(&s.GPUCount), "gpus", "`N` GPUs, any of them (default 1 unless --gpu is given)")
	fs.Var(&f.gpus, "gpu", "run on this `GPU` (its UUID, or its index as in 'rigshift status'); repeat for more")
	fs.Var((*runtimeFlag)(&s.MaxRuntime), "max", "longest run, a `duration` such as 6h or 90m, or a number of hours (default: no limit)")
	fs.StringVar(&s.Dir, "dir", "", "run the command in `DIR` (default: the current directory)")
	fs.Var(&f.env, "env", "environment variable `KEY=value` for the command; repeat for more")
	fs.StringVar(&f.interrupt, "on-interrupt", "requeue", "if RigShift stops mid-run: requeue (start again) or fail")
}

// priceFlag is a price that may be written with a decimal comma (0,45), as
// the window's Add-job dialog and `settings set` take it.
type priceFlag float64

func (p *priceFlag) String() string { return strconv.FormatFloat(float64(*p), 'f', -1, 64) }

func (p *priceFlag) Set(v string) error {
	n, err := control.ParseNumber(v)
	if err != nil {
		return errors.New(control.NumberProblem(err, "write the price per GPU-hour as a number, e.g. 0.45"))
	}
	*p = priceFlag(n)
	return nil
}

func runJobAdd(args []string, stdout, stderr io.Writer) error {
	var f jobAddFlags
	fs := newFlagSet("job add [flags] -- PROGRAM [ARGUMENTS …]", stderr, "rigshift job add --client acme --price 0.40 --gpus 1 --max 6h -- python train.py --epochs 3")
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return parseError(fs, err)
	}
	fs.Visit(func(fl *flag.Flag) {
		f.countSet = f.countSet || fl.Name == "gpus"
		f.priceSet = f.priceSet || fl.Name == "price"
	})
	if err := f.flagsAfterProgram(fs, args); err != nil {
		return err
	}
	spec, err := f.build(fs.Args())
	if err != nil {
		return err
	}
	c, err := f.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	if spec.GPUs, err = resolveJobGPUs(c, f.gpus); err != nil {
		return err
	}
	if err := sameGPUTwice(f.gpus, spec.GPUs); err != nil {
		return err
	}
	j, err := c.AddJob(spec)
	if err != nil {
		return jobError(err)
	}
	fmt.Fprintln(stdout, j.ID)
	if st, err := c.Status(); err == nil && modeHoldsJobs(st.Mode) != "" { // added: a failed look is no failure
		fmt.Fprintf(stderr, "%s waits: %s.\n", j.ID, modeHoldsJobs(st.Mode))
	}
	return nil
}

// build checks what the flag package cannot and completes the spec.
func (f *jobAddFlags) build(command []string) (control.JobSpec, error) {
	s := f.spec
	s.Command = command
	s.OnInterrupt = control.InterruptPolicy(strings.ToLower(f.interrupt))
	s.Env = f.env
	if !f.priceSet && strings.TrimSpace(s.Client) == "" && len(command) == 0 { // a first try: show the whole of it
		return s, usageError{msg: "say who the job is for, what the client pays per GPU-hour and what to run, e.g.\n" +
			"  rigshift job add --client acme --price 0.45 -- python train.py --epochs 3"}
	}
	if !f.priceSet { // as the window's Add-job dialog: a forgotten price would earn nothing
		msg := "say what the client pays per GPU-hour with --price, e.g. --price 0.45 (--price 0 for a free job)"
		if strings.TrimSpace(s.Client) == "" { // both at once, not one try each
			msg = "say who the job is for with --client, e.g. --client acme, and " + msg
		}
		return s, usageError{msg: msg}
	}
	for _, kv := range f.env {
		switch k, _, ok := strings.Cut(kv, "="); {
		case !ok || k == "":
			return s, usageError{msg: fmt.Sprintf("--env %q: write it as KEY=value", kv)}
		case strings.ContainsAny(k, " \t"): // as the Add-job dialog: the program would see "KEY ", never KEY
			return s, usageError{msg: fmt.Sprintf("--env %q: write KEY=value with no space before the =", kv)}
		}
	}
	if math.IsNaN(s.PricePerGPUHour) || math.IsInf(s.PricePerGPUHour, 0) { // they parse, and JSON cannot carry them
		return s, usageError{msg: fmt.Sprintf("--price %v: write the price per GPU-hour as a number, e.g. 0.45", s.PricePerGPUHour)}
	}
	switch {
	case len(f.gpus) > 0 && s.GPUCount != 0 && s.GPUCount != len(f.gpus):
		return s, usageError{msg: "give either --gpus N or the GPUs with --gpu, not both"}
	case len(f.gpus) == 0 && s.GPUCount == 0 && !f.countSet:
		s.GPUCount = 1
	}
	dir, err := filepath.Abs(proc.HomePath(s.Dir)) // the job runs where RigShift runs: no relative paths
	if err != nil {
		return s, fmt.Errorf("working directory: %w", err)
	}
	s.Dir = dir
	return s, oneWordCommand(command, dir, s.Env)
}

// flagsAfterProgram refuses a job without its --client or --price where the
// program's arguments hold them: `job add python3 train.py --client acme
// --price 0.45` was told to "say who the job is for with --client". It
// names them and writes the command line with them before the program.
// Only the flags missing are moved: the rest of the program's arguments
// (its own --dir, its --client where RigShift's is given) stay its own.
func (f *jobAddFlags) flagsAfterProgram(fs *flag.FlagSet, args []string) error {
	var missing []string
	if strings.TrimSpace(f.spec.Client) == "" {
		missing = append(missing, "client")
	}
	if !f.priceSet {
		missing = append(missing, "price")
	}
	command := fs.Args()
	before := slices.Clone(args[:len(args)-len(command)])
	if n := len(before); n > 0 && before[n-1] == "--" {
		before = before[:n-1]
	}
	var moved, rest, names []string
	for i := 0; i < len(command); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(command[i], "-"), "=")
		if !strings.HasPrefix(command[i], "-") || !slices.Contains(missing, name) {
			rest = append(rest, command[i])
			continue
		}
		missing = slices.DeleteFunc(missing, func(m string) bool { return m == name }) // a second one is the program's
		names = append(names, "--"+name)
		moved = append(moved, command[i])
		if !hasValue && i+1 < len(command) {
			i++
			moved = append(moved, command[i])
		}
	}
	if len(names) == 0 {
		return nil // all there, or the program's own: the usual "say what the client pays"
	}
	them, arguments := "it", "argument"
	if len(names) > 1 {
		them, arguments = "them", "arguments"
	}
	line := append(append(append(before, moved...), "--"), rest...)
	return usageError{msg: fmt.Sprintf("%s came after the program, which takes %s as its own %s: put %s before the program, as in rigshift job add %s",
		andList(names), them, arguments, them, cmdline.Quote(line))}
}

// andList writes "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// oneWordCommand refuses a command quoted whole as one word (`-- "python
// train.py"`, as ssh takes one) that names no program: the control
// socket's answer, "no program called python train.py", would send the
// owner looking for a program instead of unquoting the words.
func oneWordCommand(command []string, dir string, env []string) error {
	if len(command) != 1 || !strings.ContainsAny(command[0], " \t\n") || proc.ProgramProblem(command[0], dir, env) == "" {
		return nil
	}
	example := "python train.py --epochs 3"
	if words, err := cmdline.Split(command[0]); err == nil {
		example = cmdline.Quote(words)
	}
	msg := fmt.Sprintf("command (after --): %q is one word, and no program has that name: "+
		"write the program and its arguments as words of their own (-- %s)", command[0], example)
	if strings.ContainsAny(command[0], "|&;<>$`") {
		msg += "; RigShift runs no shell, so for a pipe or a redirection run one: -- sh -c " + cmdline.Quote(command)
	}
	return usageError{msg: msg}
}

// resolveJobGPUs turns --gpu indices into UUIDs with the rig's status.
func resolveJobGPUs(c *socket.Client, gpus []string) ([]string, error) {
	if !slices.ContainsFunc(gpus, isIndex) {
		return gpus, nil
	}
	st, err := c.Status()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(gpus))
	for i, g := range gpus {
		out[i] = g
		if isIndex(g) {
			if out[i], err = gpuByIndex(st.GPUs, g); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// sameGPUTwice refuses a GPU given twice, named as the owner typed it: the
// controller's "GPU GPU-9927a129-… is named twice" answered "--gpu 0
// --gpu 0" with a UUID the owner never wrote.
func sameGPUTwice(typed, uuids []string) error {
	for i, u := range uuids {
		j := slices.Index(uuids[:i], u)
		switch {
		case j < 0:
		case typed[j] == typed[i]:
			return usageError{msg: fmt.Sprintf("--gpu %s is given twice", typed[i])}
		default:
			return usageError{msg: fmt.Sprintf("--gpu %s and --gpu %s are the same GPU", typed[j], typed[i])}
		}
	}
	return nil
}

func isIndex(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// gpuByIndex finds the UUID of the GPU with the index the owner sees.
func gpuByIndex(gpus []control.GPUStatus, index string) (string, error) {
	n, _ := strconv.Atoi(index)
	for _, g := range gpus {
		if g.Index == n {
			return g.UUID, nil
		}
	}
	return "", usageError{msg: fmt.Sprintf("this rig has no GPU %d (it has %s)", n, control.Plural(len(gpus), "GPU"))}
}

// jobFlagNames says which flag each field of a job spec comes from.
var jobFlagNames = []struct{ field, flag string }{
	{"client", "--client"}, {"command", "command (after --)"}, {"gpus", "--gpus/--gpu"},
	{"price", "--price"}, {"currency", "--currency"}, {"max", "--max"}, {"on_interrupt", "--on-interrupt"}, {"dir", "--dir"},
}

// jobError lists an invalid job's problems one per line, by flag, or
// says that RigShift refused the job, and why.
func jobError(err error) error {
	var re *socket.RemoteError
	if !errors.As(err, &re) {
		return err // RigShift was not reached, or did not answer
	}
	if len(re.Fields) == 0 { // RigShift's own reason: it cannot save the job
		return fmt.Errorf("the job was not added: %w", err)
	}
	var b strings.Builder
	b.WriteString("the job was not added:")
	seen := map[string]bool{}
	for _, n := range jobFlagNames {
		if msg, ok := re.Fields[n.field]; ok {
			fmt.Fprintf(&b, "\n  %s: %s", n.flag, msg)
			seen[n.field] = true
		}
	}
	for _, field := range sortedKeys(re.Fields) {
		if !seen[field] {
			fmt.Fprintf(&b, "\n  %s: %s", field, re.Fields[field])
		}
	}
	return errors.New(b.String())
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
