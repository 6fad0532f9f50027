package miners

import "strings"

// trexSummary is the part of T-Rex's GET /summary that RigShift reads.
type trexSummary struct {
	Hashrate       num    `json:"hashrate"`
	HashrateMinute num    `json:"hashrate_minute"`
	Accepted       num    `json:"accepted_count"`
	Rejected       num    `json:"rejected_count"`
	Uptime         num    `json:"uptime"`
	Algorithm      string `json:"algorithm"`
	ActivePool     struct {
		URL  string `json:"url"`
		User string `json:"user"`
	} `json:"active_pool"`
	GPUs []struct {
		GPUID     num    `json:"gpu_id"`
		DeviceID  num    `json:"device_id"`
		PCIDomain num    `json:"pci_domain"`
		PCIBus    num    `json:"pci_bus"`
		PCIID     num    `json:"pci_id"`
		UUID      string `json:"uuid"`
		Hashrate  num    `json:"hashrate"`
	} `json:"gpus"`
}

// ParseTRex parses T-Rex's GET /summary. Per-GPU bus ids come from the
// numeric pci_domain/pci_bus/pci_id fields; T-Rex also reports the UUID,
// in its own spelling (see nvmlUUID).
func ParseTRex(data []byte) (Stats, error) {
	var v trexSummary
	if err := decode(data, &v); err != nil {
		return Stats{}, err
	}
	s := Stats{
		Total:    v.Hashrate.rate(),
		Accepted: v.Accepted.count(), Rejected: v.Rejected.count(),
		Uptime: seconds(v.Uptime), Pool: v.ActivePool.URL, Algorithm: v.Algorithm,
	}
	if !v.Hashrate.OK {
		s.Total = v.HashrateMinute.rate()
	}
	for _, g := range v.GPUs {
		st := GPUStat{UUID: nvmlUUID(g.UUID), Index: int(g.GPUID.count()), HashRate: g.Hashrate.rate()}
		if g.PCIBus.OK {
			st.BusID = busFromNumbers(g.PCIDomain.V, g.PCIBus.V, g.PCIID.V)
		}
		s.GPUs = append(s.GPUs, st)
	}
	return s, nil
}

// nvmlUUID writes a UUID as T-Rex sends it, the card's 16 bytes in 32 hex
// digits ("3e95c8ebee1ca0d490c7a000a27f4c55"), as NVML writes it
// ("GPU-3e95c8eb-ee1c-a0d4-90c7-a000a27f4c55"), so that MatchGPUs finds
// the card by it. Any other spelling is kept as it came.
func nvmlUUID(s string) string {
	h := strings.ToLower(strings.TrimSpace(s))
	if len(h) != 32 || strings.Trim(h, "0123456789abcdef") != "" {
		return s
	}
	return "GPU-" + h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
