package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

// Telemetry is the part of *hardware.Sampler the collector reads.
type Telemetry interface {
	GPUs() []hardware.GPUInfo
	Latest() *hardware.Snapshot // nil before the first pass
}

// Controller is the part of *control.Controller the collector reads.
type Controller interface {
	Status() control.Status
	Jobs() []control.Job
}

// Collector is a prometheus.Collector over the rig. Either source may be
// nil, leaving its metrics out.
type Collector struct {
	tel  Telemetry
	ctrl Controller
}

// NewCollector returns a collector reading tel and ctrl at each scrape.
func NewCollector(tel Telemetry, ctrl Controller) *Collector {
	return &Collector{tel: tel, ctrl: ctrl}
}

var _ prometheus.Collector = (*Collector)(nil)

// Describe sends every metric's description.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range allDescs() {
		ch <- d
	}
}

// Collect reads the sources and sends their current values.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	if c.tel != nil {
		collectGPUs(ch, c.tel.GPUs(), c.tel.Latest())
	}
	if c.ctrl != nil {
		collectStatus(ch, c.ctrl.Status())
		collectJobs(ch, c.ctrl.Jobs())
	}
}

func allDescs() []*prometheus.Desc {
	out := []*prometheus.Desc{gpuInfo, gpuState}
	for _, g := range gpuGauges {
		out = append(out, g.desc)
	}
	return append(out, statusDescs...)
}
