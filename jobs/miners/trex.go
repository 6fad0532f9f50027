package miners

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
// numeric pci_domain/pci_bus/pci_id fields; T-Rex also reports the UUID.
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
		st := GPUStat{UUID: g.UUID, Index: int(g.GPUID.count()), HashRate: g.Hashrate.rate()}
		if g.PCIBus.OK {
			st.BusID = busFromNumbers(g.PCIDomain.V, g.PCIBus.V, g.PCIID.V)
		}
		s.GPUs = append(s.GPUs, st)
	}
	return s, nil
}
