package control

import (
	"fmt"
	"slices"

	"github.com/rigshift/rigshift/jobs"
)

var _ API = (*Controller)(nil)

// SetMode switches the rig to m and returns at once; the switch itself
// happens in the background. Repeating or racing calls is safe: the last
// one wins. The mode is committed before anything is acted on, so a
// restarted RigShift comes back in it; a mode that cannot be committed is
// refused, except Idle.
func (c *Controller) SetMode(m Mode) error {
	if m > Auto {
		return fmt.Errorf("unknown mode %d", m)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.store.SetMode(m.String(), string(ReasonUser))
	if err != nil && m != Idle {
		stays := fmt.Sprintf("the rig stays in %s mode until it can", c.mode.Title())
		if c.mode != Idle {
			stays += " (a switch to Idle always works)"
		}
		return c.cannotSave("the switch", stays, err)
	}
	// Stopping must not wait for the disk: the owner can always stop the
	// rig, and the banner already says nothing is being saved. The Idle is
	// saved once the disk takes writes again (saveUnsaved).
	c.modeUnsaved = err != nil
	if err != nil {
		c.log.Warn("switched to Idle without saving it yet: it is saved once the database takes writes again", "err", err)
	}
	if m != c.mode {
		if !m.mines() {
			c.forgetPresence()
		}
		c.mode, c.since = m, c.now()
	}
	for _, s := range c.slots {
		s.minerGaveUp = false // a deliberate switch is the owner's "try again"
	}
	c.poke()
	return nil
}

// Status is the rig at a glance.
func (c *Controller) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Empty lists, not none: `rigshift status --json` read "running": null.
	st := Status{Mode: c.mode, Since: c.since, Queued: len(c.queue), Rates: c.currentRates(), DataPath: c.store.Path(),
		GPUs: []GPUStatus{}, Running: []Job{}}
	st.Miner = MinerStatus{Configured: c.settings.MinerConfigured(), Name: string(c.settings.Miner.Miner)}
	for i, s := range c.slots {
		st.GPUs = append(st.GPUs, c.gpuStatus(i, s, &st.Miner))
	}
	st.Miner.Problem = c.minerProblem()
	st.Switching = c.switching()
	if c.mayMine() {
		// A second's wait for the desktop's first answer stops no miner:
		// not worth a banner.
		if h := c.miningHeld(c.now()); h.cause != checking {
			st.MiningHeld, st.MiningWaits = h.why, h.brief
		}
	}
	for _, w := range c.work {
		if w.kind == renting {
			st.Running = append(st.Running, c.view(c.jobs[w.jobID]))
		}
	}
	slices.SortFunc(st.Running, func(a, b Job) int { return compareIDs(a.ID, b.ID) })
	// After the running jobs' bills were brought up to now: they agree.
	now := c.now()
	for _, j := range st.Running {
		st.Accruing = append(st.Accruing, c.unbookedRun(c.jobs[j.ID], now))
	}
	st.Today = c.todayAt(now, st.Accruing)
	if since, err := c.store.WriteProblem(); err != nil {
		st.StorageProblem, st.StorageSince = err.Error(), since
	}
	return st
}

func (c *Controller) gpuStatus(i int, s *slot, miner *MinerStatus) GPUStatus {
	g := GPUStatus{UUID: s.info.UUID, Index: i, Name: s.info.Name, Lost: s.lost, Aside: c.setAside(i),
		PowerW: s.sample.PowerW, TempC: s.tempC, Work: "idle"}
	w := c.work[s.owner]
	switch {
	case s.lost:
		g.Work = "lost"
	case w == nil && s.blocked != "":
		g.Work = "blocked: " + s.blocked
	case w == nil && g.Aside:
		g.Work = WorkSetAside
	case w == nil:
	case w.stopping:
		g.Work = "stopping"
	case w.kind == renting:
		g.Work, g.JobID = "job "+w.jobID, w.jobID
	default:
		c.minerGPU(w, &g, miner)
	}
	if w != nil {
		if st := w.handle.Status(); st.HotGPU == s.info.UUID {
			g.Hot, g.HeldUntil = true, st.HeldUntil
		}
	}
	return g
}

// What the miner's problem says of the GPUs it stopped on (slot.minerWhy).
const (
	minerGaveUpOn     = "gave up on %s after too many restarts"
	minerNotStartedOn = "could not be started on %s"
)

// minerProblem is the miner's problem after the word "miner", naming
// every GPU it stopped on alike: a wrong pool stops it on every card,
// and "gave up on GPU 0" alone read as the other cards being fine. ""
// when it stopped on none.
func (c *Controller) minerProblem() string {
	why, gpus := "", []int(nil)
	for i, s := range c.slots {
		if s.minerGaveUp && (why == "" || s.minerWhy == why) {
			why, gpus = s.minerWhy, append(gpus, i)
		}
	}
	if why == "" {
		return ""
	}
	return fmt.Sprintf(why, gpuList(gpus))
}

func (c *Controller) minerGPU(w *workload, g *GPUStatus, miner *MinerStatus) {
	st := w.handle.Status()
	if st.State == jobs.Backoff { // it crashed and waits to start again: nothing runs
		g.Work = WorkMinerRestarting
		return
	}
	g.Work, g.HashRate = "mining", hashRate(w)
	if st.State == jobs.Paused { // held for heat (Hot): stopped until it cools
		return
	}
	miner.GPUs++
	miner.HashRate += g.HashRate
	miner.Accepted += st.Stats.Accepted
	miner.Rejected += st.Stats.Rejected
	if st.Stats.Pool != "" {
		miner.Pool = st.Stats.Pool
	}
}

// switching reports whether workloads are still moving for the mode: being
// stopped, or about to be (a switch asked, the loop not yet at it).
func (c *Controller) switching() bool {
	p := c.makePlan()
	for _, w := range c.work {
		if w.stopping || c.unwanted(w, p) {
			return true
		}
	}
	for i := range p.mining {
		if c.slots[i].owner == "" {
			return true
		}
	}
	return len(p.start) > 0
}
