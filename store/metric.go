package store

import (
	"fmt"
	"math"
)

// Metric is one GPU measurement kept in telemetry history.
type Metric uint8

// The metrics RigShift keeps history for.
const (
	MetricTemp     Metric = iota // core temperature, °C
	MetricPower                  // power draw, W
	MetricGPUUtil                // GPU load, %
	MetricMemUtil                // memory-controller load, %
	MetricFan                    // fan speed, %
	MetricSMClock                // SM clock, MHz
	MetricMemClock               // memory clock, MHz
	MetricVRAMUsed               // VRAM in use, GiB

	metricCount
)

// metricInfo names each metric and gives the resolution it is stored at:
// values are kept as 16-bit multiples of step (so 0 to 65534 steps).
var metricInfo = [metricCount]struct {
	name, unit, column string
	step               float64
}{
	MetricTemp:     {"temp", "°C", "temp_c", 0.01},
	MetricPower:    {"power", "W", "power_w", 0.1},
	MetricGPUUtil:  {"gpu_util", "%", "gpu_util_pct", 0.01},
	MetricMemUtil:  {"mem_util", "%", "mem_util_pct", 0.01},
	MetricFan:      {"fan", "%", "fan_pct", 0.01},
	MetricSMClock:  {"sm_clock", "MHz", "sm_clock_mhz", 1},
	MetricMemClock: {"mem_clock", "MHz", "mem_clock_mhz", 1},
	MetricVRAMUsed: {"vram_used", "GiB", "vram_used_gib", 0.01},
}

// Metrics lists every metric, in storage order.
func Metrics() []Metric {
	ms := make([]Metric, metricCount)
	for i := range ms {
		ms[i] = Metric(i)
	}
	return ms
}

// ParseMetric finds a metric by its String name.
func ParseMetric(name string) (Metric, error) {
	for m := range metricCount {
		if metricInfo[m].name == name {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown metric %q", name)
}

// String is the metric's short name, e.g. "temp".
func (m Metric) String() string {
	if m >= metricCount {
		return fmt.Sprintf("metric(%d)", m)
	}
	return metricInfo[m].name
}

// Unit is the metric's unit, e.g. "°C".
func (m Metric) Unit() string {
	if m >= metricCount {
		return ""
	}
	return metricInfo[m].unit
}

// Step is the resolution the metric is stored at, in its unit.
func (m Metric) Step() float64 {
	if m >= metricCount {
		return 1
	}
	return metricInfo[m].step
}

// valid reports whether m is a known metric.
func (m Metric) valid() bool { return m < metricCount }

// noValue marks a metric that was not measured.
const noValue = math.MaxUint16

// quantize stores v as a whole number of steps; NaN and infinities (not
// measured) become noValue, and values are clamped to the range.
func quantize(m Metric, v float32) uint16 {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return noValue
	}
	return uint16(min(max(math.Round(f/metricInfo[m].step), 0), noValue-1))
}

// dequantize turns a stored value back into its unit; noValue gives NaN.
func dequantize(m Metric, q uint16) float32 {
	if q == noValue {
		return float32(math.NaN())
	}
	return float32(float64(q) * metricInfo[m].step)
}
