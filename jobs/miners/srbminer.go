package miners

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// srbStats is the part of SRBMiner-MULTI's GET / that RigShift reads.
type srbStats struct {
	MiningTime num            `json:"mining_time"`
	Uptime     num            `json:"uptime"`
	TotalNow   num            `json:"hashrate_total_now"` // older builds
	Algorithms []srbAlgorithm `json:"algorithms"`
	GPUDevices []struct {
		ID    num `json:"id"`
		BusID bus `json:"bus_id"`
	} `json:"gpu_devices"`
}

type srbAlgorithm struct {
	Name     string `json:"name"`
	TotalNow num    `json:"hashrate_total_now"` // older builds
	Pool     struct {
		Pool string `json:"pool"`
	} `json:"pool"`
	Shares struct {
		Accepted num `json:"accepted"`
		Rejected num `json:"rejected"`
	} `json:"shares"`
	Hashrate struct {
		Now json.RawMessage            `json:"now"` // a number, or {"total": …}
		GPU map[string]json.RawMessage `json:"gpu"` // "total", "gpu0", "gpu1", …
	} `json:"hashrate"`
}

// ParseSRBMiner parses SRBMiner-MULTI's GET /. The total is hashrate.gpu.total,
// else hashrate.now, else the older hashrate_total_now; per-GPU rates
// ("gpu0", "gpu1", …) are matched to gpu_devices[].bus_id by id. With
// several algorithms the first one is read.
func ParseSRBMiner(data []byte) (Stats, error) {
	var v srbStats
	if err := decode(data, &v); err != nil {
		return Stats{}, err
	}
	s := Stats{Uptime: seconds(v.MiningTime), Total: v.TotalNow.rate()}
	if !v.MiningTime.OK {
		s.Uptime = seconds(v.Uptime)
	}
	if len(v.Algorithms) == 0 {
		return s, nil
	}
	a := v.Algorithms[0]
	s.Algorithm, s.Pool = a.Name, a.Pool.Pool
	s.Accepted, s.Rejected = a.Shares.Accepted.count(), a.Shares.Rejected.count()
	s.GPUs = v.perGPU(a)
	s.Total = firstRate(rawNum(a.Hashrate.GPU["total"]), nowRate(a.Hashrate.Now), a.TotalNow, v.TotalNow)
	return s, nil
}

// perGPU reads the "gpuN" entries, in device order.
func (v *srbStats) perGPU(a srbAlgorithm) []GPUStat {
	buses := map[int]string{}
	for _, d := range v.GPUDevices {
		buses[int(d.ID.count())] = string(d.BusID)
	}
	var out []GPUStat
	for key, raw := range a.Hashrate.GPU {
		id, err := strconv.Atoi(strings.TrimPrefix(key, "gpu"))
		if !strings.HasPrefix(key, "gpu") || err != nil || id < 0 {
			continue
		}
		out = append(out, GPUStat{BusID: buses[id], Index: id, HashRate: rawNum(raw).rate()})
	}
	slices.SortFunc(out, func(a, b GPUStat) int { return a.Index - b.Index })
	return out
}

func rawNum(raw json.RawMessage) num {
	var n num
	if raw != nil {
		n.UnmarshalJSON(raw)
	}
	return n
}

// nowRate reads hashrate.now, a number or an object with a total.
func nowRate(raw json.RawMessage) num {
	if n := rawNum(raw); n.OK {
		return n
	}
	var o struct {
		Total num `json:"total"`
	}
	if json.Unmarshal(raw, &o) != nil {
		return num{}
	}
	return o.Total
}

func firstRate(ns ...num) float64 {
	for _, n := range ns {
		if n.OK {
			return n.rate()
		}
	}
	return 0
}
