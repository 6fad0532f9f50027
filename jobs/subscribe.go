package jobs

import (
	"sync"
	"sync/atomic"
)

// Subscription receives events. A subscriber that reads too slowly loses
// the oldest undelivered events, never blocks the supervisor; Dropped
// counts what it lost.
type Subscription struct {
	ch      chan Event
	dropped atomic.Int64
	hub     *hub
}

// C is the channel to read events from. It is closed by Close.
func (s *Subscription) C() <-chan Event { return s.ch }

// Dropped returns how many events were discarded because the buffer was
// full.
func (s *Subscription) Dropped() int64 { return s.dropped.Load() }

// Close ends the subscription and closes C. It is safe to call twice.
func (s *Subscription) Close() { s.hub.remove(s) }

// offer delivers e, dropping the oldest buffered event when full. Offers
// are serialised by the hub's lock; a concurrent reader only makes room.
func (s *Subscription) offer(e Event) {
	for {
		select {
		case s.ch <- e:
			return
		default:
		}
		select {
		case <-s.ch:
			s.dropped.Add(1)
		default:
		}
	}
}

// hub fans events out to subscriptions.
type hub struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

func (h *hub) add(buffer int) *Subscription {
	s := &Subscription{ch: make(chan Event, max(buffer, 1)), hub: h}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[*Subscription]struct{}{}
	}
	h.subs[s] = struct{}{}
	return s
}

func (h *hub) remove(s *Subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; ok {
		delete(h.subs, s)
		close(s.ch)
	}
}

func (h *hub) publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.offer(e)
	}
}
