package miners

// xmrigSummary is the part of xmrig's GET /2/summary that RigShift reads.
type xmrigSummary struct {
	Uptime   num    `json:"uptime"`
	Algo     string `json:"algo"`
	Hashrate struct {
		Total []num `json:"total"` // [10 s, 60 s, 15 min]; entries may be null
	} `json:"hashrate"`
	Results struct {
		Good  num `json:"shares_good"`
		Total num `json:"shares_total"`
	} `json:"results"`
	Connection struct {
		Pool     string `json:"pool"`
		Accepted num    `json:"accepted"`
		Rejected num    `json:"rejected"`
	} `json:"connection"`
}

// ParseXMRig parses xmrig's GET /2/summary. The total is the 10 s
// average, else the 60 s one. xmrig nulls an average whose window holds no
// hashes, so a miner that stopped hashing keeps only its 15 min average,
// for up to 15 minutes: that one is never read as the hashrate now, or
// the stall watchdog would wait for it. xmrig's summary has no per-GPU
// figures.
func ParseXMRig(data []byte) (Stats, error) {
	var v xmrigSummary
	if err := decode(data, &v); err != nil {
		return Stats{}, err
	}
	s := Stats{Uptime: seconds(v.Uptime), Algorithm: v.Algo, Pool: v.Connection.Pool}
	for _, h := range v.Hashrate.Total[:min(2, len(v.Hashrate.Total))] {
		if h.OK {
			s.Total = h.rate()
			break
		}
	}
	s.Accepted, s.Rejected = v.Connection.Accepted.count(), v.Connection.Rejected.count()
	if !v.Connection.Accepted.OK && v.Results.Good.OK {
		s.Accepted = v.Results.Good.count()
		s.Rejected = max(v.Results.Total.count()-s.Accepted, 0)
	}
	return s, nil
}
