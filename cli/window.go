package cli

import (
	"context"
	"io"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/ui"
)

// runWindow opens the desktop window on the rig.
func runWindow(args []string, _, stderr io.Writer) error {
	var rf rigFlags
	fs := newFlagSet("window", stderr, "rigshift --simulate 4")
	rf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	r, err := openRig(rf)
	if err != nil {
		return err
	}
	defer r.close()
	sampler := hardware.NewSampler(r.backend, r.host, hardware.SamplerOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go sampler.Run(ctx)
	ui.Run(ui.Rig{System: r.system(), GPUs: r.gpus(), GPUErr: r.gpuErr, Host: r.host.Info(), Feed: sampler})
	return nil
}
