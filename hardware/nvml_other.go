//go:build !linux

package hardware

import "errors"

// OpenNVMLSystem reports the driver as unavailable: go-nvml supports Linux
// only, so on other systems RigShift shows the host alone.
func OpenNVMLSystem() (Backend, error) {
	return nil, errors.Join(ErrNoDriver, errors.New("NVIDIA GPU support is only available on Linux for now"))
}
