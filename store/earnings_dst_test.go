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
