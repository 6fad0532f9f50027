//go:build linux

package hardware

import "github.com/NVIDIA/go-nvml/pkg/nvml"

// migEnabled reports whether the GPU is split into MIG instances. A driver
// older than R450 lacks the MIG functions, and go-nvml would call the
// missing symbol anyway, ending the process: there it is never asked.
func (b *NVML) migEnabled(h nvml.Device) bool {
	if !b.hasMIG {
		return false
	}
	current, _, ret := h.GetMigMode()
	return ret == nvml.SUCCESS && current == nvml.DEVICE_MIG_ENABLE
}

// migProcesses lists the compute processes of each MIG instance of the
// GPU. With MIG enabled, NVML lists a whole GPU's processes to privileged
// callers only, but each instance's to anyone; graphics does not run in
// MIG mode.
func (b *NVML) migProcesses(d *nvmlDevice) ([]nvml.ProcessInfo, error) {
	n, ret := d.handle.GetMaxMigDeviceCount()
	if err := b.check(d, ret); err != nil {
		return nil, err
	}
	var all []nvml.ProcessInfo
	for i := range n {
		mig, ret := d.handle.GetMigDeviceHandleByIndex(i)
		if ret == nvml.ERROR_NOT_FOUND {
			continue // no instance in this slot
		}
		if err := b.check(d, ret); err != nil {
			return nil, err
		}
		procs, ret := mig.GetComputeRunningProcesses()
		if err := b.check(d, ret); err != nil {
			return nil, err
		}
		all = append(all, procs...)
	}
	return all, nil
}
