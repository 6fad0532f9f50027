package hardware

import (
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// simCard is one simulated GPU's physical state.
type simCard struct {
	mu        sync.Mutex
	info      GPUInfo
	model     gpuModel
	rng       *rand.Rand
	autopilot bool
	lost      bool
	at        time.Time // physics is advanced up to here
	target    float64   // load the workload asks for, 0..1
	load      float64   // load the card has reached
	tempC     float64
	fan       float64 // 0..1
	energyJ   float64
	procs     map[int]uint64
}

func newSimCard(info GPUInfo, m gpuModel, rng *rand.Rand, autopilot bool, now time.Time) *simCard {
	c := &simCard{info: info, model: m, rng: rng, autopilot: autopilot,
		tempC: simAmbientC, fan: 0.3, procs: map[int]uint64{}}
	if autopilot {
		c.target = c.wander()
	}
	// Warm up for five minutes so the first reading is a steady state.
	c.at = now.Add(-5 * time.Minute)
	c.advance(now)
	return c
}

func (c *simCard) read(now time.Time, s *GPUSample) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lost {
		return ErrGPULost
	}
	c.advance(now)
	c.fill(now, s)
	return nil
}

// advance integrates the card's physics up to now in steps of at most a
// second, so that fast readers see energy and temperature move too.
func (c *simCard) advance(now time.Time) {
	for now.After(c.at) {
		dt := min(now.Sub(c.at), time.Second)
		c.step(dt.Seconds())
		c.at = c.at.Add(dt)
	}
}

func (c *simCard) step(dt float64) {
	if c.autopilot && c.rng.Float64() < dt/90 { // a new mood every ~90 s
		c.target = c.wander()
	}
	c.load += (c.target - c.load) * (1 - math.Exp(-dt/simLoadTauSec))
	power := c.power()
	c.energyJ += power * dt
	steady := simAmbientC + power*(0.2-0.07*c.fan)
	c.tempC += (steady - c.tempC) * (1 - math.Exp(-dt/simThermalTauSec))
	c.fan = fanCurve(c.tempC)
}

// wander picks a plausible load: mostly busy, sometimes idle.
func (c *simCard) wander() float64 {
	if c.rng.Float64() < 0.25 {
		return 0.02 * c.rng.Float64()
	}
	return 0.75 + 0.25*c.rng.Float64()
}

// power follows load and stays under the limit; a hot card is held back.
func (c *simCard) power() float64 {
	p := c.model.idleW + (c.model.powerLimitW-c.model.idleW)*math.Pow(c.load, 0.9)
	if c.tempC > simHotC {
		p *= 0.85
	}
	return math.Min(p, c.model.powerLimitW)
}

// fanCurve is a typical stock curve: 30 % until 50 °C, 100 % at 85 °C.
func fanCurve(tempC float64) float64 {
	return math.Max(0.3, math.Min(1, 0.3+0.7*(tempC-50)/35))
}

func (c *simCard) fill(now time.Time, s *GPUSample) {
	m := c.model
	noise := 1 + 0.02*(c.rng.Float64()-0.5)
	busy := math.Min(1, c.load*1.5)
	*s = GPUSample{
		Index: c.info.Index, UUID: c.info.UUID, Time: now, Valid: metricEnd - 1,
		TempC:       int(math.Round(c.tempC)),
		PowerW:      math.Round(c.power()*noise*10) / 10,
		PowerLimitW: m.powerLimitW,
		EnergyJ:     c.energyJ,
		GPUUtil:     int(math.Round(100 * c.load)),
		MemUtil:     int(math.Round(60 * c.load * noise)),
		VRAMUsed:    c.vramUsed(),
		VRAMTotal:   c.info.VRAMTotal,
		FanPct:      int(math.Round(100 * c.fan)),
		SMClockMHz:  simIdleSMMHz + int(float64(m.boostMHz-simIdleSMMHz)*busy),
		MemClockMHz: simIdleMemMHz + int(float64(m.memMHz-simIdleMemMHz)*busy),
		Throttle:    c.throttle(),
	}
}

func (c *simCard) vramUsed() uint64 {
	used := uint64(simBaseVRAM)
	for _, mem := range c.procs {
		used += mem
	}
	return min(used, c.info.VRAMTotal)
}

func (c *simCard) throttle() ThrottleReasons {
	switch {
	case c.tempC > simHotC:
		return ThrottleSWThermal
	case c.load < 0.05:
		return ThrottleIdle
	case c.power() >= c.model.powerLimitW*0.98:
		return ThrottlePowerCap
	}
	return 0
}

func (c *simCard) setLoad(load float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.autopilot = false
	c.target = math.Max(0, math.Min(1, load))
}

func (c *simCard) lose() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lost = true
}

func (c *simCard) addProcess(pid int, mem uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.procs[pid] = mem
}

func (c *simCard) removeProcess(pid int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.procs, pid)
}

func (c *simCard) processes() ([]GPUProcess, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lost {
		return nil, ErrGPULost
	}
	out := make([]GPUProcess, 0, len(c.procs))
	for pid, mem := range c.procs {
		out = append(out, GPUProcess{PID: pid, UsedMemory: mem})
	}
	return out, nil
}
