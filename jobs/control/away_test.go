package control

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rigshift/rigshift/store"
)

func TestParseMiningHours(t *testing.T) {
	for in, want := range map[string]string{
		"22:00-07:00": "22:00-07:00", " 22:00 – 7:00 ": "22:00-07:00", "7-19": "07:00-19:00",
		"18:30-24:00": "18:30-00:00", "": "any", "Any time": "any", "always": "any",
	} {
		h, err := ParseDailyHours(in)
		if err != nil || h.String() != want {
			t.Errorf("ParseDailyHours(%q) = %v, %v; want %s", in, h, err, want)
		}
	}
	for in, says := range map[string]string{
		"22:00": "FROM-UNTIL", "25:00-07:00": "not a time of day", "22:00-07:5": "not a time of day",
		"22:60-07:00": "not a time of day", "night-day": "not a time of day", "07:00-07:00": "same time",
		"-1:00-07:00": "not a time of day", "24:30-01:00": "not a time of day",
	} {
		if _, err := ParseDailyHours(in); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseDailyHours(%q) = %v; want an error saying %q", in, err, says)
		}
	}
}

// The cheaper hours take "none", and their complaints say "none": "any",
// all day for the mining hours, read as cheap at any hour.
func TestParseCheapHours(t *testing.T) {
	for _, in := range []string{"none", " Off ", ""} {
		if h, err := ParseCheapHours(in); err != nil || !h.AllDay() {
			t.Errorf("ParseCheapHours(%q) = %v, %v; want none", in, h, err)
		}
	}
	if h, err := ParseCheapHours("22:00-07:00"); err != nil || h.String() != "22:00-07:00" {
		t.Errorf("ParseCheapHours(22:00-07:00) = %v, %v", h, err)
	}
	// The whole day, written any way, is refused: it was taken for none, so
	// `rigshift settings set cheap-hours=any cheap-per-kwh=0.05` said
	// "Saved." and every hour went on at the normal price.
	for in, says := range map[string]string{"22:00-22:00": `write "none" for no cheaper hours`, "nights": `or "none"`,
		"any": "the electricity price", "Always": "the electricity price", "00:00-24:00": "the electricity price"} {
		_, err := ParseCheapHours(in)
		if err == nil || !strings.Contains(err.Error(), says) || strings.Contains(err.Error(), "mine") || strings.Contains(err.Error(), `"any"`) {
			t.Errorf("ParseCheapHours(%q) = %v; want an error saying %q", in, err, says)
		}
	}
}

// "00:00-24:00" is the whole day written as from and until: it was refused
// as a window that "starts and ends at the same time".
func TestMiningHoursMidnightToMidnightIsAllDay(t *testing.T) {
	for _, in := range []string{"00:00-24:00", "0-24", "00:00 – 24:00"} {
		if h, err := ParseDailyHours(in); err != nil || !h.AllDay() {
			t.Errorf("ParseDailyHours(%q) = %v, %v; want any time", in, h, err)
		}
	}
	if _, err := ParseDailyHours("24:00-00:00"); err == nil {
		t.Error("24:00-00:00, no time at all, was taken")
	}
}

// onDecember3 is a local time of 2026-12-03, written "15:04" or "15:04:05".
func onDecember3(clock string) time.Time {
	layout := "2006-01-02 15:04"
	if strings.Count(clock, ":") == 2 {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, "2026-12-03 "+clock, time.Local)
	if err != nil {
		panic(err) // a typo in a test's table
	}
	return t
}

func TestMiningHoursContains(t *testing.T) {
	night, _ := ParseDailyHours("22:00-07:00")
	day, _ := ParseDailyHours("09:00-17:30")
	at := onDecember3
	for _, c := range []struct {
		h  DailyHours
		at string
		in bool
	}{
		{night, "23:10", true}, {night, "03:00", true}, {night, "06:59", true},
		{night, "07:00", false}, {night, "21:59", false},
		{day, "08:59", false}, {day, "09:00", true}, {day, "17:30", false},
		{DailyHours{}, "04:00", true},
	} {
		if got := c.h.Contains(at(c.at)); got != c.in {
			t.Errorf("%s contains %s = %v, want %v", c.h, c.at, got, c.in)
		}
	}
}

// The hours are kept as text in the settings, and settings saved by an
// earlier version (without them) mine all day.
func TestMiningHoursInSettingsJSON(t *testing.T) {
	s := DefaultSettings()
	s.MiningHours, _ = ParseDailyHours("22:00-07:00")
	s.MineWhenAwayFor = 10 * time.Minute
	b, _ := json.Marshal(s)
	if !strings.Contains(string(b), `"mining_hours":"22:00-07:00"`) {
		t.Errorf("settings JSON %s lacks the hours as text", b)
	}
	var back Settings
	if err := json.Unmarshal(b, &back); err != nil || back.MiningHours != s.MiningHours || back.MineWhenAwayFor != s.MineWhenAwayFor {
		t.Errorf("read back %+v, %v", back, err)
	}
	old, _ := json.Marshal(DefaultSettings())
	if strings.Contains(string(old), "mining_hours") || strings.Contains(string(old), "away") {
		t.Errorf("default settings write the new fields: %s", old)
	}
	if err := json.Unmarshal([]byte(`{"mining_hours":"9 to 5"}`), &back); err == nil {
		t.Error("a damaged hours value was read without an error")
	}
}

func TestAwayForIsValidated(t *testing.T) {
	for d, ok := range map[time.Duration]bool{0: true, time.Minute: true, 10 * time.Minute: true,
		30 * time.Second: false, 25 * time.Hour: false, -time.Minute: false} {
		s := DefaultSettings()
		s.MineWhenAwayFor = d
		var fe *FieldError
		err := s.Validate()
		if ok != (err == nil) || (!ok && (!errors.As(err, &fe) || fe.Field != "mine-when-away-for")) {
			t.Errorf("away for %s: %v", d, err)
		}
	}
}

// hoursAround is a window of mining hours that contains now (in) or
// starts two hours from now (out).
func hoursAround(in bool) DailyHours {
	now := time.Now()
	m := now.Hour()*60 + now.Minute()
	if in {
		return DailyHours{From: (m + 23*60) % (24 * 60), Until: (m + 60) % (24 * 60)}
	}
	return DailyHours{From: (m + 120) % (24 * 60), Until: (m + 180) % (24 * 60)}
}

func (r *testRig) setHours(h DailyHours) {
	s := r.c.Settings()
	s.MiningHours = h
	if err := r.c.SaveSettings(s); err != nil {
		r.t.Fatal(err)
	}
}

// eventsOf is the messages of the events of kind, oldest first.
func (r *testRig) eventsOf(kind string) []string {
	events, err := r.store.Events(time.Time{}, time.Now().Add(48*time.Hour), 0) // a test may move the clock ahead
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if e.Kind == kind {
			out = append(out, e.Message)
		}
	}
	return out
}

func TestMineWaitsForTheMiningHours(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.configureMiner()
	r.setHours(hoursAround(false))
	if err := r.c.SetMode(Mine); err != nil {
		t.Fatal(err)
	}
	st := r.eventually("mining held", func(st Status) bool { return st.MiningHeld != "" })
	if !strings.HasPrefix(st.MiningHeld, "outside the mining hours (") || !strings.HasPrefix(st.MiningWaits, "mining starts at ") || st.Switching {
		t.Errorf("held %q (%q), switching %v", st.MiningHeld, st.MiningWaits, st.Switching)
	}
	time.Sleep(300 * time.Millisecond) // a few telemetry ticks: nothing starts
	if st := r.c.Status(); st.Miner.GPUs != 0 {
		t.Fatalf("%d GPUs mine outside the mining hours", st.Miner.GPUs)
	}

	r.setHours(hoursAround(true))
	r.eventually("mining in the hours", func(st Status) bool { return st.Miner.GPUs == 2 && st.MiningHeld == "" })
	r.setHours(hoursAround(false))
	r.eventually("mining stops when the hours end", func(st Status) bool { return countWork(st, "idle") == 2 })

	held, freed := r.eventsOf(store.EventKindMiningHeld), r.eventsOf(store.EventKindMiningFreed)
	if len(held) != 2 || len(freed) != 1 || !strings.HasPrefix(held[0], "Outside the mining hours (") ||
		freed[0] != "The mining hours began: mining starts" {
		t.Errorf("events: held %q, freed %q", held, freed)
	}
}

// Rental jobs run in any hour: the hours are about mining.
func TestAutoRentsOutsideTheMiningHours(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.configureMiner()
	r.setHours(hoursAround(false))
	_ = r.c.SetMode(Auto)
	j, err := r.c.AddJob(trainerJob("Night owl", 1, 5, 0))
	if err != nil {
		t.Fatal(err)
	}
	r.eventually("the job ran", func(Status) bool { return r.jobState(j.ID) == JobSucceeded })
	if st := r.c.Status(); st.Miner.GPUs != 0 || st.MiningHeld == "" {
		t.Errorf("after the job: %d GPUs mine, held %q", st.Miner.GPUs, st.MiningHeld)
	}
}

// fakePresence answers what the test sets, and counts the questions.
type fakePresence struct {
	mu   sync.Mutex
	idle time.Duration
	err  error
	asks int
}

func (p *fakePresence) IdleTime(context.Context) (time.Duration, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.asks++
	return p.idle, p.err
}

func (p *fakePresence) set(idle time.Duration, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle, p.err = idle, err
}

func (p *fakePresence) questions() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.asks
}

// awayRig is a running two-GPU rig with a miner that mines only after
// 10 minutes away, asking presence every 20 ms.
func awayRig(t *testing.T, presence Presence) *testRig {
	return awayRigPolling(t, presence, 20*time.Millisecond)
}

// awayRigPolling is awayRig asking presence every poll.
func awayRigPolling(t *testing.T, presence Presence, poll time.Duration) *testRig {
	r := newTestRigWith(t, 2, t.TempDir(), func(o *Options) {
		o.Presence, o.PresencePoll = presence, poll
	}).run()
	r.configureMiner()
	s := r.c.Settings()
	s.MineWhenAwayFor = 10 * time.Minute
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMinesOnlyWhileTheOwnerIsAway(t *testing.T) {
	presence := &fakePresence{idle: 30 * time.Second}
	r := awayRig(t, presence)
	if presence.questions() != 0 {
		t.Error("the desktop was asked in Idle mode")
	}
	_ = r.c.SetMode(Mine)
	st := r.eventually("held while the owner is here", func(st Status) bool {
		return strings.HasPrefix(st.MiningHeld, "you are at the computer")
	})
	if st.Miner.GPUs != 0 {
		t.Fatalf("%d GPUs mine while the owner is here", st.Miner.GPUs)
	}

	presence.set(10*time.Minute-3*time.Second, nil)
	soon, ok := r.notes.find(NoticeMiningSoon)
	if !ok || !strings.Contains(soon.Body, "for almost 10m, so RigShift starts mining. Move the mouse") {
		t.Fatalf("no warning before mining: %+v", soon)
	}
	if st := r.c.Status(); st.Miner.GPUs != 0 {
		t.Error("mining started before the warning's seconds passed")
	}
	presence.set(10*time.Minute+time.Second, nil)
	r.eventually("mining while away", func(st Status) bool { return st.Miner.GPUs == 2 && st.MiningHeld == "" })

	presence.set(2*time.Second, nil) // back at the keyboard
	r.eventually("mining stops when the owner is back", func(st Status) bool {
		return countWork(st, "idle") == 2 && st.MiningHeld != ""
	})
	presence.set(10*time.Minute-4*time.Second, nil) // away again: warned again
	deadline := time.Now().Add(5 * time.Second)
	for countNotices(r.notes, NoticeMiningSoon) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := countNotices(r.notes, NoticeMiningSoon); n != 2 {
		t.Errorf("%d warnings for two times away", n)
	}
	if freed := r.eventsOf(store.EventKindMiningFreed); len(freed) != 1 || freed[0] != "Nobody uses the computer: mining starts" {
		t.Errorf("freed events %q", freed)
	}
}

func countNotices(r *recorder, kind NoticeKind) int {
	n := 0
	for _, note := range r.all() {
		if note.Kind == kind {
			n++
		}
	}
	return n
}

// A desktop that cannot say whether the owner is there holds mining, and
// the status says why: "mine only while I'm away" must never mine under
// the owner's hands.
func TestMiningWaitsWhenPresenceIsUnknown(t *testing.T) {
	presence := &fakePresence{err: errors.New("your desktop does not say how long it has been idle")}
	r := awayRig(t, presence)
	_ = r.c.SetMode(Auto)
	st := r.eventually("held", func(st Status) bool { return strings.Contains(st.MiningHeld, "cannot tell") })
	if !strings.HasSuffix(st.MiningHeld, "does not say how long it has been idle") {
		t.Errorf("held %q", st.MiningHeld)
	}
	presence.set(time.Hour, nil)
	r.eventually("mining once it can tell", func(st Status) bool { return st.Miner.GPUs == 2 })
	if _, ok := r.notes.find(NoticeMiningSoon); ok {
		t.Error("warned although the owner was long away")
	}
}

// driftingPresence fails every question with a message that is new each
// time, as KDE's negative idle time is ("negative idle time (4294966296
// ms as unsigned)", then one a second less).
type driftingPresence struct{ asks atomic.Int64 }

func (p *driftingPresence) IdleTime(context.Context) (time.Duration, error) {
	return 0, fmt.Errorf("negative idle time (%d ms as unsigned)", 4294966296-p.asks.Add(1)*1000)
}

// A desktop that keeps failing to say whether the owner is there is one
// wait in the event log, however its error reads each time: a new line
// came with every question (once a second), since the reason differed by
// its number.
func TestMiningWaitsOnceWhilePresenceKeepsFailing(t *testing.T) {
	presence := &driftingPresence{}
	r := awayRig(t, presence)
	_ = r.c.SetMode(Auto)
	r.eventually("held", func(st Status) bool { return strings.Contains(st.MiningHeld, "cannot tell") })
	for asked := presence.asks.Load(); presence.asks.Load() < asked+10; {
		time.Sleep(10 * time.Millisecond)
	}
	if held := r.eventsOf(store.EventKindMiningHeld); len(held) != 1 {
		t.Errorf("%d events of mining waiting, want 1: %v", len(held), held)
	}
	// The status says the latest reason.
	if st := r.c.Status(); !strings.Contains(st.MiningHeld, "negative idle time") {
		t.Errorf("held %q", st.MiningHeld)
	}
}

// minersStayAt fails if, within d, the status shows other than want GPUs
// mining, or one stopping.
func (r *testRig) minersStayAt(want int, d time.Duration, what string) {
	r.t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if st := r.c.Status(); st.Miner.GPUs != want || countWork(st, "stopping") > 0 {
			r.t.Fatalf("%s: %d GPUs mine, %d stopping; want %d mining", what, st.Miner.GPUs, countWork(st, "stopping"), want)
		}
	}
}

// Turning "only while away" on while the owner is away stops no miner
// while the desktop is first asked, and one failed question keeps the
// answer before it.
func TestAwayKeepsMinersThroughQuestions(t *testing.T) {
	presence := &fakePresence{idle: time.Hour}
	r := newTestRigWith(t, 2, t.TempDir(), func(o *Options) {
		o.Presence, o.PresencePoll = presence, 20*time.Millisecond
	}).run()
	r.configureMiner()
	_ = r.c.SetMode(Mine)
	r.eventually("mining", func(st Status) bool { return st.Miner.GPUs == 2 && !st.Switching })
	s := r.c.Settings()
	s.MineWhenAwayFor = 10 * time.Minute
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	r.minersStayAt(2, 300*time.Millisecond, "turning on mining while away, the owner away")
	presence.set(0, errors.New("the bus hiccuped"))
	r.minersStayAt(2, 300*time.Millisecond, "one failed question")
	if held := r.eventsOf(store.EventKindMiningHeld); len(held) != 0 {
		t.Errorf("mining waited: %q", held)
	}
}

// An answer from before the mode stopped mining is not used when it mines
// again: the owner who just clicked Mine is at the computer.
func TestAwayAsksAgainAfterIdleMode(t *testing.T) {
	presence := &fakePresence{idle: time.Hour}
	r := awayRig(t, presence)
	_ = r.c.SetMode(Mine)
	r.eventually("mining while away", func(st Status) bool { return st.Miner.GPUs == 2 })
	_ = r.c.SetMode(Idle)
	r.eventually("idle", func(st Status) bool { return countWork(st, "idle") == 2 })
	asked := presence.questions()
	time.Sleep(1200 * time.Millisecond) // the last answer grows old, unasked
	if presence.questions() != asked {
		t.Errorf("the desktop was asked %d times in Idle", presence.questions()-asked)
	}
	presence.set(2*time.Second, nil)
	_ = r.c.SetMode(Mine)
	r.minersStayAt(0, 300*time.Millisecond, "Mine clicked by the owner")
	if st := r.c.Status(); !strings.HasPrefix(st.MiningHeld, "you are at the computer") {
		t.Errorf("held %q", st.MiningHeld)
	}
}

// One warning per time away, however slowly the desktop answers: a slow
// answer (here one that does not grow) is no sign that the owner is back.
func TestAwayWarnsOncePerAbsence(t *testing.T) {
	presence := &fakePresence{idle: 10*time.Minute - 4*time.Second}
	r := awayRigPolling(t, presence, 1200*time.Millisecond)
	_ = r.c.SetMode(Mine)
	if _, ok := r.notes.find(NoticeMiningSoon); !ok {
		t.Fatal("no warning")
	}
	time.Sleep(3 * time.Second) // two more answers
	if n := countNotices(r.notes, NoticeMiningSoon); n != 1 {
		t.Errorf("%d warnings for one time away", n)
	}
}

// An Idle that lasts less than the answer's freshness (4 s at the real
// poll) must not let Mine reuse the answer from before it: the owner
// who clicked Idle and then Mine is at the computer.
func TestAwayAsksAgainAfterAQuickIdle(t *testing.T) {
	presence := &fakePresence{idle: time.Hour}
	r := awayRigPolling(t, presence, time.Second)
	_ = r.c.SetMode(Mine)
	r.eventually("mining while away", func(st Status) bool { return st.Miner.GPUs == 2 && !st.Switching })
	_ = r.c.SetMode(Idle) // before the next question: the last answer still says away
	presence.set(time.Second, nil)
	r.eventually("idle", func(st Status) bool { return countWork(st, "idle") == 2 })
	_ = r.c.SetMode(Mine)
	r.minersStayAt(0, 300*time.Millisecond, "Mine clicked by the owner a moment after Idle")
}

// slowPresence answers only when the test lets it, as a desktop that
// takes its time: it says when a question is in flight.
type slowPresence struct {
	idle   time.Duration
	asked  chan struct{} // a question came
	answer chan struct{} // let one answer go
}

func newSlowPresence(idle time.Duration) *slowPresence {
	return &slowPresence{idle: idle, asked: make(chan struct{}, 1), answer: make(chan struct{})}
}

func (p *slowPresence) IdleTime(context.Context) (time.Duration, error) {
	select {
	case p.asked <- struct{}{}:
	default:
	}
	<-p.answer
	return p.idle, nil
}

// A question in flight when the owner clicks Idle must not warn that
// mining starts: nothing will mine.
func TestNoMiningWarningAfterIdleClickedDuringAQuestion(t *testing.T) {
	presence := newSlowPresence(10*time.Minute - 3*time.Second)
	r := awayRig(t, presence)
	t.Cleanup(func() { close(presence.answer) })
	_ = r.c.SetMode(Mine)
	<-presence.asked
	_ = r.c.SetMode(Idle)
	presence.answer <- struct{}{}
	time.Sleep(200 * time.Millisecond)
	if n := countNotices(r.notes, NoticeMiningSoon); n != 0 {
		t.Errorf("%d 'mining soon' warnings in Idle", n)
	}
}

// A question in flight when RigShift stops must not warn that mining
// starts once it has stopped.
func TestNoMiningWarningAfterRunReturns(t *testing.T) {
	presence := newSlowPresence(10*time.Minute - 3*time.Second)
	r := awayRig(t, presence)
	_ = r.c.SetMode(Mine)
	<-presence.asked
	r.stop()
	close(presence.answer)
	time.Sleep(200 * time.Millisecond)
	if n := countNotices(r.notes, NoticeMiningSoon); n != 0 {
		t.Errorf("%d 'mining soon' warnings after RigShift stopped", n)
	}
}

// Turning "only while away" off while mining waits for the owner to
// leave must not log that nobody uses the computer: the owner who just
// saved the settings does.
func TestFreedByTurningAwayOffSaysSo(t *testing.T) {
	presence := &fakePresence{idle: 30 * time.Second}
	r := awayRig(t, presence)
	_ = r.c.SetMode(Mine)
	r.eventually("held while the owner is here", func(Status) bool {
		return len(r.eventsOf(store.EventKindMiningHeld)) == 1
	})
	s := r.c.Settings()
	s.MineWhenAwayFor = 0
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	r.eventually("mining", func(st Status) bool { return st.Miner.GPUs == 2 })
	freed := r.eventsOf(store.EventKindMiningFreed)
	if len(freed) != 1 || strings.Contains(freed[0], "Nobody uses the computer") {
		t.Errorf("freed events %q", freed)
	}
}

// Likewise setting the hours to "any time" outside the old hours: the
// hours did not begin, the owner removed them.
func TestFreedByMiningAllDaySaysSo(t *testing.T) {
	r := newTestRig(t, 2, t.TempDir()).run()
	r.configureMiner()
	r.setHours(hoursAround(false))
	_ = r.c.SetMode(Mine)
	r.eventually("mining held", func(Status) bool { return len(r.eventsOf(store.EventKindMiningHeld)) == 1 })
	r.setHours(DailyHours{})
	r.eventually("mining", func(st Status) bool { return st.Miner.GPUs == 2 })
	freed := r.eventsOf(store.EventKindMiningFreed)
	if len(freed) != 1 || strings.Contains(freed[0], "The mining hours began") {
		t.Errorf("freed events %q", freed)
	}
}

// The warning is about the moment mining would start: a few seconds
// before the mining hours end nothing will mine, and a few seconds
// before they begin something will.
func TestMiningWarningAtTheEdgesOfTheHours(t *testing.T) {
	r := newTestRigWith(t, 2, t.TempDir(), func(o *Options) { o.Presence = &fakePresence{} })
	r.configureMiner()
	s := r.c.Settings()
	s.MineWhenAwayFor = 10 * time.Minute
	s.MiningHours, _ = ParseDailyHours("22:00-07:00")
	if err := r.c.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	at := onDecember3
	for _, c := range []struct {
		at   string
		warn bool
	}{
		{"06:59:57", false}, // mining would start at 07:00:00, when the hours have ended
		{"21:59:57", true},  // it starts at 22:00:00, as the hours begin
		{"23:00:00", true},
		{"12:00:00", false},
	} {
		now := at(c.at)
		r.c.mu.Lock()
		r.c.away = away{idle: 10*time.Minute - 3*time.Second, at: now}
		r.c.warnBeforeMining(now)
		warned := r.c.away.warned
		r.c.mu.Unlock()
		if warned != c.warn {
			t.Errorf("at %s, 3 s before the owner has been away long enough: warned %v, want %v", c.at, warned, c.warn)
		}
	}
}
