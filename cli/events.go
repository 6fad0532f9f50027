package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
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
	follow   bool
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
	f.since = "24h"
	fs.Var((*sinceFlag)(&f.since), "since", "how far back, a `duration` such as 90m, 24h or 7d")
	fs.BoolVar(&f.problems, "problems", false, "only problems and warnings: failed jobs, heat, lost GPUs, restarts")
	f.limit = 200
	fs.Var((*countFlag)(&f.limit), "limit", "show at most `N` events, the newest")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON instead of text")
	fs.BoolVar(&f.follow, "follow", false, "then print new events as they happen, until Ctrl-C (RigShift must be running)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if f.follow && f.asJSON {
		return usageError{msg: "--follow prints text; leave out --json"}
	}
	back, err := parseSince(f.since)
	if err != nil {
		return err
	}
	if f.limit <= 0 {
		return usageError{msg: fmt.Sprintf("--limit %d: give a number of events above 0", f.limit)}
	}
	open := openExportSource
	if f.follow {
		open = openRunningSource // new events come only from a running RigShift
	}
	src, err := open(f.dataFlags)
	if err != nil {
		return err
	}
	defer src.Close()
	now := time.Now()
	ask := f.limit
	if f.problems {
		ask = socket.MaxEvents // the problems are picked from all of them
	}
	read, err := src.Events(now.Add(-back), now, ask)
	if err != nil {
		return err
	}
	evs := f.pick(read)
	if f.asJSON {
		return printJSON(stdout, evs)
	}
	gpus, err := src.GPUIndex()
	if err != nil {
		return err
	}
	if !f.follow || len(evs) > 0 {
		printEvents(stdout, evs, gpus, f.describe())
	}
	if f.follow {
		floor := now.Add(-back) // older events were not asked for
		if len(read) == ask && ask > 0 {
			floor = read[len(read)-1].Time // nor those older than the limit let in
		}
		return f.followOn(src, stdout, follower{since: now, floor: floor, seen: read}, gpus)
	}
	return nil
}

// followPoll is how often --follow asks for new events.
var followPoll = time.Second

// followUntil is when --follow stops: Ctrl-C or SIGTERM. Tests replace it.
var followUntil = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// followOverlap is how far back each --follow read looks again: an event
// is timed when it happens but stored a moment later, so one timed before
// the last read may only be there at the next.
const followOverlap = 5 * time.Second

// follower is where --follow stands: the newest event time read, the
// oldest it may print, and the events read within followOverlap of the
// newest (printed, or left out by --problems), so that none is told twice.
type follower struct {
	since, floor time.Time
	seen         []store.Event
}

// followOn prints the events that happen after fw.since, as they come.
func (f eventFlags) followOn(src exportSource, w io.Writer, fw follower, gpus map[string]int) error {
	ctx, stop := followUntil()
	defer stop()
	tick := time.NewTicker(followPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		evs, err := src.Events(maxTime(fw.since.Add(-followOverlap), fw.floor), time.Now(), socket.MaxEvents)
		if errors.Is(err, socket.ErrStopped) { // the usual end besides Ctrl-C: the socket's errno is no news
			return errors.New("RigShift stopped: there are no more events to follow until it runs again")
		}
		if err != nil {
			return err
		}
		var shown []store.Event
		for _, e := range fw.take(evs) {
			if f.wants(e) {
				shown = append(shown, e)
			}
		}
		printEvents(w, shown, gpus, "")
	}
}

// take returns the events of newestFirst not read before, oldest first,
// and moves the follower on past them.
func (fw *follower) take(newestFirst []store.Event) []store.Event {
	var fresh []store.Event
	for _, e := range slices.Backward(newestFirst) {
		if !slices.ContainsFunc(fw.seen, e.Same) {
			fresh = append(fresh, e)
			fw.seen = append(fw.seen, e)
			fw.since = maxTime(fw.since, e.Time)
		}
	}
	edge := fw.since.Add(-followOverlap)
	fw.seen = slices.DeleteFunc(fw.seen, func(e store.Event) bool { return e.Time.Before(edge) })
	return fresh
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// pick keeps the events asked for: problems only if so, the newest
// f.limit of them, oldest first.
func (f eventFlags) pick(newestFirst []store.Event) []store.Event {
	out := []store.Event{} // none is [] in --json, not null
	for _, e := range newestFirst {
		if len(out) == f.limit {
			break
		}
		if f.wants(e) {
			out = append(out, e)
		}
	}
	slices.Reverse(out)
	return out
}

// wants reports whether e is of the events asked for.
func (f eventFlags) wants(e store.Event) bool {
	return !f.problems || control.DescribeEvent(e.Kind).Severity >= control.EventWarning
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
// The titles' column is as wide as the widest title, so that lines printed
// later (--follow) line up with the first.
func printEvents(w io.Writer, evs []store.Event, gpus map[string]int, asked string) {
	if len(evs) == 0 {
		if asked != "" {
			fmt.Fprintf(w, "No %s.\n", asked)
		}
		return
	}
	width := titleWidth()
	indent := strings.Repeat(" ", len(eventTimeLayout)+2+width+2+2)
	year := time.Now().Year()
	for _, e := range evs {
		first, rest, _ := strings.Cut(e.Message, "\n")
		if e.Kind == store.EventKindMode {
			first, rest = e.Message, ""
		}
		one := e
		one.Message = first
		fmt.Fprintf(w, "%s  %-*s  %s\n", eventTime(e.Time.Local(), year), width,
			control.DescribeEvent(e.Kind).Title, control.EventLine(one, gpus))
		if rest != "" {
			for line := range strings.SplitSeq(rest, "\n") {
				fmt.Fprintf(w, "%s%s\n", indent, line)
			}
		}
	}
}

// eventTimeLayout is when an event of this year happened.
const eventTimeLayout = "Jan 02 15:04:05"

// eventTime writes when an event happened: an earlier year's (--since 400d)
// with its year instead of the time of day, in the same width, where it
// read as this year's.
func eventTime(t time.Time, thisYear int) string {
	if t.Year() == thisYear {
		return t.Format(eventTimeLayout)
	}
	return fmt.Sprintf("%-*s", len(eventTimeLayout), t.Format("Jan 02 2006"))
}

func titleWidth() int {
	width := 0
	for _, k := range control.EventKinds() {
		width = max(width, len(k.Title))
	}
	return width
}

// maxSinceDays is as far back as --since looks, in days: a century holds
// every rig's history, and more days than a Duration holds would wrap.
const maxSinceDays = 36525

// parseSince reads how far back to look: a Go duration, whole days, or
// both ("2d12h"), spaces and all, as the other duration flags take them.
func parseSince(s string) (time.Duration, error) {
	text := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	var d time.Duration
	ok := text != ""
	if days, rest, hasDays := strings.Cut(text, "d"); hasDays {
		n, err := strconv.Atoi(days)
		ok = err == nil && n >= 0
		d, text = time.Duration(min(n, maxSinceDays))*24*time.Hour, rest
	}
	if ok && text != "" {
		more, err := time.ParseDuration(text)
		ok = err == nil && more >= 0
		d += more
	}
	if !ok || d <= 0 {
		return 0, usageError{msg: fmt.Sprintf("--since %q: write how far back as 90m, 24h or 7d", s)}
	}
	return d, nil
}
