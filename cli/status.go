package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
)

// runStatus asks the running RigShift how the rig is doing.
func runStatus(args []string, stdout, stderr io.Writer) error {
	return query(args, stdout, stderr, "status", fetchStatus, printStatus)
}

// statusReport is the status and how many events of the last day want a
// look: on a rig without a display, the first command says so.
type statusReport struct {
	control.Status
	// RecentProblems counts the last 24 hours' problems and warnings;
	// nil when the running RigShift cannot say (an older version).
	RecentProblems *int `json:"recent_problems,omitempty"`
	// Stuck counts the queued jobs that cannot run on the rig as it is
	// (they wait for a lost GPU); AsideWait those that wait for GPUs the
	// owner set aside.
	Stuck     int `json:"stuck_jobs,omitempty"`
	AsideWait int `json:"jobs_waiting_for_aside,omitempty"`
}

func fetchStatus(c *socket.Client) (statusReport, error) {
	st, err := c.Status()
	if err != nil {
		return statusReport{}, err
	}
	st.Running = maskedJobs(st.Running)
	r := statusReport{Status: st}
	now := time.Now()
	if evs, err := c.Events(now.Add(-24*time.Hour), now, socket.MaxEvents); err == nil {
		n := 0
		for _, e := range evs {
			if control.DescribeEvent(e.Kind).Severity >= control.EventWarning {
				n++
			}
		}
		r.RecentProblems = &n
	}
	if jobs, err := c.Jobs(); err == nil {
		for _, j := range jobs {
			switch {
			case j.State != control.JobQueued || j.Blocked == "":
			case j.WaitsForAside:
				r.AsideWait++
			default:
				r.Stuck++
			}
		}
	}
	return r, nil
}

// printStatus is the human summary: mode, GPUs, miner, jobs, money, file,
// and whether the last day had problems.
func printStatus(w io.Writer, r statusReport) {
	st := r.Status
	fmt.Fprintln(w, modeLine(st))
	printGPUWork(w, st.GPUs)
	fmt.Fprintln(w, minerLine(st.Miner))
	if st.Miner.Problem != "" {
		fmt.Fprintf(w, "  problem: %s\n", st.Miner.Problem)
	} else if st.MiningHeld != "" {
		fmt.Fprintf(w, "  waits: %s\n", st.MiningHeld)
	}
	fmt.Fprintf(w, "Jobs: %d running, %d queued", len(st.Running), st.Queued)
	if r.Stuck > 0 {
		fmt.Fprintf(w, " (%d waiting for a lost GPU: rigshift job list)", r.Stuck)
	}
	if r.AsideWait > 0 {
		fmt.Fprintf(w, " (%d waiting for GPUs set aside: rigshift gpu use N)", r.AsideWait)
	}
	fmt.Fprintln(w)
	printRunning(w, st.Running)
	fmt.Fprintln(w, ratesLine(st.Rates))
	if line := todayLine(st.Today); line != "" {
		fmt.Fprintln(w, line)
	}
	if line := problemsLine(r.RecentProblems); line != "" {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "Database: %s\n", st.DataPath)
	if st.StorageProblem != "" {
		fmt.Fprintf(w, "  not saving%s: %s\n", since(st.StorageSince), st.StorageProblem)
	}
}

func problemsLine(n *int) string {
	switch {
	case n == nil:
		return ""
	case *n == 0:
		return "Last 24 h: no problems"
	}
	return fmt.Sprintf("Last 24 h: %s to look at (rigshift events --problems)", control.Plural(*n, "problem"))
}

func modeLine(st control.Status) string {
	s := "Mode: " + st.Mode.String()
	if st.Switching {
		s += " (switching)"
	}
	return s + since(st.Since)
}

func printGPUWork(w io.Writer, gpus []control.GPUStatus) {
	if len(gpus) == 0 {
		fmt.Fprintln(w, "GPUs: none found (rigshift gpus says why)")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tNAME\tWORK\tHASHRATE\tPOWER\tTEMP")
	for _, g := range gpus {
		rate := "-"
		if g.HashRate > 0 {
			rate = control.HashRate(g.HashRate)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%.0f W\t%d °C%s\n", g.Index, g.Name, g.Work, rate, g.PowerW, g.TempC, gpuFlags(g))
	}
	tw.Flush()
}

// gpuFlags marks a GPU the thermal guard holds or that fell off the bus.
func gpuFlags(g control.GPUStatus) string {
	var marks []string
	switch {
	case g.Hot && !g.HeldUntil.IsZero(): // overheated again within the hour: held a while, cool or not
		marks = append(marks, "too hot again, paused until "+g.HeldUntil.Local().Format("15:04:05")+" at least")
	case g.Hot:
		marks = append(marks, "too hot, paused")
	}
	if g.Lost {
		marks = append(marks, "lost")
	}
	if g.Aside && g.Work != control.WorkSetAside {
		marks = append(marks, "set aside")
	}
	if len(marks) == 0 {
		return ""
	}
	return "  (" + strings.Join(marks, ", ") + ")"
}

func minerLine(m control.MinerStatus) string {
	switch {
	case !m.Configured:
		return "Miner: not set up (choose one in the window's Settings, or with rigshift settings set miner=…)"
	case m.GPUs == 0:
		return fmt.Sprintf("Miner: %s, not mining now", m.Name)
	}
	rate := "hash rate unknown" // starting up, or a custom miner without a stats address
	if m.HashRate > 0 {
		rate = control.HashRate(m.HashRate)
	}
	s := fmt.Sprintf("Miner: %s on %s, %s, shares %d accepted / %d rejected", m.Name, control.Plural(m.GPUs, "GPU"), rate, m.Accepted, m.Rejected)
	if m.Pool != "" {
		s += ", pool " + m.Pool
	}
	return s
}

func printRunning(w io.Writer, jobs []control.Job) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, j := range jobs {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", j.ID, clientCell(j.Spec.Client), j.State, j.Progress.String(),
			duration(j.Running), money(j.Earned, j.Currency))
	}
	tw.Flush()
}

// ratesLine is the money line the window shows too.
func ratesLine(r control.Rates) string {
	offPeak := ""
	if r.OffPeak {
		offPeak = ", off-peak"
	}
	return fmt.Sprintf("now: renting pays %s/h, mining %s/h, electricity %s/h (net %s/h at %.0f W%s)",
		money(r.RentPerHour, r.Currency), money(r.MinePerHour, r.Currency),
		money(r.PowerCostPerHour, r.Currency), money(r.Net(), r.Currency), r.PowerW, offPeak)
}

// todayLine is what the day has come to since midnight; "" from a
// RigShift that has not totalled it (or too old to).
func todayLine(t control.Today) string {
	if t.Currency == "" {
		return ""
	}
	return fmt.Sprintf("today: renting %s, mining %s, electricity %s (net %s)",
		money(t.Rent, t.Currency), money(t.Mine, t.Currency), money(t.Electricity, t.Currency), money(t.Net(), t.Currency))
}

// since says how long ago t was, for `rigshift mode`.
func since(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " since " + t.Local().Format("2006-01-02 15:04") + " (" + duration(time.Since(t)) + " ago)"
}
