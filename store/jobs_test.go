package store

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestJobsRoundTripAndOrder(t *testing.T) {
	s := openTest(t, Options{})
	var ids []string
	for range 3 {
		id, err := s.NextJobID()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if want := []string{"J-0001", "J-0002", "J-0003"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("NextJobID gave %v, want %v", ids, want)
	}
	full := JobRecord{ID: ids[1], Client: "acme", Command: []string{"python", "train.py"},
		Env: map[string]string{"A": "1"}, GPUCount: 2, GPUUUIDs: []string{"GPU-a"}, PricePerGPUHour: 0.4,
		Currency: "USD", MaxRuntime: time.Hour, State: "queued", CreatedAt: t0.Add(time.Minute),
		StartedAt: t0.Add(2 * time.Minute), RunningSeconds: 12.5, GPUHours: 0.01, ExitCode: 3, Reason: "user"}
	first := JobRecord{ID: ids[0], Client: "b", State: "done", CreatedAt: t0}
	for _, j := range []JobRecord{full, first} {
		if err := s.PutJob(j); err != nil {
			t.Fatal(err)
		}
	}
	s = reopen(t, s)
	got, err := s.GetJob(ids[1])
	if err != nil || !reflect.DeepEqual(got, full) {
		t.Errorf("GetJob = %+v, %v; want %+v", got, err, full)
	}
	if _, err := s.GetJob("J-9999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetJob(missing) = %v, want ErrNotFound", err)
	}
	list, err := s.ListJobs()
	if err != nil || len(list) != 2 || list[0].ID != ids[0] || list[1].ID != ids[1] {
		t.Errorf("ListJobs = %+v, %v; want oldest first", list, err)
	}
	if id, _ := s.NextJobID(); id != "J-0004" {
		t.Errorf("after reopen NextJobID = %s, want J-0004 (never reused)", id)
	}
	if err := s.PutJob(JobRecord{}); err == nil {
		t.Error("a job without ID was saved")
	}
}

func TestJobEventsAndDelete(t *testing.T) {
	s := openTest(t, Options{})
	setClock(s, t0)
	j := JobRecord{ID: "J-0001", State: "queued"}
	if err := s.PutJob(j, JobEvent{State: "queued", Message: "added"}); err != nil {
		t.Fatal(err)
	}
	j.State = "running"
	if err := s.PutJob(j, JobEvent{Time: t0.Add(time.Second), State: "running"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendJobEvent(JobEvent{JobID: j.ID, Time: t0.Add(2 * time.Second), Message: "50%"}); err != nil {
		t.Fatal(err)
	}
	events, err := s.JobEvents(j.ID)
	if err != nil || len(events) != 3 {
		t.Fatalf("JobEvents = %+v, %v", events, err)
	}
	if !events[0].Time.Equal(t0) || events[0].State != "queued" || events[1].State != "running" || events[2].Message != "50%" {
		t.Errorf("history out of order or incomplete: %+v", events)
	}
	if err := s.DeleteJob(j.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetJob(j.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted job still there: %v", err)
	}
	if events, _ := s.JobEvents(j.ID); len(events) != 0 {
		t.Errorf("deleted job kept %d events", len(events))
	}
}
