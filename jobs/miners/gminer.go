package miners

// gminerStat is the part of GMiner's GET /stat that RigShift reads.
type gminerStat struct {
	Uptime        num    `json:"uptime"`
	Server        string `json:"server"`
	Algorithm     string `json:"algorithm"`
	TotalAccepted num    `json:"total_accepted_shares"`
	TotalRejected num    `json:"total_rejected_shares"`
	SpeedUnit     string `json:"speed_unit"`
	Devices       []struct {
		GPUID     num    `json:"gpu_id"`
		BusID     bus    `json:"bus_id"` // "0000:01:00.0" in some versions, 1 in others
		Speed     num    `json:"speed"`
		SpeedUnit string `json:"speed_unit"`
	} `json:"devices"`
}

// ParseGMiner parses GMiner's GET /stat. GMiner has no total field; the
// total is the sum of the devices' speeds.
func ParseGMiner(data []byte) (Stats, error) {
	var v gminerStat
	if err := decode(data, &v); err != nil {
		return Stats{}, err
	}
	s := Stats{
		Accepted: v.TotalAccepted.count(), Rejected: v.TotalRejected.count(),
		Uptime: seconds(v.Uptime), Pool: v.Server, Algorithm: v.Algorithm,
	}
	for _, d := range v.Devices {
		unit := d.SpeedUnit
		if unit == "" {
			unit = v.SpeedUnit
		}
		s.GPUs = append(s.GPUs, GPUStat{
			BusID: string(d.BusID), Index: int(d.GPUID.count()),
			HashRate: scaled(d.Speed.rate(), unitFactor(unit)),
		})
	}
	s.Total = sumGPUs(s.GPUs)
	return s, nil
}
