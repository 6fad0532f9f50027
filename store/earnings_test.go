package store

import (
	"math"
	"testing"
	"time"
)

func TestEarningsByDaySplitsAcrossMidnight(t *testing.T) {
	s := openTest(t, Options{})
	day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	recs := []EarningRecord{
		// 22:00 to 02:00: half on the 10th, half on the 11th
		{Kind: KindMining, GPU: "g0", Start: day.Add(22 * time.Hour), End: day.Add(26 * time.Hour),
			Revenue: 4, ElectricityCost: 2, EnergyJ: 8, Currency: "USD"},
		{Kind: KindRental, JobID: "J-0001", GPU: "g1", Start: day.Add(10 * time.Hour), End: day.Add(12 * time.Hour),
			Revenue: 10, ElectricityCost: 1, Currency: "USD"},
		{Kind: KindRental, GPU: "g1", Start: day.Add(13 * time.Hour), End: day.Add(14 * time.Hour),
			Revenue: 5, Currency: "EUR"},
		// an instant record counts on its day
		{Kind: KindMining, GPU: "g0", Start: day.Add(30 * time.Hour), End: day.Add(30 * time.Hour), Revenue: 1, Currency: "USD"},
		// a GPU that idled from 20:00 to 08:00: a third of its cost on the 10th
		{Kind: KindIdle, GPU: "g2", Start: day.Add(20 * time.Hour), End: day.Add(32 * time.Hour),
			ElectricityCost: 0.6, EnergyJ: 12, Currency: "USD"},
	}
	for _, r := range recs {
		if _, err := s.PutEarning(r); err != nil {
			t.Fatal(err)
		}
	}
	days, err := s.EarningsByDay(day, day.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []DayEarnings{
		{Day: day, Currency: "EUR", RentalRevenue: 5},
		{Day: day, Currency: "USD", MiningRevenue: 2, MiningElectricity: 1, RentalRevenue: 10, RentalElectricity: 1,
			IdleElectricity: 0.2, EnergyJ: 8},
		{Day: day.Add(24 * time.Hour), Currency: "USD", MiningRevenue: 3, MiningElectricity: 1, IdleElectricity: 0.4, EnergyJ: 12},
	}
	if len(days) != len(want) {
		t.Fatalf("EarningsByDay = %+v", days)
	}
	for i := range want {
		got := days[i]
		if math.Abs(got.IdleElectricity-want[i].IdleElectricity) < 1e-9 {
			got.IdleElectricity = want[i].IdleElectricity // shares of 12 h in floating point
		}
		if !got.Day.Equal(want[i].Day) || got != want[i] {
			t.Errorf("day %d = %+v, want %+v", i, days[i], want[i])
		}
	}
	if net := days[1].Net(); math.Abs(net-9.8) > 1e-9 {
		t.Errorf("Net = %v, want 9.8: the idle GPU's electricity counts against the day", net)
	}
	// a range starting at 01:00 on the 11th still sees the session that began on the 10th
	later, _ := s.EarningsByDay(day.Add(25*time.Hour), day.Add(48*time.Hour))
	if len(later) != 1 || later[0].MiningRevenue != 3 {
		t.Errorf("EarningsByDay from the 11th = %+v", later)
	}
}

func TestPutEarningUpdatesByID(t *testing.T) {
	s := openTest(t, Options{})
	r, err := s.PutEarning(EarningRecord{Kind: KindMining, GPU: "g0", Start: t0, End: t0.Add(time.Hour), Revenue: 1})
	if err != nil || r.ID == 0 {
		t.Fatalf("PutEarning = %+v, %v", r, err)
	}
	r.End, r.Revenue = t0.Add(2*time.Hour), 2
	if _, err := s.PutEarning(r); err != nil {
		t.Fatal(err)
	}
	r.Start = t0.Add(-time.Hour) // even a moved start replaces, not duplicates
	if _, err := s.PutEarning(r); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Earnings(t0.Add(-24*time.Hour), t0.Add(24*time.Hour))
	if len(all) != 1 || all[0].Revenue != 2 || !all[0].Start.Equal(r.Start) {
		t.Errorf("after updates: %+v", all)
	}
	for _, bad := range []EarningRecord{
		{Kind: "cooking", Start: t0, End: t0},
		{Kind: KindMining, End: t0},
		{Kind: KindMining, Start: t0, End: t0.Add(-time.Second)},
		{Kind: KindIdle, Start: t0, End: t0, Revenue: 1},
	} {
		if _, err := s.PutEarning(bad); err == nil {
			t.Errorf("%+v was saved", bad)
		}
	}
}

// A range that ends before it starts holds nothing. It used to return the
// records that spanned it, back to front.
func TestEarningsOfAnInvertedRangeIsEmpty(t *testing.T) {
	s := openTest(t, Options{})
	if _, err := s.PutEarning(EarningRecord{Kind: KindMining, GPU: "g0", Start: t0, End: t0.Add(4 * time.Hour), Revenue: 4}); err != nil {
		t.Fatal(err)
	}
	recs, err := s.Earnings(t0.Add(3*time.Hour), t0.Add(time.Hour))
	if err != nil || len(recs) != 0 {
		t.Errorf("Earnings(from > to) = %+v, %v; want none", recs, err)
	}
}
