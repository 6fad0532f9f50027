package cli

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// eventFlags are `rigshift events`' flags.
type eventFlags struct {
	dataFlags
	since    string
	problems bool
	limit    int
	asJSON   bool
}

// runEvents is `rigshift events`: the event log in the terminal, oldest
// first, so that what happened last is what is left on the screen. It
// reads the running RigShift, or the database when RigShift is not
// running: a rig without a display has no other way to see what happened
// overnight.
func runEvents(args []string, stdout, stderr io.Writer) error {
	var f eventFlags
	fs := newFlagSet("events", stderr, "rigshift events --since 7d --problems")
	f.dataFlags.register(fs)
	fs.StringVar(&f.since, "since", "24h", "how far back: 90m, 24h, 7d, …")
	fs.BoolVar(&f.problems, "problems", false, "only problems and warnings: failed jobs, heat, lost GPUs, restarts")
	fs.IntVar(&f.limit, "limit", 200, "show at most this many, the newest")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON instead of text")
	if err := parse(fs, args); err != nil {
		return err
	}
	back, err := parseSince(f.since)
	if err != nil {
		return err
	}
	if f.limit <= 0 {
		return usageError{msg: fmt.Sprintf("--limit %d: give a number of events above 0", f.limit)}
	}
	src, err := openExportSource(f.dataFlags)
	if err != nil {
		return err
	}
	defer src.Close()
	now := time.Now()
	ask := f.limit
	if f.problems {
		ask = socket.MaxEvents // the problems are picked from all of them
	}
	evs, err := src.Events(now.Add(-back), now, ask)
	if err != nil {
		return err
	}
	evs = f.pick(evs)
	if f.asJSON {
		return printJSON(stdout, evs)
	}
	gpus, err := src.GPUIndex()
	if err != nil {
		return err
	}
	printEvents(stdout, evs, gpus, f.describe())
	return nil
}

// pick keeps the events asked for: problems only if so, the newest
// f.limit of them, oldest first.
func (f eventFlags) pick(newestFirst []store.Event) []store.Event {
	var out []store.Event
	for _, e := range newestFirst {
		if len(out) == f.limit {
			break
		}
		if !f.problems || control.DescribeEvent(e.Kind).Severity >= control.EventWarning {
			out = append(out, e)
		}
	}
	slices.Reverse(out)
	return out
}

// describe is what was asked, for the line that says nothing matched.
func (f eventFlags) describe() string {
	what := "events"
	if f.problems {
		what = "problems"
	}
	return what + " in the last " + f.since
}

// printEvents writes one line an event: when, what in a word, and what
// happened; a message of several lines (a failed job's last output)
// follows indented under it.
func printEvents(w io.Writer, evs []store.Event, gpus map[string]int, asked string) {
	if len(evs) == 0 {
		fmt.Fprintf(w, "No %s.\n", asked)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range evs {
		first, rest, _ := strings.Cut(e.Message, "\n")
		if e.Kind == store.EventKindMode {
			first, rest = e.Message, ""
		}
		one := e
		one.Message = first
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Time.Local().Format("Jan 02 15:04:05"),
			control.DescribeEvent(e.Kind).Title, control.EventLine(one, gpus))
		if rest != "" {
			for line := range strings.SplitSeq(rest, "\n") {
				fmt.Fprintf(tw, "\t\t  %s\n", line)
			}
		}
	}
	tw.Flush()
}

// parseSince reads how far back to look: a Go duration, or whole days.
func parseSince(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, usageError{msg: fmt.Sprintf("--since %q: write how far back as 90m, 24h or 7d", s)}
}
