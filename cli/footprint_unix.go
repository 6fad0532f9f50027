//go:build unix

package cli

import (
	"fmt"
	"io"
	"syscall"
	"time"
)

// printFootprint reports this process's CPU time and peak resident memory.
func printFootprint(w io.Writer, wall time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fmt.Fprintf(w, "footprint unavailable: %v\n", err)
		return
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	fmt.Fprintf(w, "footprint: wall %s, CPU %s (%.3f %% of one core), peak RSS %.1f MB\n",
		wall.Round(time.Millisecond), cpu.Round(time.Millisecond),
		100*cpu.Seconds()/wall.Seconds(), float64(maxRSSBytes(ru))/1e6)
}
