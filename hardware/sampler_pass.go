package hardware

import (
	"errors"
	"time"
)

// reader owns one source's goroutine. The pass loop owns busy and lost; the
// goroutine writes err (and the source's buffer) before it reports on done,
// and the loop reads them only after receiving that report.
type reader struct {
	req   chan struct{}
	read  func() error
	err   error
	busy  bool
	fresh bool // answered during the current pass
	lost  bool
	last  GPUSample // GPU readers: the last good reading
	buf   GPUSample // GPU readers: written by the goroutine
}

func newReader(done chan<- *reader, read func() error) *reader {
	r := &reader{req: make(chan struct{}, 1), read: read}
	go func() {
		for range r.req {
			r.err = r.read()
			done <- r
		}
	}()
	return r
}

func (s *Sampler) newGPUReader(i int) *reader {
	var r *reader
	r = newReader(s.done, func() error { return s.backend.Read(i, &r.buf) })
	r.last = GPUSample{Index: i, UUID: s.gpus[i].UUID}
	return r
}

// Pass reads every source once, waiting at most the budget, and returns the
// snapshot. Run calls it on its schedule; the CLI calls it once.
func (s *Sampler) Pass() Snapshot {
	s.drain() // answers that came after the previous deadline
	for _, r := range s.readers {
		s.dispatch(r)
	}
	s.dispatch(s.host)
	s.timer.Reset(s.opts.Budget)
	s.await()
	s.timer.Stop()
	return s.snapshot()
}

func (s *Sampler) dispatch(r *reader) {
	if r == nil {
		return
	}
	r.fresh = false
	if r.busy || r.lost {
		return
	}
	r.busy = true
	r.req <- struct{}{}
}

func (s *Sampler) pending() bool {
	for _, r := range s.readers {
		if r.busy {
			return true
		}
	}
	return s.host != nil && s.host.busy
}

// drain takes the answers already waiting.
func (s *Sampler) drain() {
	for {
		select {
		case r := <-s.done:
			s.accept(r)
		default:
			return
		}
	}
}

// await takes answers until none is pending or the budget is spent.
func (s *Sampler) await() {
	for s.pending() {
		select {
		case r := <-s.done:
			s.accept(r)
		case <-s.timer.C:
			return
		}
	}
}

func (s *Sampler) accept(r *reader) {
	r.busy, r.fresh = false, true
	if r == s.host {
		s.hostLast = s.hostBuf
		return
	}
	switch {
	case r.err == nil:
		r.last = r.buf
	case errors.Is(r.err, ErrGPULost):
		r.lost = true
	}
}

func (s *Sampler) snapshot() Snapshot {
	s.seq++
	snap := Snapshot{Seq: s.seq, Time: time.Now(), GPUs: make([]GPUSample, len(s.readers))}
	for i, r := range s.readers {
		snap.GPUs[i] = r.last
		snap.GPUs[i].State = readerState(r)
	}
	if s.host != nil {
		snap.Host, snap.HostErr = s.hostLast, errHostSlow
		if s.host.fresh { // else its goroutine may be writing err now
			snap.HostErr = s.host.err
		}
	}
	return snap
}

var errHostSlow = errors.New("host sensors did not answer in time")

func readerState(r *reader) GPUState {
	switch {
	case r.lost:
		return GPULost
	case !r.fresh || r.err != nil:
		return GPUNotResponding
	}
	return GPUOK
}
