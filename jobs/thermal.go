package jobs

import "time"

// gpuTemp is what the thermal guard knows of one GPU.
type gpuTemp struct {
	tempC    float64
	hotSince time.Time // when it went over the limit; zero when not over
	lost     bool
}

// observe records a reading (from ObserveGPU) and wakes the loop.
func (r *run) observe(uuid string, tempC float64, lost bool, now time.Time) {
	r.mu.Lock()
	g := r.temps[uuid]
	if g == nil {
		g = &gpuTemp{}
		r.temps[uuid] = g
	}
	g.tempC, g.lost = tempC, g.lost || lost
	switch {
	case tempC <= r.cfg.ThermalLimitC:
		g.hotSince = time.Time{}
	case g.hotSince.IsZero():
		g.hotSince = now
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default: // a wake-up is already pending; it will see this reading
	}
}

// setGuards takes the thermal limits and the stall time of cfg; the next
// reading is weighed against them.
func (r *run) setGuards(cfg Config) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cfg.ThermalLimitC, r.cfg.ResumeBelowC, r.cfg.StallAfter = cfg.ThermalLimitC, cfg.ResumeBelowC, cfg.StallAfter
}

// lostGPU returns a lost GPU of the workload, or "".
func (r *run) lostGPU() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for uuid, g := range r.temps {
		if g.lost {
			return uuid
		}
	}
	return ""
}

// overheated returns a GPU that has been over the limit for HotFor.
func (r *run) overheated(now time.Time) (string, float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for uuid, g := range r.temps {
		if !g.lost && !g.hotSince.IsZero() && now.Sub(g.hotSince) >= r.cfg.HotFor {
			return uuid, g.tempC
		}
	}
	return "", 0
}

// cool reports whether every GPU of the workload is below the resume
// temperature.
func (r *run) cool() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, g := range r.temps {
		if !g.lost && g.tempC >= r.cfg.ResumeBelowC {
			return false
		}
	}
	return true
}

// hold starts counting paused time.
func (r *run) hold(gpu string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.st.HotGPU, r.st.PausedSince = gpu, now
}

// resumeCooled ends the hold and says which GPU cooled down: the owner is
// told by GPU, and thermal notices are rate-limited by GPU.
func (r *run) resumeCooled() {
	r.mu.Lock()
	gpu := r.st.HotGPU
	r.mu.Unlock()
	r.unhold()
	r.publish(Event{Kind: EventThermalResume, GPU: gpu})
}

// unhold adds the time held to PausedFor.
func (r *run) unhold() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.st.PausedSince.IsZero() {
		r.st.PausedFor += time.Since(r.st.PausedSince)
	}
	r.st.HotGPU, r.st.PausedSince, r.st.HeldUntil = "", time.Time{}, time.Time{}
}
