package logs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// lastLinesBytes bounds how much of a log file LastLines reads.
const lastLinesBytes = 4 << 20

// LastLines returns the last n lines of the log file at path, reading at
// most its last 4 MiB: the output of a run that is no longer in memory.
func LastLines(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, oswords.Worded("the job's log file is no longer there: RigShift removes old runs' logs, and it may have been deleted ("+path+")", err)
	}
	if err != nil {
		return nil, unreadable(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unreadable(path, err)
	}
	off := max(0, info.Size()-lastLinesBytes)
	b, err := io.ReadAll(io.NewSectionReader(f, off, info.Size()-off))
	if err != nil {
		return nil, unreadable(path, err)
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

// unreadable says that the log at path cannot be read, with the system's
// words only ("permission denied"), not Go's "open <path>:" again.
func unreadable(path string, err error) error {
	return oswords.Worded(fmt.Sprintf("cannot read the job's log file %s (%v)", path, oswords.System(err)), err)
}
