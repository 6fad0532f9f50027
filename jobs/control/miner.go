package control

import (
	"strconv"
	"strings"

	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/jobs/miners"
)

// portPlaceholder in a custom miner's arguments or stats URL is replaced by
// a free loopback port, so that every GPU's instance gets its own API.
const portPlaceholder = "{port}"

// minerPreset is the configured miner, ready for one more instance.
func (c *Controller) minerPreset() (miners.Preset, error) {
	p := c.settings.Miner
	p.Args = append([]string(nil), p.Args...)
	if p.Miner != miners.Custom || !usesPort(p) {
		p.APIPort = 0 // each instance picks its own free port
		return p, nil
	}
	port, err := miners.FreePort()
	if err != nil {
		return p, err
	}
	s := strconv.Itoa(port)
	for i, a := range p.Args {
		p.Args[i] = strings.ReplaceAll(a, portPlaceholder, s)
	}
	p.StatsURL = strings.ReplaceAll(p.StatsURL, portPlaceholder, s)
	return p, nil
}

func usesPort(p miners.Preset) bool {
	return strings.Contains(p.StatsURL, portPlaceholder) || strings.Contains(strings.Join(p.Args, " "), portPlaceholder)
}

// inventory is the rig as the miner presets want it.
func (c *Controller) inventory() []miners.GPU {
	out := make([]miners.GPU, len(c.slots))
	for i, s := range c.slots {
		out[i] = miners.GPU{UUID: s.info.UUID, BusID: s.info.PCIBusID}
	}
	return out
}

// gpuIndex numbers the GPUs by UUID as the owner knows them, for the
// lines RigShift writes in a workload's log.
func (c *Controller) gpuIndex() map[string]int {
	out := make(map[string]int, len(c.slots))
	for _, s := range c.slots {
		out[s.info.UUID] = s.info.Index
	}
	return out
}

// hashRate is what a miner instance reports now, in H/s: nothing while
// it is not running (held for heat, or waiting to restart), whatever its
// API said last.
func hashRate(w *workload) float64 {
	st := w.handle.Status()
	if st.State != jobs.Running || st.StatsAt.IsZero() || st.StatsErr != "" {
		return 0
	}
	return st.Stats.Total
}

// miningPerDay is what a miner instance earns a day now: nothing unless
// its process runs (held for heat, or waiting to restart after a crash, it
// earns no per-GPU-day revenue either).
func (c *Controller) miningPerDay(w *workload) float64 {
	if w.handle.Status().State != jobs.Running {
		return 0
	}
	return c.settings.revenuePerDay(hashRate(w))
}

// revenuePerDay estimates a mining GPU's revenue from its hashrate.
func (s Settings) revenuePerDay(hashRate float64) float64 {
	return hashRate/1e6*s.MiningPerMHsDay + s.MiningPerGPUDay
}
