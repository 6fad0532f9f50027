package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The kinds of earning records.
const (
	KindMining = "mining"
	KindRental = "rental"
	// KindIdle is the electricity of a GPU that ran nothing, with its
	// share of the host's overhead: the rig draws it all the same.
	KindIdle = "idle"
)

// EarningRecord is what one GPU earned and cost over a period, for a mining
// session, a rental job or a stretch of idling. Long sessions are best
// saved as segments (say, hourly, updating one record via its ID) so a
// crash loses little.
type EarningRecord struct {
	ID              uint64    `json:"id"` // set by PutEarning
	Kind            string    `json:"kind"`
	JobID           string    `json:"job_id,omitempty"`
	GPU             string    `json:"gpu"` // GPU UUID
	Start           time.Time `json:"start"`
	End             time.Time `json:"end"`
	EnergyJ         float64   `json:"energy_j"`
	Revenue         float64   `json:"revenue"`
	ElectricityCost float64   `json:"electricity_cost"`
	Currency        string    `json:"currency"`
	Detail          string    `json:"detail,omitempty"` // e.g. algorithm and pool
}

// Net is revenue minus electricity.
func (r EarningRecord) Net() float64 { return r.Revenue - r.ElectricityCost }

// validate rejects records the daily totals could not place.
func (r EarningRecord) validate() error {
	switch {
	case r.Kind != KindMining && r.Kind != KindRental && r.Kind != KindIdle:
		return fmt.Errorf("kind %q is none of %q, %q and %q", r.Kind, KindMining, KindRental, KindIdle)
	case r.Kind == KindIdle && r.Revenue != 0:
		return errors.New("idling earns nothing")
	case r.Start.IsZero():
		return errors.New("it has no start time")
	case r.End.Before(r.Start):
		return errors.New("it ends before it starts")
	}
	return nil
}

// PutEarning saves r and commits it. A zero ID saves a new record; the
// returned copy carries its ID. Saving again with that ID replaces it.
func (s *Store) PutEarning(r EarningRecord) (EarningRecord, error) {
	// Checked and measured by the wall clock, as saved: times straight from
	// time.Now carry a monotonic reading, which Before and Sub would use
	// instead, and after NTP stepped the clock the record's span (which
	// bounds how far back Earnings looks) could be shorter than saved.
	r.Start, r.End = r.Start.Round(0), r.End.Round(0)
	if err := r.validate(); err != nil {
		return r, fmt.Errorf("saving an earnings record: %w", err)
	}
	err := s.update(func(tx *bolt.Tx) error { return s.putEarning(tx, &r) })
	if err != nil {
		return r, fmt.Errorf("saving earnings for %s: %w", r.GPU, err)
	}
	return r, nil
}

// putEarning writes r (assigning its ID) and keeps the longest span known,
// which bounds how far back Earnings must look.
func (s *Store) putEarning(tx *bolt.Tx, r *EarningRecord) error {
	recs, err := s.bucket(tx, bucketEarnings)
	if err != nil {
		return err
	}
	ids, err := s.bucket(tx, bucketEarningIDs)
	if err != nil {
		return err
	}
	if r.ID == 0 {
		if r.ID, err = ids.NextSequence(); err != nil {
			return err
		}
	}
	idKey := binary.BigEndian.AppendUint64(nil, r.ID)
	if old := ids.Get(idKey); old != nil {
		if err := recs.Delete(old); err != nil {
			return err
		}
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	key := seqKey(r.Start, r.ID)
	if err := recs.Put(key, data); err != nil {
		return err
	}
	if err := ids.Put(idKey, key); err != nil {
		return err
	}
	return s.growEarningSpan(tx, r.End.Sub(r.Start))
}

// growEarningSpan records d in meta when it is the longest record yet.
func (s *Store) growEarningSpan(tx *bolt.Tx, d time.Duration) error {
	meta, err := s.bucket(tx, bucketMeta)
	if err != nil {
		return err
	}
	if cur := meta.Get(keyEarningMaxSpan); len(cur) == 8 && int64(binary.BigEndian.Uint64(cur)) >= int64(d) {
		return nil
	}
	return meta.Put(keyEarningMaxSpan, binary.BigEndian.AppendUint64(nil, uint64(d)))
}

// earningMaxSpan is the longest record saved so far.
func earningMaxSpan(meta *bolt.Bucket) time.Duration {
	if cur := meta.Get(keyEarningMaxSpan); len(cur) == 8 {
		return time.Duration(binary.BigEndian.Uint64(cur))
	}
	return 0
}
