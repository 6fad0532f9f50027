package cli

import (
	"io"

	"github.com/rigshift/rigshift/ui"
)

// runWindow opens the desktop window and the tray on a running instance.
func runWindow(args []string, _, stderr io.Writer) error {
	var f instanceFlags
	hidden := false
	fs := newFlagSet("window", stderr, "rigshift --simulate 4")
	f.register(fs)
	fs.BoolVar(&hidden, "hidden", false, "start in the system tray without showing the window")
	if err := parse(fs, args); err != nil {
		return err
	}
	return withInstance(f, stderr, func(in *instance) error {
		return ui.RunApp(ui.Deps{
			Rig: ui.Rig{System: in.rig.system(), GPUs: in.rig.gpus(), GPUErr: in.rig.gpuErr,
				Host: in.rig.host.Info(), Feed: in.sampler},
			Controller:  in.ctrl,
			History:     ui.StoreHistory(in.store),
			StartHidden: hidden,
			Quit:        in.stop,
		})
	})
}
