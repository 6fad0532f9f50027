package miners

import (
	"strconv"
	"strings"
)

// CUDAOrderEnv makes CUDA number devices in PCI bus order, the order the
// indices CUDADevices gives count in.
const CUDAOrderEnv = "CUDA_DEVICE_ORDER=PCI_BUS_ID"

// CUDADevices says how CUDA_VISIBLE_DEVICES should name the GPUs with the
// given UUIDs. By UUID when NVML read every one of them, since a UUID means
// the same card however CUDA counts. When one has none (RigShift names such
// a card by a stand-in that CUDA would reject, and the job would see no GPU
// at all), by their positions in PCI bus order: byBus is then true, and
// CUDAOrderEnv must be set with them.
func CUDADevices(inventory []GPU, gpus []string) (devices []string, byBus bool, err error) {
	if !allCUDAUUIDs(gpus) {
		idx, err := deviceIndices(inventory, gpus)
		if err != nil {
			return nil, false, err
		}
		for _, i := range idx {
			devices = append(devices, strconv.Itoa(i))
		}
		return devices, true, nil
	}
	return gpus, false, nil
}

// allCUDAUUIDs reports whether every id reads as a UUID CUDA accepts:
// "GPU-" and hexadecimal groups.
func allCUDAUUIDs(ids []string) bool {
	for _, id := range ids {
		hex, ok := strings.CutPrefix(id, "GPU-")
		if !ok || strings.Trim(hex, "0123456789abcdefABCDEF-") != "" || strings.Trim(hex, "-") == "" {
			return false
		}
	}
	return true
}

// everyGPUVisible makes CUDA see all n GPUs of the inventory, so that it
// counts the positions the miners' device flags name: a
// CUDA_VISIBLE_DEVICES inherited from the owner's shell would hide and
// renumber cards, and "-d 0,2" would mean others, maybe one rented out.
// None without an inventory, where an empty list would hide every card.
func everyGPUVisible(n int) []string {
	if n == 0 {
		return nil
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return []string{"CUDA_VISIBLE_DEVICES=" + joinInts(all, ",")}
}
