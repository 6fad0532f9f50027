package store

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// keyGPUs holds, in the meta bucket, every GPU the store has seen, so that
// the history can still name a card after it left the rig (sold, dead, or
// out of sight while the driver is broken).
var keyGPUs = []byte("gpus")

// GPURecord is what the store remembers of a GPU.
type GPURecord struct {
	UUID  string `json:"uuid"`
	Index int    `json:"index"`
	Name  string `json:"name"`
	BusID string `json:"pci_bus_id"`
}

// RememberGPUs records the rig's GPUs, replacing what was known of each
// and keeping the others. It runs at every start, so it writes only when
// something changed (a commit is two fsyncs). One goroutine calls it.
func (s *Store) RememberGPUs(gpus []GPURecord) error {
	var known map[string]GPURecord
	err := s.view(func(tx *bolt.Tx) (err error) {
		known, err = s.rememberedGPUs(tx)
		return err
	})
	if err == nil && mergeGPUs(known, gpus) {
		err = s.putMeta(keyGPUs, known)
	}
	if err != nil {
		return fmt.Errorf("remembering the GPUs: %w", err)
	}
	return nil
}

// mergeGPUs puts gpus into known and tells whether that changed it. A
// card that could not say its name or bus this time keeps the ones
// remembered: the history names it after it has left the rig.
func mergeGPUs(known map[string]GPURecord, gpus []GPURecord) (changed bool) {
	for _, g := range gpus {
		old := known[g.UUID]
		g.Name, g.BusID = cmp.Or(g.Name, old.Name), cmp.Or(g.BusID, old.BusID)
		if g.UUID != "" && old != g {
			known[g.UUID], changed = g, true
		}
	}
	return changed
}

// KnownGPUs lists every GPU the store remembers or has telemetry of,
// ordered by index. A GPU recorded before the store remembered GPUs has
// only its UUID, and Index -1; those come last.
func (s *Store) KnownGPUs() ([]GPURecord, error) {
	var known map[string]GPURecord
	err := s.view(func(tx *bolt.Tx) (err error) {
		known, err = s.rememberedGPUs(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing the known GPUs: %w", err)
	}
	recorded, err := s.TelemetryGPUs()
	if err != nil {
		return nil, err
	}
	for _, uuid := range recorded {
		if _, ok := known[uuid]; !ok {
			known[uuid] = GPURecord{UUID: uuid, Index: -1}
		}
	}
	return slices.SortedFunc(maps.Values(known), func(a, b GPURecord) int {
		return cmp.Or(cmp.Compare(place(a), place(b)), cmp.Compare(a.UUID, b.UUID))
	}), nil
}

// place orders GPUs by index, those without one last.
func place(g GPURecord) int {
	if g.Index < 0 {
		return math.MaxInt
	}
	return g.Index
}

// rememberedGPUs decodes the remembered GPUs, by UUID.
func (s *Store) rememberedGPUs(tx *bolt.Tx) (map[string]GPURecord, error) {
	meta, err := s.bucket(tx, bucketMeta)
	if err != nil {
		return nil, err
	}
	known := map[string]GPURecord{}
	if data := meta.Get(keyGPUs); data != nil {
		if err := s.decode(data, &known, "the list of known GPUs"); err != nil {
			return nil, err
		}
	}
	return known, nil
}
