package miners

import (
	"strconv"
	"strings"
)

// lolSummary covers both shapes of lolMiner's GET /summary: the new one
// (1.4x and later: Algorithms[] and Workers[]) and the old one (Session with
// Performance_Summary, and GPUs[]).
type lolSummary struct {
	Session struct {
		Uptime             num    `json:"Uptime"`
		PerformanceSummary num    `json:"Performance_Summary"`
		PerformanceUnit    string `json:"Performance_Unit"`
		Accepted           num    `json:"Accepted"`
		Submitted          num    `json:"Submitted"`
	} `json:"Session"`
	Mining struct {
		Algorithm string `json:"Algorithm"`
	} `json:"Mining"`
	Stratum struct {
		CurrentPool string `json:"Current_Pool"`
	} `json:"Stratum"`
	GPUs []struct {
		Index       num    `json:"Index"`
		Performance num    `json:"Performance"`
		PCIEAddress string `json:"PCIE_Address"`
	} `json:"GPUs"`
	Algorithms []lolAlgorithm `json:"Algorithms"`
	Workers    []lolWorker    `json:"Workers"`
}

type lolAlgorithm struct {
	Algorithm         string `json:"Algorithm"`
	Pool              string `json:"Pool"`
	PerformanceUnit   string `json:"Performance_Unit"`
	PerformanceFactor num    `json:"Performance_Factor"`
	TotalPerformance  num    `json:"Total_Performance"`
	TotalAccepted     num    `json:"Total_Accepted"`
	TotalRejected     num    `json:"Total_Rejected"`
	WorkerPerformance []num  `json:"Worker_Performance"`
}

type lolWorker struct {
	Index       num    `json:"Index"`
	PCIEAddress string `json:"PCIE_Address"`
}

// ParseLolMiner parses lolMiner's GET /summary in either format. In the
// new format H/s = Total_Performance × Performance_Factor, per worker
// likewise; with several algorithms (dual mining) the first one is read.
func ParseLolMiner(data []byte) (Stats, error) {
	var v lolSummary
	if err := decode(data, &v); err != nil {
		return Stats{}, err
	}
	if len(v.Algorithms) > 0 {
		return v.newFormat(), nil
	}
	return v.oldFormat(), nil
}

func (v *lolSummary) newFormat() Stats {
	a := v.Algorithms[0]
	f := a.PerformanceFactor.V
	if !a.PerformanceFactor.OK || f <= 0 {
		f = unitFactor(a.PerformanceUnit)
	}
	s := Stats{
		Total:    scaled(a.TotalPerformance.rate(), f),
		Accepted: a.TotalAccepted.count(), Rejected: a.TotalRejected.count(),
		Uptime: seconds(v.Session.Uptime), Pool: a.Pool, Algorithm: a.Algorithm,
	}
	for i, p := range a.WorkerPerformance {
		g := GPUStat{Index: i, HashRate: scaled(p.rate(), f)}
		if i < len(v.Workers) {
			g.Index = int(v.Workers[i].Index.count())
			g.BusID = lolBusID(v.Workers[i].PCIEAddress)
		}
		s.GPUs = append(s.GPUs, g)
	}
	return s
}

func (v *lolSummary) oldFormat() Stats {
	f := unitFactor(v.Session.PerformanceUnit)
	acc := v.Session.Accepted.count()
	s := Stats{
		Total:    scaled(v.Session.PerformanceSummary.rate(), f),
		Accepted: acc, Rejected: max(v.Session.Submitted.count()-acc, 0),
		Uptime: seconds(v.Session.Uptime), Pool: v.Stratum.CurrentPool, Algorithm: v.Mining.Algorithm,
	}
	for _, g := range v.GPUs {
		s.GPUs = append(s.GPUs, GPUStat{BusID: lolBusID(g.PCIEAddress), Index: int(g.Index.count()), HashRate: scaled(g.Performance.rate(), f)})
	}
	return s
}

// lolBusID reads lolMiner's PCIE_Address, "bus:device" in decimal: a card
// that lspci shows at 13:00.0 is "19:0" (lolMiner-releases issue #1442).
// Any other spelling, should a version change it, is read as the others'.
func lolBusID(s string) string {
	busStr, devStr, ok := strings.Cut(strings.TrimSpace(s), ":")
	bus, err1 := strconv.ParseUint(busStr, 10, 8)
	dev, err2 := strconv.ParseUint(devStr, 10, 8)
	if ok && err1 == nil && err2 == nil {
		id, _ := busID(0, bus, dev, 0)
		return id
	}
	id, _ := NormalizeBusID(s)
	return id
}
