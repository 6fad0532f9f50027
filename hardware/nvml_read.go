//go:build linux

package hardware

import (
	"fmt"
	"slices"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

// nvmlReader reads one metric into a sample.
type nvmlReader struct {
	metric Metric
	read   func(nvml.Device, *GPUSample) nvml.Return
}

// nvmlReaders is the per-tick query list, cheapest first. The process list
// and PCIe throughput are deliberately absent: they are slow (~20 ms) and
// are sampled on demand instead.
var nvmlReaders = []nvmlReader{
	{MetricTemp, readTemp},
	{MetricPower, readPower},
	{MetricPowerLimit, readPowerLimit},
	{MetricEnergy, readEnergy},
	{MetricUtilization, readUtilization},
	{MetricVRAM, readVRAM},
	{MetricFan, readFan},
	{MetricSMClock, readSMClock},
	{MetricMemClock, readMemClock},
	{MetricThrottle, readThrottle},
}

// readersFor is the query list for a driver. go-nvml calls a symbol the
// library lacks anyway, ending the process: before R535 there is no
// nvmlDeviceGetCurrentClocksEventReasons, and the throttle reasons are read
// by their older name only; from R510 the memory is read by
// nvmlDeviceGetMemoryInfo_v2, which leaves the driver's reserve out of the
// used memory as nvidia-smi does.
func readersFor(hasEventReasons, hasMemoryV2 bool) []nvmlReader {
	out := slices.Clone(nvmlReaders)
	for i := range out {
		switch {
		case out[i].metric == MetricThrottle && !hasEventReasons:
			out[i].read = readThrottleReasons
		case out[i].metric == MetricVRAM && hasMemoryV2:
			out[i].read = readVRAMv2
		}
	}
	return out
}

// Read fills s with a fresh reading of GPU index. It must not be called
// concurrently for the same index. A metric the GPU answers NOT_SUPPORTED
// for is remembered and never asked again.
func (b *NVML) Read(index int, s *GPUSample) error {
	d, err := b.device(index)
	if err != nil {
		return err
	}
	if err := b.enter(); err != nil {
		return err
	}
	defer b.leave()
	*s = GPUSample{Index: index, UUID: b.gpus[index].UUID, Time: b.clock()}
	failed := nvml.SUCCESS // the first other error, kept in case nothing is read
	counterDue := d.counterAt.IsZero() || s.Time.Sub(d.counterAt) >= EnergyCounterEvery
	for _, r := range b.readers {
		if d.unsupported&r.metric != 0 || (r.metric == MetricEnergy && !counterDue) {
			continue
		}
		switch ret := r.read(d.handle, s); ret {
		case nvml.SUCCESS:
			s.Valid |= r.metric
		case nvml.ERROR_NOT_SUPPORTED, nvml.ERROR_FUNCTION_NOT_FOUND:
			d.unsupported |= r.metric
		case nvml.ERROR_GPU_IS_LOST:
			d.lost.Store(true)
			s.State = GPULost
			return ErrGPULost
		default:
			if failed == nvml.SUCCESS {
				failed = ret
			}
		}
	}
	if s.Valid == 0 && failed != nvml.SUCCESS {
		// A card that answers nothing is not responding, not a card
		// that is fine with no values.
		return fmt.Errorf("GPU %d answered no reading: %w", index, nvmlErr(failed))
	}
	d.trackEnergy(s, counterDue)
	return nil
}

// trackEnergy keeps a GPU's cumulative energy: the counter's last reading
// plus the power integrated since, corrected at each read. A GPU without a
// counter (pre-Volta), or whose counter turned NOT_SUPPORTED, goes on with
// the power alone from where it got to, marked estimated. The figure does
// not go back (a counter that comes in below it holds it until it passes),
// so a difference of two samples is not negative, but for a counter that
// starts over (below its own last reading), which is taken as it reads. A
// sample with neither a counter reading nor a power one has no figure: the
// next power reading covers its time, and a figure left flat would make the
// catch-up look like seconds of energy used in one.
func (d *nvmlDevice) trackEnergy(s *GPUSample, counterRead bool) {
	counter := d.unsupported&MetricEnergy == 0
	switch {
	case counter && counterRead && s.Has(MetricEnergy):
		if s.EnergyJ < d.counterJ {
			d.shownJ = 0 // the counter started over (a GPU reset): taken as it reads
		}
		d.counterJ, d.counterAt, d.sinceJ, d.poweredAt = s.EnergyJ, s.Time, 0, s.Time
	case counter && (counterRead || d.counterAt.IsZero()):
		return // the counter failed: no figure this time
	case !s.Has(MetricPower):
		return
	default:
		if !d.poweredAt.IsZero() {
			d.sinceJ += s.PowerW * s.Time.Sub(d.poweredAt).Seconds()
		}
		d.poweredAt = s.Time
		s.EnergyJ, s.EnergyEstimated = d.counterJ+d.sinceJ, !counter
		s.Valid |= MetricEnergy
	}
	s.EnergyJ = max(s.EnergyJ, d.shownJ)
	d.shownJ = s.EnergyJ
}

func readTemp(h nvml.Device, s *GPUSample) nvml.Return {
	t, ret := h.GetTemperature(nvml.TEMPERATURE_GPU)
	s.TempC = int(t)
	return ret
}

func readPower(h nvml.Device, s *GPUSample) nvml.Return {
	mw, ret := h.GetPowerUsage()
	s.PowerW = float64(mw) / 1000
	return ret
}

func readPowerLimit(h nvml.Device, s *GPUSample) nvml.Return {
	mw, ret := h.GetEnforcedPowerLimit()
	s.PowerLimitW = float64(mw) / 1000
	return ret
}

func readEnergy(h nvml.Device, s *GPUSample) nvml.Return {
	mj, ret := h.GetTotalEnergyConsumption()
	s.EnergyJ = float64(mj) / 1000
	return ret
}

func readUtilization(h nvml.Device, s *GPUSample) nvml.Return {
	u, ret := h.GetUtilizationRates()
	s.GPUUtil, s.MemUtil = int(u.Gpu), int(u.Memory)
	return ret
}

func readVRAM(h nvml.Device, s *GPUSample) nvml.Return {
	m, ret := h.GetMemoryInfo()
	s.VRAMUsed, s.VRAMTotal = m.Used, m.Total
	return ret
}

// readVRAMv2 reads the memory without the driver's reserve; a card that
// refuses the v2 question is asked the v1 one.
func readVRAMv2(h nvml.Device, s *GPUSample) nvml.Return {
	m, ret := h.GetMemoryInfo_v2()
	if ret == nvml.ERROR_NOT_SUPPORTED || ret == nvml.ERROR_ARGUMENT_VERSION_MISMATCH {
		return readVRAM(h, s)
	}
	s.VRAMUsed, s.VRAMTotal = m.Used, m.Total
	return ret
}

func readFan(h nvml.Device, s *GPUSample) nvml.Return {
	f, ret := h.GetFanSpeed()
	s.FanPct = int(f)
	return ret
}

func readSMClock(h nvml.Device, s *GPUSample) nvml.Return {
	c, ret := h.GetClockInfo(nvml.CLOCK_SM)
	s.SMClockMHz = int(c)
	return ret
}

func readMemClock(h nvml.Device, s *GPUSample) nvml.Return {
	c, ret := h.GetClockInfo(nvml.CLOCK_MEM)
	s.MemClockMHz = int(c)
	return ret
}

// readThrottle asks by the current name (R535 on). A NOT_SUPPORTED is not
// asked again by the old name: it asks the same, and is deprecated, so a
// driver may drop it, and go-nvml would call it anyway.
func readThrottle(h nvml.Device, s *GPUSample) nvml.Return {
	r, ret := h.GetCurrentClocksEventReasons()
	s.Throttle = ThrottleReasons(r)
	return ret
}

// readThrottleReasons asks by the pre-R535 name.
func readThrottleReasons(h nvml.Device, s *GPUSample) nvml.Return {
	r, ret := h.GetCurrentClocksThrottleReasons()
	s.Throttle = ThrottleReasons(r)
	return ret
}
