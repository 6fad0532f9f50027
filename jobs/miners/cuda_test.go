package miners

import (
	"slices"
	"testing"
)

// CUDA rejects RigShift's stand-in for an unreadable UUID, and a job shown
// a device CUDA rejects sees no GPU at all: such a selection goes by PCI
// bus order instead, the order CUDA counts in with CUDA_DEVICE_ORDER set.
func TestCUDADevices(t *testing.T) {
	inventory := []GPU{
		{UUID: "GPU-8a1b2c3d-0000-1111-2222-333344445555", BusID: "00000000:03:00.0"},
		{UUID: "GPU-unknown-pci-00000000:01:00.0", BusID: "00000000:01:00.0"},
		{UUID: "GPU-FFEE0011-2233-4455-6677-8899aabbccdd", BusID: "00000000:02:00.0"},
	}
	for _, c := range []struct {
		gpus    []string
		devices []string
		byBus   bool
	}{
		{[]string{inventory[0].UUID, inventory[2].UUID}, []string{inventory[0].UUID, inventory[2].UUID}, false},
		{[]string{inventory[1].UUID}, []string{"0"}, true},
		{[]string{inventory[0].UUID, inventory[1].UUID}, []string{"0", "2"}, true},
	} {
		devices, byBus, err := CUDADevices(inventory, c.gpus)
		if err != nil || !slices.Equal(devices, c.devices) || byBus != c.byBus {
			t.Errorf("CUDADevices(%q) = %q, %v, %v; want %q, %v", c.gpus, devices, byBus, err, c.devices, c.byBus)
		}
	}
	if _, _, err := CUDADevices(inventory, []string{"GPU-unknown-index-7"}); err == nil {
		t.Error("a card not in the inventory was given a position")
	}
}

// The owner's own miner command gets the same: a position, and the order.
func TestCustomMinerOnACardWithoutUUID(t *testing.T) {
	inventory := []GPU{{UUID: "GPU-unknown-index-0"}, {UUID: "GPU-unknown-index-1"}}
	l, err := Preset{Miner: Custom, Executable: "/opt/miner"}.Build(inventory, []string{"GPU-unknown-index-1"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"CUDA_VISIBLE_DEVICES=1", CUDAOrderEnv}; !slices.Equal(l.Env, want) {
		t.Fatalf("Env = %q, want %q", l.Env, want)
	}
}
