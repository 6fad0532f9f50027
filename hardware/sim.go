package hardware

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Simulated is a rig of NVIDIA GPUs that exists only in memory. Load drives
// power, power and fan drive temperature, temperature drives the fan, and
// the energy counter integrates power, so charts and guards behave as on a
// real rig. Workloads can set each GPU's load; until one does, an autopilot
// wanders the load so a demo looks alive.
type Simulated struct {
	sys   SystemInfo
	gpus  []GPUInfo
	cards []*simCard
	clock func() time.Time
}

var _ Backend = (*Simulated)(nil)

// SimOptions shape a simulated rig. The zero value is a usable rig.
type SimOptions struct {
	Seed      uint64           // same seed, same UUIDs (history stays attached)
	Clock     func() time.Time // defaults to time.Now
	Autopilot bool             // wander the load of GPUs nobody set
}

// NewSimulated returns a rig of n GPUs warmed to steady temperatures.
func NewSimulated(n int, opts SimOptions) (*Simulated, error) {
	if n < 1 || n > 64 {
		return nil, fmt.Errorf("a simulated rig has 1 to 64 GPUs, not %d", n)
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	s := &Simulated{
		sys:   SystemInfo{Backend: BackendSimulated, Driver: "550.54.15", CUDA: "12.4"},
		clock: opts.Clock,
	}
	now := opts.Clock()
	for i := range n {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
		info := simInfo(i, rng)
		s.gpus = append(s.gpus, info)
		s.cards = append(s.cards, newSimCard(info, simModels[i%len(simModels)], rng, opts.Autopilot, now))
	}
	return s, nil
}

func simInfo(i int, rng *rand.Rand) GPUInfo {
	m := simModels[i%len(simModels)]
	return GPUInfo{
		Index:       i,
		UUID:        simUUID(rng),
		Name:        m.name,
		PCIBusID:    fmt.Sprintf("00000000:%02X:00.0", i+1),
		VRAMTotal:   m.vramGiB << 30,
		PowerLimitW: m.powerLimitW,
	}
}

// simUUID makes an NVML-style UUID: GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func simUUID(rng *rand.Rand) string {
	a, b := rng.Uint64(), rng.Uint64()
	return fmt.Sprintf("GPU-%08x-%04x-%04x-%04x-%012x",
		a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// System describes the simulated driver stack.
func (s *Simulated) System() SystemInfo { return s.sys }

// GPUs is the simulated inventory.
func (s *Simulated) GPUs() []GPUInfo { return s.gpus }

// Close does nothing: there is no driver to release.
func (s *Simulated) Close() error { return nil }

// Read advances GPU index's physics to now and reports it.
func (s *Simulated) Read(index int, out *GPUSample) error {
	c, err := s.card(index)
	if err != nil {
		return err
	}
	return c.read(s.clock(), out)
}

// Processes lists what was attached to GPU index with AddProcess.
func (s *Simulated) Processes(index int) ([]GPUProcess, error) {
	c, err := s.card(index)
	if err != nil {
		return nil, err
	}
	return c.processes()
}

// SetLoad sets GPU index's load (0 to 1), as a workload starting or stopping
// on it would. The autopilot leaves that GPU alone from then on.
func (s *Simulated) SetLoad(index int, load float64) error {
	c, err := s.card(index)
	if err != nil {
		return err
	}
	c.setLoad(load)
	return nil
}

// AddProcess makes pid appear in GPU index's process list holding mem bytes.
func (s *Simulated) AddProcess(index, pid int, mem uint64) error {
	c, err := s.card(index)
	if err != nil {
		return err
	}
	c.addProcess(pid, mem)
	return nil
}

// RemoveProcess takes pid off every GPU's process list.
func (s *Simulated) RemoveProcess(pid int) {
	for _, c := range s.cards {
		c.removeProcess(pid)
	}
}

// Lose makes GPU index fall off the bus, like Xid 79 on a bad riser.
func (s *Simulated) Lose(index int) error {
	c, err := s.card(index)
	if err != nil {
		return err
	}
	c.lose()
	return nil
}

func (s *Simulated) card(index int) (*simCard, error) {
	if index < 0 || index >= len(s.cards) {
		return nil, fmt.Errorf("no GPU with index %d (this rig has %d)", index, len(s.cards))
	}
	return s.cards[index], nil
}
