package logs

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// lastLinesBytes bounds how much of a log file LastLines reads.
const lastLinesBytes = 4 << 20

// LastLines returns the last n lines of the log file at path, reading at
// most its last 4 MiB: the output of a run that is no longer in memory.
func LastLines(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the job's log: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the job's log: %w", err)
	}
	off := max(0, info.Size()-lastLinesBytes)
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
