package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/socket"
)

func runJobLogs(args []string, stdout, stderr io.Writer) error {
	n := socket.DefaultLogLines
	lines := func(fs *flag.FlagSet) {
		fs.Var((*countFlag)(&n), "n", "how many of the last `lines` to print")
	}
	return withJob("job logs ID", "rigshift job logs J-0003 -n 50", args, stderr, lines,
		func(c *socket.Client, pos []string) error {
			if n < 1 || n > socket.MaxLogLines {
				return usageError{msg: fmt.Sprintf("-n %d: ask for 1 to %d lines", n, socket.MaxLogLines)}
			}
			out, err := jobLogs(c, pos[0], n)
			for _, l := range out {
				fmt.Fprintln(stdout, l)
			}
			if err == nil && len(out) == 0 {
				fmt.Fprintf(stderr, "%s has no output yet.\n", pos[0])
			}
			return err
		}, "job ID")
}

// jobLogs asks RigShift for the job's output. RigShift reads a job's log
// file itself once the job's output is no longer in memory; one of an
// earlier version answered nothing, so the file is read here then.
func jobLogs(c *socket.Client, id string, n int) ([]string, error) {
	lines, err := c.JobLogs(id, n)
	if err != nil || len(lines) > 0 {
		return lines, err
	}
	j, err := c.Job(id)
	if err != nil || j.LogPath == "" {
		return nil, err
	}
	return logs.LastLines(j.LogPath, n)
}
