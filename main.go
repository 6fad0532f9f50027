// RigShift is the owner's cockpit for a GPU rig: it shows the GPUs and the
// host live, runs a miner or a client's AI training job, and keeps the
// history. Run without arguments it opens the window; `rigshift help` lists
// the command-line commands.
package main

import (
	"os"

	"github.com/rigshift/rigshift/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
