package main

import (
	"math"
	"time"

	"github.com/rigshift/rigshift/hardware"
)

// demoHost is the demo rig's host: a busy-enough CPU, memory, two sensors
// and an uptime of days, so the screenshots' host panel reads like a rig's
// rather than a machine that reports nothing.
type demoHost struct {
	clock func() time.Time
	boot  time.Time
}

func newDemoHost(clock func() time.Time) *demoHost {
	return &demoHost{clock: clock, boot: clock().Add(-(3*24*time.Hour + 5*time.Hour + 12*time.Minute))}
}

// Read implements hardware.HostReader.
func (h *demoHost) Read(s *hardware.HostSample) error {
	now := h.clock()
	wave := math.Sin(float64(now.Unix()) / 7)
	*s = hardware.HostSample{Time: now, CPUPct: 11 + 3*wave, MemUsed: 11<<30 + uint64(200<<20*(1+wave)),
		MemTotal: 32 << 30, Uptime: now.Sub(h.boot),
		Sensors: []hardware.Sensor{{Name: "CPU", TempC: 52 + 2*wave}, {Name: "NVMe", TempC: 41}}}
	return nil
}
