package main

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/miners"
)

// controller pretends to be RigShift's controller: Auto mode, one rental
// job on the first two GPUs, mining on the rest, the last card hot.
type controller struct {
	mu       sync.Mutex
	sim      *hardware.Simulated
	sampler  *hardware.Sampler
	mode     control.Mode
	since    time.Time
	busyTill time.Time
	jobs     []control.Job
	settings control.Settings
	subs     map[chan struct{}]struct{}
	nextID   int
}

var _ control.API = (*controller)(nil)

func newController(sim *hardware.Simulated, s *hardware.Sampler, now time.Time) *controller {
	c := &controller{sim: sim, sampler: s, mode: control.Auto, since: now.Add(-3 * time.Hour),
		settings: control.DefaultSettings(), subs: map[chan struct{}]struct{}{}, nextID: 48}
	c.settings.Miner = miners.Preset{Miner: miners.TRex, Executable: "/opt/t-rex/t-rex",
		Pool: "stratum+tcp://rvn.2miners.com:6060", Wallet: "RQ5Ldk2mvGZQWRsBwXAsyHKcUqBX7vrmhu", Worker: "rig-01", Algorithm: "kawpow"}
	c.settings.MiningPerMHsDay = 0.011
	c.settings.MineWhenAwayFor = 10 * time.Minute // the owner lends the GPUs while away: the settings show it on
	c.jobs = demoJobs(now, sim.GPUs())
	for i := range sim.GPUs() {
		_ = sim.SetLoad(i, 0.97)
	}
	occupyVRAM(sim)
	return c
}

// occupyVRAM puts the demo's workloads in the cards' memory, as NVML
// would report them: the training job fills most of its two cards, the
// miner holds its DAG on the others, and the card paused for heat (the
// last of six or more) has had its miner stopped.
func occupyVRAM(sim *hardware.Simulated) {
	const dag = 4600 << 20 // a kawpow DAG and the miner's buffers
	gpus := sim.GPUs()
	for i, g := range gpus {
		switch {
		case i < 2: // the running job's GPUs, as demoJobs picks them
			_ = sim.AddProcess(i, 4242, g.VRAMTotal/100*78)
		case len(gpus) >= 6 && i == len(gpus)-1:
		default:
			_ = sim.AddProcess(i, 5100+i, min(dag, g.VRAMTotal/2))
		}
	}
}

func (c *controller) Status() control.Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := control.Status{Mode: c.mode, Since: c.since, Switching: time.Now().Before(c.busyTill),
		DataPath: "/home/owner/.local/share/rigshift/rigshift.db"}
	c.advance()
	st.Running, st.Queued = c.running(), c.queued()
	c.fillGPUs(&st)
	st.Rates = c.rates(&st)
	st.Today = today(st.Rates)
	return st
}

// today makes up the day so far, the same whatever the hour, for the
// screenshots: 14 hours at the rates now, a rental job for the last 6.
func today(r control.Rates) control.Today {
	const hours, rented = 14.0, 6.0
	return control.Today{Currency: r.Currency, Rent: r.RentPerHour * rented, Mine: r.MinePerHour * (hours - rented),
		Electricity: r.PowerCostPerHour * hours}
}

// fillGPUs puts the job on the first GPUs, the miner on the rest, and the
// last card (of six or more) in thermal pause.
func (c *controller) fillGPUs(st *control.Status) {
	snap := c.sampler.Latest()
	onJob := map[string]string{}
	for _, j := range st.Running {
		for _, u := range j.GPUs {
			onJob[u] = j.ID
		}
	}
	st.Miner = control.MinerStatus{Configured: true, Name: "T-Rex", Pool: c.settings.Miner.Pool, Accepted: 1834, Rejected: 3}
	gpus := c.sim.GPUs()
	for i, g := range gpus {
		s := control.GPUStatus{UUID: g.UUID, Index: g.Index, Name: g.Name, Work: "idle", JobID: onJob[g.UUID],
			Aside: c.settings.Aside(g.UUID)}
		if snap != nil && i < len(snap.GPUs) {
			s.PowerW, s.TempC = snap.GPUs[i].PowerW, snap.GPUs[i].TempC
		}
		switch {
		case s.JobID != "":
			s.Work = "job " + s.JobID
		case len(gpus) >= 6 && i == len(gpus)-1:
			s.Hot = true
		case s.Aside:
			s.Work = control.WorkSetAside
		case c.mode == control.Mine || c.mode == control.Auto:
			s.Work, s.HashRate = "mining", 21e6+float64(i)*3.7e6
			st.Miner.GPUs++
			st.Miner.HashRate += s.HashRate
		}
		st.GPUs = append(st.GPUs, s)
	}
}

func (c *controller) rates(st *control.Status) control.Rates {
	r := control.Rates{Currency: c.settings.Currency}
	for _, j := range st.Running {
		r.RentPerHour += j.Spec.PricePerGPUHour * float64(len(j.GPUs))
	}
	r.MinePerHour = st.Miner.HashRate / 1e6 * c.settings.MiningPerMHsDay / 24
	for _, g := range st.GPUs {
		r.PowerW += g.PowerW
	}
	if len(st.GPUs) > 0 { // as the real controller: the overhead is booked on the GPUs that work
		r.PowerW += c.settings.HostOverheadW
	}
	r.PowerCostPerHour = r.PowerW / 1000 * c.settings.ElectricityPerKWh
	return r
}

func (c *controller) SetMode(m control.Mode) error {
	c.mu.Lock()
	c.mode, c.since, c.busyTill = m, time.Now(), time.Now().Add(2*time.Second)
	c.mu.Unlock()
	c.signal()
	go func() { time.Sleep(2100 * time.Millisecond); c.signal() }()
	return nil
}

func (c *controller) Subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	c.mu.Lock()
	c.subs[ch] = struct{}{}
	c.mu.Unlock()
	return ch, func() { c.mu.Lock(); delete(c.subs, ch); c.mu.Unlock() }
}

func (c *controller) signal() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for ch := range c.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func (c *controller) Settings() control.Settings {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.settings
}

func (c *controller) SaveSettings(s control.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	c.mu.Lock()
	c.settings = s
	c.mu.Unlock()
	return nil
}

func (c *controller) SetGPUAside(uuid string, aside bool) error {
	c.mu.Lock()
	s := c.settings
	s.GPUsAside = slices.DeleteFunc(slices.Clone(s.GPUsAside), func(u string) bool { return u == uuid })
	if aside {
		s.GPUsAside = append(s.GPUsAside, uuid)
	}
	c.settings = s
	c.mu.Unlock()
	c.signal()
	return nil
}

func (c *controller) newID() string {
	c.nextID++
	return fmt.Sprintf("J-%04d", c.nextID)
}
