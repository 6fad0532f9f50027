package store

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone below, where the machine has no zoneinfo
)

// Where the clocks jump from 00:00 to 01:00, a day has no midnight: the
// day's earnings are still totalled (the loop over days used to stand
// still there, and the History screen never finished loading).
func TestEarningsByDayOnADayWithoutMidnight(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	s := openTest(t, Options{})
	start := time.Date(2025, 9, 6, 22, 0, 0, 0, loc) // 3 h: 2 on Sep 6, 1 on Sep 7 (its clocks went 00:00 → 01:00)
	if _, err := s.PutEarning(EarningRecord{Kind: KindMining, GPU: "g0", Start: start,
		End: start.Add(3 * time.Hour), Revenue: 3, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan []DayEarnings, 1)
	go func() {
		days, err := s.EarningsByDay(time.Date(2025, 9, 1, 0, 0, 0, 0, loc), time.Date(2025, 9, 10, 0, 0, 0, 0, loc))
		if err != nil {
			t.Error(err)
		}
		done <- days
	}()
	select {
	case days := <-done:
		if len(days) != 2 || days[0].Day.Day() != 6 || days[1].Day.Day() != 7 {
			t.Fatalf("days %+v", days)
		}
		if got := days[1].Day.Format("15:04"); got != "01:00" {
			t.Errorf("Sep 7 starts at %s, want the jump to 01:00", got)
		}
		if days[0].MiningRevenue != 2 || days[1].MiningRevenue != 1 {
			t.Errorf("revenue split %v / %v, want 2 / 1", days[0].MiningRevenue, days[1].MiningRevenue)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("EarningsByDay did not return in 5 s")
	}
}

// Where the clocks fall back from 01:00 to 00:00 (Amman until 2022), the
// day has two midnights and begins at the first. time.Date gives the
// second: a record in the first hour ended before its day began, and its
// revenue was counted on no day at all.
func TestEarningsByDayOnADayWithTwoMidnights(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Amman")
	if err != nil {
		t.Fatal(err)
	}
	s := openTest(t, Options{})
	first := time.Date(2021, 10, 28, 21, 0, 0, 0, time.UTC) // Oct 29, 00:00 +03; 01:00 +03 became 00:00 +02
	if _, err := s.PutEarning(EarningRecord{Kind: KindMining, GPU: "g0", Start: first.Add(15 * time.Minute),
		End: first.Add(45 * time.Minute), Revenue: 1, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	days, err := s.EarningsByDay(time.Date(2021, 10, 25, 12, 0, 0, 0, loc), time.Date(2021, 11, 2, 0, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 1 || !days[0].Day.Equal(first) || days[0].MiningRevenue != 1 {
		t.Fatalf("days %+v; want Oct 29 from %v with revenue 1", days, first.In(loc))
	}
	if got := DayStart(first.Add(30 * time.Minute).In(loc)); !got.Equal(first) {
		t.Errorf("DayStart in the first hour = %v, want %v", got, first.In(loc))
	}
}
