package hardware

import (
	"encoding/json"
	"strings"
)

// Metric is one telemetry field of a GPU, used as a bit in a set.
type Metric uint16

// The GPU metrics RigShift reads.
const (
	MetricTemp Metric = 1 << iota
	MetricPower
	MetricPowerLimit
	MetricEnergy
	MetricUtilization // GPU and memory-controller load
	MetricVRAM
	MetricFan
	MetricSMClock
	MetricMemClock
	MetricThrottle

	metricEnd
)

var metricNames = map[Metric]string{
	MetricTemp: "temperature", MetricPower: "power", MetricPowerLimit: "power limit",
	MetricEnergy: "energy", MetricUtilization: "utilization", MetricVRAM: "memory",
	MetricFan: "fan", MetricSMClock: "SM clock", MetricMemClock: "memory clock",
	MetricThrottle: "throttle reasons",
}

// String names the metrics in the set, e.g. "temperature, fan".
func (m Metric) String() string { return strings.Join(m.names(), ", ") }

// MarshalJSON lists the metrics in the set by name, so that a JSON reader
// can tell a value the GPU does not report (left zero) from a zero reading.
func (m Metric) MarshalJSON() ([]byte, error) { return json.Marshal(m.names()) }

func (m Metric) names() []string {
	names := []string{}
	for bit := Metric(1); bit < metricEnd; bit <<= 1 {
		if m&bit != 0 {
			names = append(names, metricNames[bit])
		}
	}
	return names
}
