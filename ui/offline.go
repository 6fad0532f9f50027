package ui

import (
	"errors"

	"github.com/rigshift/rigshift/jobs/control"
)

// errOffline is what a window without a controller answers to a change.
var errOffline = errors.New("the RigShift controller is not running in this window, so modes, jobs and settings cannot change")

// offline stands in for a missing controller: the window still shows the
// rig, and every change says plainly why it cannot happen.
type offline struct{}

var _ control.API = offline{}

func (offline) Status() control.Status {
	return control.Status{Miner: control.MinerStatus{Configured: true}}
}
func (offline) SetMode(control.Mode) error                  { return errOffline }
func (offline) AddJob(control.JobSpec) (control.Job, error) { return control.Job{}, errOffline }
func (offline) Jobs() []control.Job                         { return nil }
func (offline) Job(string) (control.Job, error)             { return control.Job{}, errOffline }
func (offline) CancelJob(string) error                      { return errOffline }
func (offline) MoveJob(string, int) error                   { return errOffline }
func (offline) JobLogs(string, int) ([]string, error)       { return nil, errOffline }
func (offline) Settings() control.Settings                  { return control.DefaultSettings() }
func (offline) SaveSettings(control.Settings) error         { return errOffline }
func (offline) SetGPUAside(string, bool) error              { return errOffline }
func (offline) Subscribe() (<-chan struct{}, func())        { return nil, func() {} }
