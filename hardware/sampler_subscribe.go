package hardware

// Subscribe returns a channel that receives every snapshot from now on, and
// a function that ends the subscription. A subscriber that falls behind
// misses intermediate snapshots and gets the latest one: the sampler never
// waits for it.
func (s *Sampler) Subscribe() (<-chan Snapshot, func()) {
	ch := make(chan Snapshot, 1)
	s.subsMu.Lock()
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	return ch, func() {
		s.subsMu.Lock()
		delete(s.subs, ch)
		s.subsMu.Unlock()
	}
}

func (s *Sampler) publish(snap Snapshot) {
	s.latest.Store(&snap)
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		offerLatest(ch, snap)
	}
}

// offerLatest puts snap in ch, replacing a snapshot the reader has not taken.
func offerLatest(ch chan Snapshot, snap Snapshot) {
	select {
	case ch <- snap:
		return
	default:
	}
	select {
	case <-ch:
	default:
	}
	select {
	case ch <- snap:
	default:
	}
}
