// Package sockettest has fakes of what the control socket serves, for the
// socket's tests and the command line's.
package sockettest

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// API is an in-memory control.API: a rig of GPUs, a mode and a job queue.
// Its fields may be set before use; after that, use its methods.
type API struct {
	mu        sync.Mutex
	Rig       []string // the GPUs' UUIDs
	St        control.Status
	JobList   []control.Job
	Logs      []string
	LastLines int    // the lines asked of JobLogs last
	PanicOn   string // a job ID whose Job call panics
	next      int
	settings  control.Settings
}

var _ control.API = (*API)(nil)

// NewAPI makes a fake rig of n GPUs in Idle mode.
func NewAPI(n int) *API {
	a := &API{settings: control.DefaultSettings()}
	for i := range n {
		uuid := fmt.Sprintf("GPU-%08x-0000-0000-0000-%012x", i, i)
		a.Rig = append(a.Rig, uuid)
		a.St.GPUs = append(a.St.GPUs, control.GPUStatus{UUID: uuid, Index: i, Name: "NVIDIA GeForce RTX 3080", Work: "idle", PowerW: 20, TempC: 35})
	}
	a.St.Rates.Currency = "USD"
	return a
}

// Status is the fake rig's status with the queue counted in.
func (a *API) Status() control.Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := a.St
	st.GPUs = slices.Clone(st.GPUs)
	st.Queued, st.Running = 0, nil
	for _, j := range a.JobList {
		if j.State == control.JobQueued {
			st.Queued++
		} else if j.State.Active() {
			st.Running = append(st.Running, j)
		}
	}
	return st
}

// SetMode records the mode.
func (a *API) SetMode(m control.Mode) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.St.Mode, a.St.Since = m, time.Now()
	return nil
}

// AddJob validates the spec against the rig and queues it.
func (a *API) AddJob(spec control.JobSpec) (control.Job, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := spec.Validate(a.Rig); err != nil {
		return control.Job{}, err
	}
	a.next++
	j := control.Job{ID: fmt.Sprintf("J-%04d", a.next), Spec: spec, State: control.JobQueued,
		Created: time.Now(), Currency: "USD"}
	a.JobList = append(a.JobList, j)
	return j, nil
}

// Jobs lists the jobs.
func (a *API) Jobs() []control.Job {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.JobList)
}

// Job finds a job; it panics for PanicOn, to test recovery.
func (a *API) Job(id string) (control.Job, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if id == a.PanicOn {
		panic("fake controller bug")
	}
	i, err := a.find(id)
	if err != nil {
		return control.Job{}, err
	}
	j := a.JobList[i]
	j.Position = -1 // the queue's place from 0, as the controller reports it
	if j.State == control.JobQueued {
		j.Position = 0
		for _, q := range a.JobList[:i] {
			if q.State == control.JobQueued {
				j.Position++
			}
		}
	}
	return j, nil
}

// CancelJob marks a job cancelled.
func (a *API) CancelJob(id string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.find(id)
	if err != nil {
		return err
	}
	if a.JobList[i].State.Final() {
		return fmt.Errorf("job %s has already ended (%s)", id, a.JobList[i].State)
	}
	a.JobList[i].State = control.JobCancelled
	return nil
}

// MoveJob moves a job to position (0 = first) in the list, as the
// controller does.
func (a *API) MoveJob(id string, position int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.find(id)
	if err != nil {
		return err
	}
	j := a.JobList[i]
	a.JobList = slices.Delete(a.JobList, i, i+1)
	pos := min(max(position, 0), len(a.JobList))
	a.JobList = slices.Insert(a.JobList, pos, j)
	return nil
}

// JobLogs returns the last lines of Logs and records how many were asked.
func (a *API) JobLogs(id string, lines int) ([]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.LastLines = lines
	if _, err := a.find(id); err != nil {
		return nil, err
	}
	return slices.Clone(a.Logs[max(0, len(a.Logs)-lines):]), nil
}

// Settings returns the settings.
func (a *API) Settings() control.Settings {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.settings
}

// SaveSettings keeps valid settings.
func (a *API) SaveSettings(s control.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.settings = s
	return nil
}

// Subscribe returns a channel that is never signalled.
func (a *API) Subscribe() (<-chan struct{}, func()) { return make(chan struct{}), func() {} }

func (a *API) find(id string) (int, error) {
	for i, j := range a.JobList {
		if j.ID == id {
			return i, nil
		}
	}
	return -1, fmt.Errorf("there is no job %s", id)
}

// SampleSpec is a valid one-GPU job.
func SampleSpec() control.JobSpec {
	return control.JobSpec{Client: "acme", Command: []string{"python", "train.py"}, GPUCount: 1, PricePerGPUHour: 0.4}
}

// SetGPUAside marks the GPU set aside, or back in use, in the status and
// the settings.
func (a *API) SetGPUAside(uuid string, aside bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := slices.Index(a.Rig, uuid)
	if i < 0 {
		return fmt.Errorf("no GPU %s on this rig", uuid)
	}
	a.St.GPUs[i].Aside = aside
	a.settings.GPUsAside = slices.DeleteFunc(a.settings.GPUsAside, func(u string) bool { return u == uuid })
	if aside {
		a.settings.GPUsAside = append(a.settings.GPUsAside, uuid)
	}
	return nil
}
