package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rigshift/rigshift/jobs/control"
)

var (
	jobsDesc        = desc("rigshift_jobs", "Rental jobs RigShift knows, by state.", "state")
	earnedDesc      = desc("rigshift_jobs_earned", "What the known rental jobs earned.", "currency")
	electricityDesc = desc("rigshift_jobs_electricity_cost", "What the known rental jobs' electricity cost.", "currency")
	gpuHoursDesc    = desc("rigshift_jobs_gpu_hours", "GPU-hours the known rental jobs were billed for.")
)

// jobStates are the values of rigshift_jobs' state label, each sent even
// when no job is in it, so a dashboard's series do not come and go.
var jobStates = []control.JobState{control.JobQueued, control.JobStarting, control.JobRunning,
	control.JobPaused, control.JobSucceeded, control.JobFailed, control.JobCancelled,
	control.JobTimedOut, control.JobInterrupted}

// money sums per currency.
type money map[string]float64

func collectJobs(ch chan<- prometheus.Metric, jobs []control.Job) {
	count := make(map[control.JobState]int, len(jobStates))
	earned, electricity := money{}, money{}
	var gpuHours float64
	for _, j := range jobs {
		count[j.State]++
		earned[j.Currency] += j.Earned
		electricity[j.Currency] += j.Electricity
		gpuHours += j.GPUHours
	}
	for _, s := range jobStates {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(count[s]), string(s))
	}
	earned.send(ch, earnedDesc)
	electricity.send(ch, electricityDesc)
	ch <- prometheus.MustNewConstMetric(gpuHoursDesc, prometheus.GaugeValue, gpuHours)
}

func (m money) send(ch chan<- prometheus.Metric, d *prometheus.Desc) {
	for currency, v := range m {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, currency)
	}
}
