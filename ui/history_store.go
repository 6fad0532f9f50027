package ui

import (
	"io"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// StoreHistory gives the history screens the store's queries: what
// Deps.History wants from the *store.Store main opened.
func StoreHistory(s *store.Store) History { return storeHistory{s} }

type storeHistory struct{ s *store.Store }

// storeMetrics maps the charted metrics to the store's.
var storeMetrics = map[Metric]store.Metric{
	MetricTemp: store.MetricTemp, MetricPower: store.MetricPower, MetricLoad: store.MetricGPUUtil,
}

func (h storeHistory) Series(gpu string, m Metric, from, to time.Time, maxPoints int) ([]Point, error) {
	pts, err := h.s.Series(gpu, storeMetrics[m], from, to, maxPoints)
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = Point{Time: p.Time, Min: p.Min, Avg: p.Avg, Max: p.Max}
	}
	return out, err
}

func (h storeHistory) EarningsByDay(from, to time.Time) ([]DayEarnings, error) {
	days, err := h.s.EarningsByDay(from, to)
	out := make([]DayEarnings, len(days))
	for i, d := range days {
		out[i] = DayEarnings{Day: d.Day, Currency: d.Currency, MiningRevenue: d.MiningRevenue,
			MiningElectricity: d.MiningElectricity, RentalRevenue: d.RentalRevenue, RentalElectricity: d.RentalElectricity,
			IdleElectricity: d.IdleElectricity}
	}
	return out, err
}

func (h storeHistory) Events(from, to time.Time, limit int) ([]Event, error) {
	return h.s.Events(from, to, limit)
}

func (h storeHistory) ExportJobsCSV(w io.Writer) error { return h.s.ExportJobsCSV(w) }
func (h storeHistory) Path() string                    { return h.s.Path() }

func (h storeHistory) ExportEarningsCSV(w io.Writer, from, to time.Time) error {
	return h.s.ExportEarningsBetweenCSV(w, from, to)
}

func (h storeHistory) KnownGPUs() ([]hardware.GPUInfo, error) {
	known, err := h.s.KnownGPUs()
	out := make([]hardware.GPUInfo, len(known))
	for i, g := range known {
		out[i] = hardware.GPUInfo{Index: g.Index, UUID: g.UUID, Name: g.Name, PCIBusID: g.BusID}
	}
	return out, err
}

func (h storeHistory) ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error {
	return h.s.ExportTelemetryCSV(w, gpu, from, to)
}
