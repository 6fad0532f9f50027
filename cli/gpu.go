package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
)

// runGPU sets a GPU of the running RigShift aside, or uses it again:
// `rigshift gpu aside 1`, `rigshift gpu use 1`.
func runGPU(args []string, stdout, stderr io.Writer) error {
	var df dataFlags
	fs := newFlagSet("gpu aside|use GPU", stderr, "rigshift gpu aside 1   (aside: RigShift runs nothing on GPU 1; use: it works again)")
	df.register(fs)
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 2 && (pos[0] == "aside" || pos[0] == "use") {
		return oneAtATime(pos[0], pos[1:])
	}
	if len(pos) != 2 || (pos[0] != "aside" && pos[0] != "use") {
		return usageError{msg: "say what to do and which GPU: rigshift gpu aside 1, or rigshift gpu use 1 (its index or UUID, as 'rigshift status' lists them)"}
	}
	c, err := df.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	before, err := c.Status()
	if err != nil {
		return err
	}
	g, err := pickGPU(before.GPUs, pos[1])
	if err != nil {
		return usageError{msg: err.Error()}
	}
	aside := pos[0] == "aside"
	if _, err := c.SetGPUAside(g.UUID, aside); err != nil {
		return err
	}
	fmt.Fprintln(stdout, asideSaid(g, jobOn(before.Running, g.JobID), aside))
	return nil
}

// oneAtATime answers `rigshift gpu aside 0 1`, which was told to say
// what to do and which GPU, with the commands that do it.
func oneAtATime(verb string, gpus []string) error {
	lines := make([]string, len(gpus))
	for i, g := range gpus {
		lines[i] = "rigshift " + cmdline.Quote([]string{"gpu", verb, g})
	}
	return usageError{msg: "one GPU at a time: " + strings.Join(lines, ", then ")}
}

// pickGPU finds the GPU the owner named: by its index, its UUID, or the
// start of its UUID, as long as that names one GPU.
func pickGPU(gpus []control.GPUStatus, name string) (control.GPUStatus, error) {
	if i, err := strconv.Atoi(name); err == nil {
		for _, g := range gpus {
			if g.Index == i {
				return g, nil
			}
		}
		return control.GPUStatus{}, fmt.Errorf("there is no GPU %d on this rig (%s)", i, gpuCount(len(gpus)))
	}
	var found []control.GPUStatus
	for _, g := range gpus {
		if strings.HasPrefix(strings.ToLower(g.UUID), strings.ToLower(name)) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return control.GPUStatus{}, fmt.Errorf("no GPU of this rig has the UUID %q (%s)", name, gpuCount(len(gpus)))
	}
	return control.GPUStatus{}, fmt.Errorf("%q starts the UUID of %d GPUs: give more of it, or the GPU's index", name, len(found))
}

func gpuCount(n int) string {
	if n == 0 {
		return "RigShift found no GPU"
	}
	return fmt.Sprintf("its GPUs are 0 to %d", n-1)
}

// jobOn is the job with this ID among those running, nil if none.
func jobOn(running []control.Job, id string) *control.Job {
	for i := range running {
		if running[i].ID == id {
			return &running[i]
		}
	}
	return nil
}

// asideSaid tells the owner what setting g aside, or using it again, does,
// from what ran on it before: job, when known, is the rental job on it.
func asideSaid(g control.GPUStatus, job *control.Job, aside bool) string {
	name := fmt.Sprintf("GPU %d (%s)", g.Index, g.Name)
	switch {
	case !aside && !g.Aside:
		return name + " is in use already."
	case !aside:
		return name + " is back in use: RigShift may mine or run rental jobs on it again."
	case g.Aside:
		return name + " is set aside already."
	}
	said := name + " is set aside: RigShift runs nothing on it until 'rigshift gpu use " + strconv.Itoa(g.Index) + "'."
	switch {
	case g.JobID != "" && job != nil && job.Spec.OnInterrupt == control.FailJob:
		said += " Job " + g.JobID + ", which ran on it, stops and fails, as its client asked of an interrupted run."
	case g.JobID != "":
		said += " Job " + g.JobID + ", which ran on it, goes back to the queue."
	case g.Work == "mining" || g.Work == control.WorkMinerRestarting:
		said += " Its miner stops."
	}
	return said
}
