package control

import (
	"fmt"
	"maps"
	"slices"
)

// plan is what the rig should be doing now: which queued jobs start on
// which GPUs, and which GPUs mine. A job that holds GPUs is never moved.
type plan struct {
	rentals bool             // jobs may run in this mode
	start   map[string][]int // queued job ID → GPUs it gets
	mining  map[int]bool     // GPUs that should mine
	held    hold             // why the mode mines nothing now (mining hours, the owner present); zero if it may
}

// makePlan decides the plan for the current mode. The queue is FIFO: a job
// that cannot get its GPUs yet holds back the jobs behind it, so a large
// job is not starved by small ones. A job that named its GPUs holds back
// only those: the jobs behind may run on the others, which it would never
// take. Called with c.mu held.
func (c *Controller) makePlan() plan {
	p := plan{rentals: c.mode.RunsJobs(), start: map[string][]int{}, mining: map[int]bool{}}
	taken := map[int]bool{}
	for _, w := range c.work {
		if w.kind == renting {
			for _, g := range w.gpus {
				taken[g] = true
			}
		}
	}
	if p.rentals {
		c.planJobs(&p, taken)
	}
	if c.mayMine() {
		switch p.held = c.miningHeld(c.now()); p.held.cause {
		case notHeld:
			c.planMining(&p, taken, false)
		case checking: // a second: no miner stops or starts for it
			c.planMining(&p, taken, true)
		}
	}
	return p
}

func (c *Controller) planJobs(p *plan, taken map[int]bool) {
	if _, err := c.store.WriteProblem(); err != nil {
		// A start the database does not keep would be run, and billed,
		// again by a restart that finds the job still queued; the storage
		// notice says why the queue waits, and the GPUs mine meanwhile.
		return
	}
	claimed := maps.Clone(taken) // taken, and the GPUs named by a job that waits for them
	for _, id := range c.queue {
		j := c.jobs[id]
		if c.waitsFor(j) != "" {
			continue // until a reboot brings its GPU back, or the owner uses it again: it must not hold back the rest
		}
		gpus, ok := c.pickGPUs(j, claimed)
		if !ok && len(j.spec.GPUs) == 0 {
			return
		}
		if !ok { // in Rent mode the other GPUs sat idle behind it, though no job behind could delay it there
			for _, u := range j.spec.GPUs {
				if i, found := c.slotByUUID(u); found {
					claimed[i] = true
				}
			}
			continue
		}
		j.reserved = gpus
		for _, g := range gpus {
			taken[g], claimed[g] = true, true
		}
		p.start[id] = gpus
	}
}

// planMining plans a miner on every GPU that can mine, or only on those
// that mine already.
func (c *Controller) planMining(p *plan, taken map[int]bool, onlyMining bool) {
	for i, s := range c.slots {
		if w := c.work[s.owner]; onlyMining && (w == nil || w.kind != mining) {
			continue
		}
		if !s.lost && !taken[i] && s.blocked == "" && !s.minerGaveUp && !c.setAside(i) {
			p.mining[i] = true
		}
	}
}

// pickGPUs chooses GPUs for a queued job: the ones it named, or any healthy
// ones, idle before mining ones (so that Auto stops as little mining as it
// can), and those held for heat last (the job would be paused there at
// once). A job keeps the GPUs it was given while it waits for them.
func (c *Controller) pickGPUs(j *job, taken map[int]bool) ([]int, bool) {
	usable := func(i int) bool {
		return !c.slots[i].lost && !taken[i] && c.slots[i].blocked == "" && !c.setAside(i)
	}
	if len(j.reserved) > 0 && allOf(j.reserved, usable) {
		return j.reserved, true
	}
	if len(j.spec.GPUs) > 0 {
		return c.namedGPUs(j.spec.GPUs, usable)
	}
	var idle, busy, hot []int
	for i, s := range c.slots {
		switch {
		case !usable(i):
		case s.owner == "":
			idle = append(idle, i)
		case c.heldForHeat(s):
			hot = append(hot, i)
		default:
			busy = append(busy, i)
		}
	}
	all := slices.Concat(idle, busy, hot)
	if len(all) < j.spec.GPUCount {
		return nil, false
	}
	picked := slices.Clone(all[:j.spec.GPUCount])
	slices.Sort(picked)
	return picked, true
}

// heldForHeat reports whether the thermal guard holds the workload on s.
func (c *Controller) heldForHeat(s *slot) bool {
	w := c.work[s.owner]
	return w != nil && w.handle != nil && w.handle.Status().HotGPU != ""
}

func (c *Controller) namedGPUs(uuids []string, usable func(int) bool) ([]int, bool) {
	var out []int
	for _, u := range uuids {
		i, ok := c.slotByUUID(u)
		if !ok || !usable(i) {
			return nil, false
		}
		out = append(out, i)
	}
	return out, true
}

func allOf(list []int, ok func(int) bool) bool {
	for _, v := range list {
		if !ok(v) {
			return false
		}
	}
	return true
}

// cannotRun says why a job cannot run on the rig as it is, "" when it can
// (perhaps later, once GPUs free up): a GPU it names was lost, or it needs
// more GPUs than still work. A lost GPU stays lost until a reboot.
func (c *Controller) cannotRun(j *job) string {
	if cur, rig := j.spec.Currency, c.settings.Currency; cur != "" && cur != rig {
		// Only an older RigShift took such a job: its earnings could not be
		// set against the electricity, paid in the rig's currency.
		return fmt.Sprintf("it is priced in %s and the rig keeps its accounts in %s (Settings): cancel it and add it again priced in %s", cur, rig, rig)
	}
	for _, u := range j.spec.GPUs {
		switch i, ok := c.slotByUUID(u); {
		case !ok: // gone from the bus at the last start, or taken out
			return fmt.Sprintf("GPU %s, which it names, is not on this rig", u)
		case c.slots[i].lost:
			return fmt.Sprintf("GPU %d, which it names, was lost", i)
		}
	}
	working := 0
	for _, s := range c.slots {
		if !s.lost {
			working++
		}
	}
	if len(j.spec.GPUs) == 0 && j.spec.GPUCount > working {
		return fmt.Sprintf("it needs %s and %s of this rig's %d still work (a GPU was lost)",
			Plural(j.spec.GPUCount, "GPU"), Plural(working, "GPU"), len(c.slots))
	}
	return ""
}

// setAside reports whether the owner keeps GPU i out of RigShift's work.
func (c *Controller) setAside(i int) bool { return c.settings.Aside(c.slots[i].info.UUID) }

// mayMine reports whether the mode mines, a miner is set up and the owner
// left RigShift a GPU to mine on: with every working GPU set aside, nothing
// waits for the mining hours or the owner's absence.
func (c *Controller) mayMine() bool {
	if !c.mode.mines() || !c.settings.MinerConfigured() {
		return false
	}
	aside := false
	for i, s := range c.slots {
		switch {
		case c.setAside(i):
			aside = true
		case !s.lost:
			return true
		}
	}
	return !aside // every GPU lost and none set aside: mining waits as it always did
}

// waitsFor says why a queued job cannot start on the rig as it is, "" when
// it can (perhaps later, once GPUs free up): what cannotRun says, or GPUs
// the owner set aside.
func (c *Controller) waitsFor(j *job) string {
	if why := c.cannotRun(j); why != "" {
		return why
	}
	return c.asideBlocks(j)
}

// asideBlocks says why a job waits for GPUs the owner set aside: one it
// names, or too few left without them. "" when none keeps it waiting.
func (c *Controller) asideBlocks(j *job) string {
	for _, u := range j.spec.GPUs {
		if i, ok := c.slotByUUID(u); ok && c.setAside(i) {
			return fmt.Sprintf("GPU %d, which it names, is set aside: use it again to run this job", i)
		}
	}
	if len(j.spec.GPUs) > 0 {
		return ""
	}
	var usable int
	var aside []int
	for i, s := range c.slots {
		switch {
		case s.lost:
		case c.setAside(i):
			aside = append(aside, i)
		default:
			usable++
		}
	}
	if j.spec.GPUCount <= usable {
		return ""
	}
	return fmt.Sprintf("it needs %s; with %s set aside the rig has %d for it",
		Plural(j.spec.GPUCount, "GPU"), gpuList(aside), usable)
}
