package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Errors from Supervisor.Start.
var (
	ErrDuplicate = errors.New("a workload with this ID is running")
	ErrClosed    = errors.New("supervisor is shut down")
	ErrGPULost   = errors.New("GPU is lost")
)

// Supervisor runs workloads. It is safe for concurrent use.
type Supervisor struct {
	cfg  Config
	hub  hub
	mu   sync.Mutex
	runs map[string]*run
	// ended are the runs that ended, oldest first, kept to keepFinished.
	ended []*run
	seen  map[string]bool // GPUs reported by ObserveGPU
	lost  map[string]bool
	shut  bool
	// lastPrune is when logs past LogMaxAge were last looked for.
	lastPrune time.Time
}

// NewSupervisor returns a Supervisor with cfg (zero fields take defaults).
func NewSupervisor(cfg Config) *Supervisor {
	return &Supervisor{cfg: cfg.withDefaults(), runs: map[string]*run{}, seen: map[string]bool{}, lost: map[string]bool{}}
}

// Start validates w, starts it in the background and returns its Handle.
// The Handle's state moves on from Starting; a program that cannot be
// started ends Fatal, with an EventFatal.
func (s *Supervisor) Start(w Workload) (*Handle, error) {
	if err := w.validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shut {
		return nil, ErrClosed
	}
	if r, ok := s.runs[w.ID]; ok && !r.finished() {
		return nil, fmt.Errorf("%w: %s", ErrDuplicate, w.ID)
	}
	for _, g := range w.GPUs {
		if s.lost[g] {
			return nil, fmt.Errorf("%w: %s", ErrGPULost, g)
		}
	}
	s.pruneOldLogsOnceADay(time.Now(), w.ID)
	r := newRun(s, w)
	s.runs[w.ID] = r
	go r.loop()
	return &Handle{r: r}, nil
}

// keepFinished is how many ended workloads the supervisor remembers, with
// their tails, besides the running ones. Every rental job has an ID of its
// own: remembering them all kept each one's output (up to TailBytes) for
// as long as RigShift ran. The controller reads a job's tail as it ends;
// an older job's output is in its log file.
const keepFinished = 20

// runEnded notes that r ended, and forgets the runs that ended before the
// last keepFinished, unless their ID was started again since (a miner's).
func (s *Supervisor) runEnded(r *run) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended = append(s.ended, r)
	for len(s.ended) > keepFinished {
		old := s.ended[0]
		if s.runs[old.w.ID] == old {
			delete(s.runs, old.w.ID)
		}
		s.ended = s.ended[1:]
	}
}

// Handle returns the handle of the workload with this ID, running or
// among the last keepFinished to end, if any.
func (s *Supervisor) Handle(id string) (*Handle, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.runs[id]
	if !ok {
		return nil, false
	}
	return &Handle{r: r}, true
}

// Handles returns the handles of the workloads running and of the last
// keepFinished to end, sorted by ID.
func (s *Supervisor) Handles() []*Handle {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Handle, 0, len(s.runs))
	for _, r := range s.runs {
		out = append(out, &Handle{r: r})
	}
	slices.SortFunc(out, func(a, b *Handle) int { return strings.Compare(a.ID(), b.ID()) })
	return out
}

// Subscribe returns a subscription with room for buffer events (at least
// 1). Close it when done.
func (s *Supervisor) Subscribe(buffer int) *Subscription { return s.hub.add(buffer) }

// ObserveGPU is the seam the telemetry sampler drives: call it once per
// GPU per tick with the GPU's UUID, its temperature in °C and whether NVML
// reports it lost (ERROR_GPU_IS_LOST). It never blocks on a workload:
// workloads act on it in their own goroutines. A GPU above
// Config.ThermalLimitC for Config.HotFor holds the workloads on it; a lost
// GPU stops them (and only them) and refuses new workloads on it.
func (s *Supervisor) ObserveGPU(uuid string, tempC float64, lost bool) {
	now := time.Now()
	s.mu.Lock()
	s.seen[uuid] = true
	if lost {
		s.lost[uuid] = true
	}
	runs := make([]*run, 0, len(s.runs))
	for _, r := range s.runs {
		if !r.finished() && r.w.usesGPU(uuid) {
			runs = append(runs, r)
		}
	}
	s.mu.Unlock()
	for _, r := range runs {
		r.observe(uuid, tempC, lost, now)
	}
}

// knownGPUs returns the GPUs seen through ObserveGPU that are not lost,
// for a workload that runs on all GPUs.
func (s *Supervisor) knownGPUs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for g := range s.seen {
		if !s.lost[g] {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Supervisor) isLost(uuid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lost[uuid]
}

// Shutdown stops every workload (StopShutdown) and refuses new ones. It
// returns when all have ended, or with ctx's error.
func (s *Supervisor) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.shut = true
	runs := make([]*run, 0, len(s.runs))
	for _, r := range s.runs {
		runs = append(runs, r)
	}
	s.mu.Unlock()
	errs := make([]error, len(runs))
	var wg sync.WaitGroup
	for i, r := range runs {
		wg.Go(func() { errs[i] = (&Handle{r: r}).Stop(ctx, StopShutdown) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// SetGuards changes the thermal guard's limits and the miners' stall time
// (zero keeps a value), for running workloads too: the owner lowers the
// limit for a card that runs hot now, under a job that may run for days.
func (s *Supervisor) SetGuards(limitC, resumeBelowC float64, stallAfter time.Duration) {
	s.mu.Lock()
	if limitC > 0 {
		s.cfg.ThermalLimitC = limitC
	}
	if resumeBelowC > 0 {
		s.cfg.ResumeBelowC = resumeBelowC
	}
	if stallAfter > 0 {
		s.cfg.StallAfter = stallAfter
	}
	cfg := s.cfg
	runs := make([]*run, 0, len(s.runs))
	for _, r := range s.runs {
		runs = append(runs, r)
	}
	s.mu.Unlock()
	for _, r := range runs { // as ObserveGPU: no run's lock taken under the supervisor's
		r.setGuards(cfg)
	}
}
