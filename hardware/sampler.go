package hardware

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Snapshot is one sampling pass over the whole rig. Subscribers share it:
// treat it as read-only.
type Snapshot struct {
	Seq  uint64
	Time time.Time
	GPUs []GPUSample
	Host HostSample
	// HostErr is set when the host could not be read this pass.
	HostErr error
}

// HostReader reads the host; *Host is the real one.
type HostReader interface {
	Read(*HostSample) error
}

// SamplerOptions tune a Sampler. Zero values take the defaults.
type SamplerOptions struct {
	Interval time.Duration // between passes; default 1 s
	// Budget bounds one pass: a GPU that has not answered by then is shown
	// as not responding with its last values. Default: 80 % of Interval.
	Budget time.Duration
}

// Sampler polls every GPU and the host on one schedule. Each source is read
// by its own long-lived reader goroutine, so a hung NVML call stalls only its
// own GPU; the pass itself never waits longer than the budget.
type Sampler struct {
	backend  Backend
	gpus     []GPUInfo
	opts     SamplerOptions
	readers  []*reader
	host     *reader
	hostBuf  HostSample // written by the host reader's goroutine
	hostLast HostSample // the pass loop's copy
	done     chan *reader
	timer    *time.Timer
	seq      uint64
	latest   atomic.Pointer[Snapshot]
	subsMu   sync.Mutex
	subs     map[chan Snapshot]struct{}
	stop     sync.Once
}

// NewSampler prepares a sampler over backend (nil for a rig without NVIDIA
// GPUs) and host (nil to skip the host).
func NewSampler(backend Backend, host HostReader, opts SamplerOptions) *Sampler {
	if opts.Interval <= 0 {
		opts.Interval = time.Second
	}
	if opts.Budget <= 0 {
		opts.Budget = opts.Interval * 8 / 10
	}
	s := &Sampler{backend: backend, opts: opts, subs: map[chan Snapshot]struct{}{}}
	if backend != nil {
		s.gpus = backend.GPUs()
	}
	s.done = make(chan *reader, len(s.gpus)+1)
	for i := range s.gpus {
		s.readers = append(s.readers, s.newGPUReader(i))
	}
	if host != nil {
		s.host = newReader(s.done, func() error { return host.Read(&s.hostBuf) })
	}
	s.timer = time.NewTimer(time.Hour)
	s.timer.Stop()
	return s
}

// GPUs is the inventory being sampled.
func (s *Sampler) GPUs() []GPUInfo { return s.gpus }

// Interval is the time between passes.
func (s *Sampler) Interval() time.Duration { return s.opts.Interval }

// Latest is the most recent snapshot, or nil before the first pass.
func (s *Sampler) Latest() *Snapshot { return s.latest.Load() }

// Run samples every Interval until ctx ends, then stops the readers.
func (s *Sampler) Run(ctx context.Context) {
	defer s.Close()
	tick := time.NewTicker(s.opts.Interval)
	defer tick.Stop()
	for {
		s.publish(s.Pass())
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Close stops the reader goroutines. A reader stuck in a hung call exits
// when the call returns.
func (s *Sampler) Close() {
	s.stop.Do(func() {
		for _, r := range s.readers {
			close(r.req)
		}
		if s.host != nil {
			close(s.host.req)
		}
	})
}
