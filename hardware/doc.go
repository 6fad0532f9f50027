// Package hardware finds the rig's GPUs and host and samples their telemetry.
//
// GPUs sit behind the small Backend interface. The NVML backend talks to the
// NVIDIA driver through an injected nvml.Interface, so tests drive it with
// go-nvml's own mocks; the simulated backend models a rig whose temperatures,
// power and fans follow load, for demos and tests without a GPU. A Sampler
// polls a backend and the host on one schedule and publishes Snapshots to
// subscribers without ever blocking on a slow one. DesktopIdle asks the
// desktop over D-Bus how long its owner has been away from the keyboard.
//
// This package imports nothing else of RigShift's.
package hardware
