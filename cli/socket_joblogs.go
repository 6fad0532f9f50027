package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rigshift/rigshift/jobs/socket"
)

// logTailBytes bounds how much of a job's log file is read for its tail.
const logTailBytes = 4 << 20

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

// jobLogs asks RigShift for the job's output; a job that did not run since
// RigShift started has it only in its log file, which is read here.
func jobLogs(c *socket.Client, id string, n int) ([]string, error) {
	lines, err := c.JobLogs(id, n)
	if err != nil || len(lines) > 0 {
		return lines, err
	}
	j, err := c.Job(id)
	if err != nil || j.LogPath == "" {
		return nil, err
	}
	return tailFile(j.LogPath, n)
}

// tailFile returns the last n lines of the file, reading at most its last
// logTailBytes.
func tailFile(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the job's log: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the job's log: %w", err)
	}
	off := max(0, info.Size()-logTailBytes)
	b, err := io.ReadAll(io.NewSectionReader(f, off, info.Size()-off))
	if err != nil {
		return nil, fmt.Errorf("reading the job's log %s: %w", path, err)
	}
	return lastLines(b, n, off > 0), nil
}

// lastLines splits b into lines and keeps the last n; cut says b starts
// mid-line, so its first line is dropped.
func lastLines(b []byte, n int, cut bool) []string {
	b = bytes.TrimRight(b, "\n")
	if len(b) == 0 {
		return nil
	}
	parts := bytes.Split(b, []byte("\n"))
	if cut && len(parts) > 1 {
		parts = parts[1:]
	}
	parts = parts[max(0, len(parts)-n):]
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = string(bytes.TrimRight(p, "\r"))
	}
	return out
}
