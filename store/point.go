package store

import (
	"math"
	"time"
)

// TelemetryPoint is one sample of one GPU. A metric that was not measured
// (no fan, query unsupported) is NaN; NewTelemetryPoint starts with all NaN.
// Values are kept at the resolution Metric.Step gives.
type TelemetryPoint struct {
	Time     time.Time
	GPU      string // GPU UUID
	Temp     float32
	Power    float32
	GPUUtil  float32
	MemUtil  float32
	Fan      float32
	SMClock  float32
	MemClock float32
	VRAMUsed float32
}

// NewTelemetryPoint is a sample at t for gpu with nothing measured yet.
func NewTelemetryPoint(t time.Time, gpu string) TelemetryPoint {
	p := TelemetryPoint{Time: t, GPU: gpu}
	nan := float32(math.NaN())
	for m := range metricCount {
		*p.field(m) = nan
	}
	return p
}

// Value returns metric m of the sample (NaN if not measured or unknown).
func (p TelemetryPoint) Value(m Metric) float32 {
	if !m.valid() {
		return float32(math.NaN())
	}
	return *p.field(m)
}

// SetValue sets metric m of the sample; unknown metrics are ignored.
func (p *TelemetryPoint) SetValue(m Metric, v float32) {
	if m.valid() {
		*p.field(m) = v
	}
}

// field points at the struct field holding m.
func (p *TelemetryPoint) field(m Metric) *float32 {
	switch m {
	case MetricTemp:
		return &p.Temp
	case MetricPower:
		return &p.Power
	case MetricGPUUtil:
		return &p.GPUUtil
	case MetricMemUtil:
		return &p.MemUtil
	case MetricFan:
		return &p.Fan
	case MetricSMClock:
		return &p.SMClock
	case MetricMemClock:
		return &p.MemClock
	}
	return &p.VRAMUsed
}

// values is one sample, quantized.
type values [metricCount]uint16

// quantized converts the sample for storage.
func (p *TelemetryPoint) quantized() values {
	var v values
	for m := range metricCount {
		v[m] = quantize(m, *p.field(m))
	}
	return v
}
