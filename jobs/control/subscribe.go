package control

import "sync"

// subscribers are signalled whenever the controller's state changes. A
// signal carries no data: the subscriber reads Status or Jobs, so a slow
// one only ever misses signals it no longer needs.
type subscribers struct {
	mu  sync.Mutex
	chs map[chan struct{}]struct{}
}

func (s *subscribers) add() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chs == nil {
		s.chs = map[chan struct{}]struct{}{}
	}
	s.chs[ch] = struct{}{}
	return ch, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.chs, ch)
	}
}

func (s *subscribers) signal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.chs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Subscribe returns a channel signalled whenever the status or a job
// changed, and a function ending the subscription.
func (c *Controller) Subscribe() (<-chan struct{}, func()) { return c.subs.add() }
