//go:build !unix

package cli

import (
	"fmt"
	"io"
	"time"
)

func printFootprint(w io.Writer, wall time.Duration) {
	fmt.Fprintf(w, "footprint: wall %s (CPU and memory figures need a Unix system)\n", wall)
}
