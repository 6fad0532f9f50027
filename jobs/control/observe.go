package control

import (
	"fmt"
	"strings"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// maxGPUPowerW bounds what a GPU can draw: a jump of the energy counter
// beyond it over the time since the last reading is no energy used but a
// counter that restarted elsewhere (a driver reload, say). A card that did
// not answer for a while comes back with all it used meanwhile.
const maxGPUPowerW = 2_000

// observe takes a telemetry snapshot: it feeds the thermal guard, notices
// lost GPUs, and books each GPU's energy to whoever holds it.
func (c *Controller) observe(snap *hardware.Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.accountIdle(snap.Time) // first: the energy read below goes to the GPU's holder now
	for i := range snap.GPUs {
		if i < len(c.slots) {
			c.observeGPU(c.slots[i], i, &snap.GPUs[i], snap.Time)
		}
	}
	c.accountMining(snap)
}

func (c *Controller) observeGPU(s *slot, i int, g *hardware.GPUSample, at time.Time) {
	s.sample = *g
	if g.Has(hardware.MetricTemp) {
		s.tempC = g.TempC // a failed read is no news: the guard goes on with the last one, not 0 °C
	}
	lost := g.State == hardware.GPULost
	c.sup.ObserveGPU(s.info.UUID, float64(s.tempC), lost)
	if lost && !s.lost {
		s.lost = true
		c.note.send(Notice{Kind: NoticeGPULost, GPU: s.info.UUID, Title: fmt.Sprintf("GPU %d was lost", i),
			Body: fmt.Sprintf("GPU %d (%s) fell off the bus. %sCheck its riser and power cable, then reboot.", i, s.info.Name, c.afterLoss(s))})
	}
	if g.State != hardware.GPUOK || !g.Has(hardware.MetricEnergy) {
		return
	}
	if s.metered {
		// Weighed over the counter's read interval at least: the NVML
		// backend carries the figure with the power between reads, and a
		// read may correct that much of it at once.
		limit := maxGPUPowerW * max(hardware.EnergyCounterEvery.Seconds(), at.Sub(s.energyAt).Seconds())
		if d := g.EnergyJ - s.energyJ; d >= 0 && d < limit {
			c.bookEnergy(s, d)
		}
	}
	s.energyJ, s.energyAt, s.metered = g.EnergyJ, at, true
}

// afterLoss says what a lost GPU's loss means for the rig, as a sentence
// with a space after it, or "": its work stopped where some ran on it, and
// the other GPUs work on where there are any (a one-GPU rig has none).
func (c *Controller) afterLoss(lost *slot) string {
	var parts []string
	if lost.owner != "" {
		parts = append(parts, "its work stopped")
	}
	others := 0
	for _, s := range c.slots {
		if !s.lost {
			others++
		}
	}
	if w := OthersKeepWorking(others); w != "" {
		parts = append(parts, w)
	}
	if len(parts) == 0 {
		return ""
	}
	return sentence(strings.Join(parts, "; ")) + ". "
}

// bookEnergy charges joules used by a GPU to the job or miner holding it,
// or to its idle record.
func (c *Controller) bookEnergy(s *slot, joules float64) {
	w := c.work[s.owner]
	switch {
	case w == nil:
		if s.idle != nil {
			s.idle.energyJ += joules
		}
	case w.kind == renting:
		j := c.jobs[w.jobID]
		j.view.EnergyJ += joules
		if j.runUse == nil {
			j.runUse = map[string]cardUse{}
		}
		u := j.runUse[s.info.UUID]
		u.energyJ += joules
		u.cost += c.electricity(joules) // the price jobElectricity gives them
		j.runUse[s.info.UUID] = u
	case w.session != nil:
		w.session.energyJ += joules
	}
}

// currentRates is the live money line.
func (c *Controller) currentRates() Rates {
	r := Rates{Currency: c.settings.Currency}
	for _, s := range c.slots {
		if !s.lost {
			r.PowerW += s.sample.PowerW
		}
	}
	if c.overheadShareW() > 0 { // as the ledger books it: shared by the GPUs not lost, none without them
		r.PowerW += c.settings.HostOverheadW
	}
	r.PowerCostPerHour = r.PowerW / 1000 * c.price
	r.OffPeak = !c.settings.CheapHours.AllDay() && c.price == c.settings.CheapPerKWh && c.price != c.settings.ElectricityPerKWh
	for _, w := range c.work {
		switch {
		case w.kind == mining && !w.stopping:
			r.MinePerHour += c.miningPerDay(w) / 24
		case w.kind == renting:
			if j := c.jobs[w.jobID]; j.view.State == JobRunning {
				r.RentPerHour += j.spec.PricePerGPUHour * float64(len(w.gpus))
			}
		}
	}
	return r
}

// OthersKeepWorking says that the rig's n other GPUs work on after one is
// lost: "the other GPU keeps working", "the other GPUs keep working", or
// "" where there are none. The notice and the window's lost card say it.
func OthersKeepWorking(n int) string {
	switch {
	case n == 1:
		return "the other GPU keeps working"
	case n > 1:
		return "the other GPUs keep working"
	}
	return ""
}
