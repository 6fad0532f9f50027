//go:build linux

package hardware

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

// NVML reads NVIDIA GPUs through the driver's management library. It
// initialises the library once and keeps the device handles for its life.
type NVML struct {
	lib     nvml.Interface
	sys     SystemInfo
	gpus    []GPUInfo
	devs    []*nvmlDevice
	readers []nvmlReader // what a telemetry read asks, for this driver
	hasMIG  bool         // the driver has MIG functions (R450 and newer)
	clock   func() time.Time

	// Calls into the library that have not returned, and whether Close
	// was called and the library shut down: Shutdown unloads
	// libnvidia-ml, and a call still inside it would crash the process.
	callsMu sync.Mutex
	calls   int
	closed  bool
	shut    bool
}

var _ Backend = (*NVML)(nil)

// nvmlDevice is one GPU's handle plus what we learnt about it. Only the
// sampler's reader for this GPU touches unsupported and the energy fields.
type nvmlDevice struct {
	handle      nvml.Device
	lost        atomic.Bool
	unsupported Metric // metrics that answered NOT_SUPPORTED: never asked again
	// The energy (trackEnergy): the counter's last reading and when, the
	// power integrated since and when last read, and the last figure shown.
	counterJ, sinceJ, shownJ float64
	counterAt, poweredAt     time.Time
}

// OpenNVMLSystem opens the NVIDIA driver installed on this machine.
// ErrNoDriver means there is none: show the host alone.
func OpenNVMLSystem() (Backend, error) {
	b, err := OpenNVML(nvml.New())
	if err != nil {
		return nil, err
	}
	return b, nil
}

// OpenNVML initialises lib and discovers its GPUs. When Init fails, lib is
// never called again: after a failed Init every other go-nvml call aborts
// the process, Shutdown included.
func OpenNVML(lib nvml.Interface) (*NVML, error) {
	if ret := lib.Init(); ret != nvml.SUCCESS {
		return nil, initError(ret)
	}
	has := func(sym string) bool { return lib.Extensions().LookupSymbol(sym) == nil }
	b := &NVML{lib: lib, clock: time.Now, hasMIG: has("nvmlDeviceGetMigMode"),
		readers: readersFor(has("nvmlDeviceGetCurrentClocksEventReasons"), has("nvmlDeviceGetMemoryInfo_v2"))}
	if err := b.discover(); err != nil {
		lib.Shutdown()
		return nil, err
	}
	return b, nil
}

func initError(ret nvml.Return) error {
	switch ret {
	case nvml.ERROR_LIBRARY_NOT_FOUND:
		return ErrNoDriver
	case nvml.ERROR_DRIVER_NOT_LOADED:
		return fmt.Errorf("%w: the NVIDIA kernel module is not loaded (reboot, or run 'sudo modprobe nvidia')", ErrNoDriver)
	case nvml.ERROR_LIB_RM_VERSION_MISMATCH:
		return fmt.Errorf("NVIDIA driver and library versions differ, which happens after a driver update: reboot the machine (NVML: %v)", ret)
	case nvml.ERROR_NO_PERMISSION:
		return fmt.Errorf("no permission to use the NVIDIA driver: check the /dev/nvidia* device permissions (NVML: %v)", ret)
	}
	return fmt.Errorf("starting the NVIDIA management library: %w", nvmlErr(ret))
}

// System describes the driver stack.
func (b *NVML) System() SystemInfo { return b.sys }

// GPUs is the inventory found at open.
func (b *NVML) GPUs() []GPUInfo { return b.gpus }

// errNVMLClosed answers calls made after Close.
var errNVMLClosed = errors.New("the NVIDIA driver was closed")

// Close shuts the library down, unless a call has not returned (a GPU that
// does not answer): then the library is left loaded, as OpenSystem leaves
// a wedged one, and the process exit releases it. No call reaches the
// library after Close.
func (b *NVML) Close() error {
	b.callsMu.Lock()
	defer b.callsMu.Unlock()
	b.closed = true
	if b.shut {
		return nil
	}
	if b.calls > 0 {
		return fmt.Errorf("NVML left open: %d call(s) to a GPU have not returned", b.calls)
	}
	b.shut = true
	if ret := b.lib.Shutdown(); ret != nvml.SUCCESS {
		return fmt.Errorf("shutting NVML down: %w", nvmlErr(ret))
	}
	return nil
}

// enter counts a call into the library, refused once Close was called;
// the caller calls leave when it returns.
func (b *NVML) enter() error {
	b.callsMu.Lock()
	defer b.callsMu.Unlock()
	if b.closed {
		return errNVMLClosed
	}
	b.calls++
	return nil
}

func (b *NVML) leave() {
	b.callsMu.Lock()
	b.calls--
	b.callsMu.Unlock()
}

func (b *NVML) discover() error {
	b.sys = SystemInfo{Backend: BackendNVML}
	if v, ret := b.lib.SystemGetDriverVersion(); ret == nvml.SUCCESS {
		b.sys.Driver = v
	}
	if v, ret := b.lib.SystemGetCudaDriverVersion(); ret == nvml.SUCCESS {
		b.sys.CUDA = fmt.Sprintf("%d.%d", v/1000, v%1000/10)
	}
	count, ret := b.lib.DeviceGetCount()
	if ret != nvml.SUCCESS {
		return fmt.Errorf("counting GPUs: %w", nvmlErr(ret))
	}
	if count == 0 { // what nvidia-smi words as "No devices were found"
		return errors.New("the NVIDIA driver is loaded but finds no GPU: check that the cards are seated and powered (risers, PCIe power), then see 'sudo dmesg | grep -i NVRM'")
	}
	for i := range count {
		b.addDevice(i)
	}
	return nil
}

// addDevice records GPU i. A GPU whose handle cannot be had is kept in the
// inventory as lost, so the owner sees it rather than a shorter list.
func (b *NVML) addDevice(i int) {
	d := &nvmlDevice{}
	info := GPUInfo{Index: i, Name: unknownGPU}
	h, ret := b.lib.DeviceGetHandleByIndex(i)
	if ret != nvml.SUCCESS {
		d.lost.Store(true)
	} else {
		d.handle = h
		info = describe(i, h)
	}
	if info.UUID == "" {
		info.UUID = standInUUID(i, info.PCIBusID)
	}
	b.devs = append(b.devs, d)
	b.gpus = append(b.gpus, info)
}

// standInUUID names a GPU whose UUID could not be read, by its PCI slot or
// else its index: every map of the rig (the controller's GPUs, the
// dashboard's cards, the history) is keyed by UUID, and two cards without
// one would be taken for one card.
func standInUUID(i int, busID string) string {
	if busID != "" {
		return "GPU-unknown-pci-" + busID
	}
	return fmt.Sprintf("GPU-unknown-index-%d", i)
}

// unknownGPU names a card that did not tell its name.
const unknownGPU = "unknown GPU"

func describe(i int, h nvml.Device) GPUInfo {
	info := GPUInfo{Index: i, Name: unknownGPU}
	if name, ret := h.GetName(); ret == nvml.SUCCESS && name != "" {
		info.Name = name
	}
	info.UUID, _ = h.GetUUID()
	if pci, ret := h.GetPciInfo(); ret == nvml.SUCCESS {
		info.PCIBusID = busID(pci.BusId[:])
	}
	if mem, ret := h.GetMemoryInfo(); ret == nvml.SUCCESS {
		info.VRAMTotal = mem.Total
	}
	if mw, ret := h.GetEnforcedPowerLimit(); ret == nvml.SUCCESS {
		info.PowerLimitW = float64(mw) / 1000
	}
	return info
}

// busID turns NVML's NUL-terminated C string into a Go string.
func busID(raw []int8) string {
	b := make([]byte, 0, len(raw))
	for _, c := range raw {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

// Processes lists the compute and graphics processes holding memory on GPU
// index, each PID once.
func (b *NVML) Processes(index int) ([]GPUProcess, error) {
	d, err := b.device(index)
	if err != nil {
		return nil, err
	}
	if err := b.enter(); err != nil {
		return nil, err
	}
	defer b.leave()
	procs, err := b.processInfos(d)
	if err != nil {
		return nil, fmt.Errorf("listing processes on GPU %d: %w", index, err)
	}
	seen := map[int]bool{}
	var out []GPUProcess
	for _, p := range procs {
		if !seen[int(p.Pid)] {
			seen[int(p.Pid)] = true
			out = append(out, GPUProcess{PID: int(p.Pid), UsedMemory: p.UsedGpuMemory})
		}
	}
	return out, nil
}

// processInfos asks the GPU for its compute and graphics processes; a GPU
// in MIG mode that refuses, for want of privileges, is asked per instance.
func (b *NVML) processInfos(d *nvmlDevice) ([]nvml.ProcessInfo, error) {
	compute, ret := d.handle.GetComputeRunningProcesses()
	if ret == nvml.ERROR_NO_PERMISSION && b.migEnabled(d.handle) {
		return b.migProcesses(d)
	}
	if err := b.check(d, ret); err != nil {
		return nil, err
	}
	graphics, ret := d.handle.GetGraphicsRunningProcesses()
	if err := b.check(d, ret); err != nil {
		return nil, err
	}
	return append(compute, graphics...), nil
}

func (b *NVML) device(index int) (*nvmlDevice, error) {
	if index < 0 || index >= len(b.devs) {
		return nil, fmt.Errorf("no GPU with index %d (this rig has %d)", index, len(b.devs))
	}
	d := b.devs[index]
	if d.lost.Load() {
		return nil, ErrGPULost
	}
	return d, nil
}

// check converts a return code, marking the device lost when NVML says so.
// NOT_SUPPORTED is not an error here: the caller treats it as "no data".
func (b *NVML) check(d *nvmlDevice, ret nvml.Return) error {
	switch ret {
	case nvml.SUCCESS, nvml.ERROR_NOT_SUPPORTED:
		return nil
	case nvml.ERROR_GPU_IS_LOST:
		d.lost.Store(true)
		return ErrGPULost
	}
	return nvmlErr(ret)
}

// nvmlError wraps an NVML return code as a Go error.
type nvmlError struct{ ret nvml.Return }

func (e nvmlError) Error() string { return "NVML " + e.ret.Error() }

func nvmlErr(ret nvml.Return) error { return nvmlError{ret} }
