package ui

import "github.com/rigshift/rigshift/hardware"

// Rig is what the window shows: the hardware found and a live feed of it.
type Rig struct {
	System hardware.SystemInfo
	GPUs   []hardware.GPUInfo
	GPUErr error // why there are no GPUs (no driver), or nil
	Host   hardware.HostInfo
	Feed   Feed
}

// Feed delivers telemetry snapshots; *hardware.Sampler is one.
type Feed interface {
	Subscribe() (<-chan hardware.Snapshot, func())
}
