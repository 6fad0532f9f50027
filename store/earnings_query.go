package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Earnings returns the records that overlap [from, to), by start time;
// none when to is before from.
func (s *Store) Earnings(from, to time.Time) ([]EarningRecord, error) {
	var out []EarningRecord
	if to.Before(from) {
		return out, nil
	}
	err := s.view(func(tx *bolt.Tx) error {
		recs, err := s.bucket(tx, bucketEarnings)
		if err != nil {
			return err
		}
		meta, err := s.bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		c := recs.Cursor()
		upper := seqKey(to, 0)
		for k, v := c.Seek(seqKey(from.Add(-earningMaxSpan(meta)), 0)); k != nil && bytes.Compare(k, upper) < 0; k, v = c.Next() {
			var r EarningRecord
			if err := s.decode(v, &r, "an earnings record"); err != nil {
				return err
			}
			if r.End.After(from) || !r.Start.Before(from) {
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading earnings: %w", err)
	}
	return out, nil
}

// DayEarnings totals one calendar day in one currency.
type DayEarnings struct {
	Day               time.Time // midnight, in the location of EarningsByDay's from
	Currency          string
	MiningRevenue     float64
	MiningElectricity float64
	RentalRevenue     float64
	RentalElectricity float64
	IdleElectricity   float64 // GPUs that ran nothing, and their share of the host
	EnergyJ           float64
}

// Net is what the day earned after electricity: mining and renting, less
// what the rig drew while idle.
func (d DayEarnings) Net() float64 {
	return d.MiningRevenue + d.RentalRevenue - d.MiningElectricity - d.RentalElectricity - d.IdleElectricity
}

// MiningNet is mining revenue after its electricity.
func (d DayEarnings) MiningNet() float64 { return d.MiningRevenue - d.MiningElectricity }

// RentalNet is rental revenue after its electricity.
func (d DayEarnings) RentalNet() float64 { return d.RentalRevenue - d.RentalElectricity }

// add puts share (0..1) of r into the day's totals.
func (d *DayEarnings) add(r EarningRecord, share float64) {
	switch r.Kind {
	case KindMining:
		d.MiningRevenue += r.Revenue * share
		d.MiningElectricity += r.ElectricityCost * share
	case KindIdle:
		d.IdleElectricity += r.ElectricityCost * share
	default:
		d.RentalRevenue += r.Revenue * share
		d.RentalElectricity += r.ElectricityCost * share
	}
	d.EnergyJ += r.EnergyJ * share
}
