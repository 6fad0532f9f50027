package cli

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
)

// runJob is `rigshift job <add|list|cancel|move|logs>`.
func runJob(args []string, stdout, stderr io.Writer) error {
	return runGroup("job", jobCommands(), args, stdout, stderr)
}

func jobCommands() []subcommand {
	return []subcommand{
		{"add", "queue a rental job; prints its ID", runJobAdd},
		{"list", "list the rental jobs", runJobList},
		{"cancel", "cancel a queued or running job", runJobCancel},
		{"move", "move a queued job to another place in the queue", runJobMove},
		{"logs", "print a job's latest output", runJobLogs},
	}
}

func runJobList(args []string, stdout, stderr io.Writer) error {
	return query(args, stdout, stderr, "job list", fetchJobList, printJobListInMode)
}

// jobListInMode is the job list and the rig's mode, which may be why the
// queued jobs wait. Its JSON is the list's: the jobs alone.
type jobListInMode struct {
	socket.JobList
	mode control.Mode
}

func fetchJobList(c *socket.Client) (jobListInMode, error) {
	list, err := c.JobList()
	if err != nil {
		return jobListInMode{}, err
	}
	list.Jobs = maskedJobs(list.Jobs)
	st, err := c.Status()
	return jobListInMode{list, st.Mode}, err
}

// printJobListInMode is printJobList, and says when the mode holds the
// queued jobs back, as the window's job details do.
func printJobListInMode(w io.Writer, l jobListInMode) {
	printJobList(w, l.JobList)
	queued := slices.ContainsFunc(l.Jobs, func(j control.Job) bool { return j.State == control.JobQueued })
	if why := modeHoldsJobs(l.mode); queued && why != "" {
		fmt.Fprintf(w, "Queued jobs wait: %s.\n", why)
	}
}

// maskedJobs are jobs with their clients' secrets masked (JobSpec.Masked):
// a job list or a status is pasted into support threads, as the settings
// are.
func maskedJobs(jobs []control.Job) []control.Job {
	if jobs == nil {
		return nil // "null" in JSON, as before
	}
	out := make([]control.Job, len(jobs))
	for i, j := range jobs {
		j.Spec = j.Spec.Masked()
		out[i] = j
	}
	return out
}

// modeHoldsJobs says why queued jobs do not run in mode m; "" in Rent and
// Auto, which run them.
func modeHoldsJobs(m control.Mode) string {
	if m.RunsJobs() {
		return ""
	}
	return fmt.Sprintf("rental jobs run in Rent or Auto mode, and the rig is in %s mode (rigshift mode auto)", m.Title())
}

// printJobList is printJobs, and says how many of the oldest jobs did not
// fit in RigShift's answer.
func printJobList(w io.Writer, list socket.JobList) {
	printJobs(w, list.Jobs)
	if list.Omitted > 0 {
		fmt.Fprintf(w, "… and %s, left out to keep the answer short: 'rigshift export jobs' lists them all.\n",
			control.Plural(list.Omitted, "older finished job"))
	}
}

func printJobs(w io.Writer, jobs []control.Job) {
	if len(jobs) == 0 {
		fmt.Fprintln(w, "No rental jobs yet. Add one with 'rigshift job add'.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCLIENT\tSTATE\tGPUS\tDURATION\tEARNED\tPROGRESS")
	for _, j := range jobs {
		progress := "-"
		switch {
		case j.State == control.JobQueued:
			progress = queuePlace(j)
		case j.State.Active() || j.Progress.Source != "":
			p := j.Progress
			if !j.State.Active() {
				p.ETA = -1 // the bar's last estimate, from before it ended
			}
			progress = p.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", j.ID, clientCell(j.Spec.Client), j.State, gpusOf(j),
			duration(j.Running), money(j.Earned, j.Currency), progress)
	}
	tw.Flush()
}

// clientWidth is the most of a client's name a table shows: one long name
// (a pasted email) made every row that wide, wrapped over ssh.
const clientWidth = 40

// clientCell is the client cut to clientWidth, an ellipsis saying so.
func clientCell(client string) string {
	r := []rune(client)
	if len(r) <= clientWidth {
		return client
	}
	return strings.TrimRight(string(r[:clientWidth-1]), " ") + "…"
}

// queuePlace says where a queued job stands, counted as `job move` counts
// places, or why it cannot run on the rig as it is.
func queuePlace(j control.Job) string {
	switch {
	case j.Blocked != "":
		return "waiting: " + j.Blocked
	case j.WaitsForStorage:
		return "waiting: RigShift cannot save its records"
	case j.Ahead <= 0:
		return fmt.Sprintf("place %d, next in line", j.Position+1)
	}
	return fmt.Sprintf("place %d, %s ahead", j.Position+1, control.Plural(j.Ahead, "job"))
}

// gpusOf is how many GPUs a job runs on, or wants while it waits.
func gpusOf(j control.Job) int {
	switch {
	case len(j.GPUs) > 0:
		return len(j.GPUs)
	case len(j.Spec.GPUs) > 0:
		return len(j.Spec.GPUs)
	}
	return j.Spec.GPUCount
}

func runJobCancel(args []string, stdout, stderr io.Writer) error {
	return withJob("job cancel ID", "rigshift job cancel J-0003", args, stderr, nil,
		func(c *socket.Client, pos []string) error {
			if err := c.CancelJob(pos[0]); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Cancelled %s.\n", pos[0])
			return nil
		}, "job ID")
}

func runJobMove(args []string, stdout, stderr io.Writer) error {
	return withJob("job move ID PLACE", "rigshift job move J-0003 1   (1 runs next)", args, stderr, nil,
		func(c *socket.Client, pos []string) error {
			n, err := strconv.Atoi(pos[1])
			if err != nil || n < 1 {
				return usageError{msg: fmt.Sprintf("position %q: give a place in the queue, 1 for the front", pos[1])}
			}
			if err := c.MoveJob(pos[0], n); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Moved %s to %s in the queue.\n", pos[0], placeAfterMove(c, pos[0], n))
			return nil
		}, "job ID", "position")
}

// placeAfterMove is where a moved job now stands: a place past the end of
// the queue puts it last, and says so rather than echo the place typed.
func placeAfterMove(c *socket.Client, id string, asked int) string {
	j, err := c.Job(id)
	if err != nil || j.Position < 0 || j.Position+1 >= asked {
		return fmt.Sprintf("place %d", asked) // moved already: a failed look is no failure
	}
	return fmt.Sprintf("place %d, the last", j.Position+1)
}

// withJob parses a job command's flags and positional arguments (named by
// names), connects, and runs do. extra registers the command's own flags.
func withJob(name, example string, args []string, stderr io.Writer, extra func(*flag.FlagSet),
	do func(c *socket.Client, pos []string) error, names ...string) error {
	var df dataFlags
	fs := newFlagSet(name, stderr, example)
	df.register(fs)
	if extra != nil {
		extra(fs)
	}
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(pos, names...); err != nil {
		if len(pos) < len(names) { // say what an ID looks like, and where to find one
			example, _, _ := strings.Cut(example, "   (")
			return usageError{msg: fmt.Sprintf("%v, e.g. %s (rigshift job list shows the IDs)", err, example)}
		}
		return err
	}
	if pos[0], err = jobID(pos[0]); err != nil {
		return err
	}
	c, err := df.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	return do(c, pos)
}

// jobIDForm is a job ID as people type it: J-0003, j-3, j3, 3.
var jobIDForm = regexp.MustCompile(`^(?i:j-?)?0*([1-9][0-9]{0,8})$`)

// jobID is the ID of the job typed as typed, written as RigShift writes it
// (J-0003, store.NextJobID): "rigshift job cancel 3" or "j-0003" found no
// job.
func jobID(typed string) (string, error) {
	m := jobIDForm.FindStringSubmatch(typed)
	if m == nil {
		return "", usageError{msg: fmt.Sprintf("%q is no job ID: they look like J-0003 (rigshift job list shows them)", typed)}
	}
	n, _ := strconv.Atoi(m[1])
	return fmt.Sprintf("J-%04d", n), nil
}
