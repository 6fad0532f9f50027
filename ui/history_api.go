package ui

import (
	"io"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/store"
)

// History is what the history and events screens read: the store's
// resolution-aware queries and exports. StoreHistory adapts *store.Store.
// Every method is called off the UI goroutine.
type History interface {
	// Series returns metric m of the GPU with this UUID over [from, to],
	// at most maxPoints points, oldest first.
	Series(gpu string, m Metric, from, to time.Time, maxPoints int) ([]Point, error)
	// EarningsByDay totals each calendar day in [from, to].
	EarningsByDay(from, to time.Time) ([]DayEarnings, error)
	// Events returns the event log in [from, to], newest first, at most
	// limit entries.
	Events(from, to time.Time, limit int) ([]Event, error)
	ExportJobsCSV(w io.Writer) error
	// ExportEarningsCSV writes the earnings records of [from, to).
	ExportEarningsCSV(w io.Writer, from, to time.Time) error
	ExportTelemetryCSV(w io.Writer, gpu string, from, to time.Time) error
	// KnownGPUs lists every GPU the history has recorded, in the rig now
	// or not; one recorded before names were kept has only its UUID and
	// Index -1.
	KnownGPUs() ([]hardware.GPUInfo, error)
	// Path is the history database file, shown in the settings.
	Path() string
}

// Metric is a GPU measurement the history charts show.
type Metric uint8

// The charted metrics.
const (
	MetricTemp  Metric = iota // core temperature, °C
	MetricPower               // power draw, W
	MetricLoad                // GPU load, %
)

// Point is one chart point: min, average and max over an interval.
type Point struct {
	Time          time.Time
	Min, Avg, Max float32
}

// DayEarnings is what one day earned and cost, mining and renting apart,
// and what the rig drew while it idled.
type DayEarnings struct {
	Day               time.Time
	Currency          string
	MiningRevenue     float64
	MiningElectricity float64
	RentalRevenue     float64
	RentalElectricity float64
	IdleElectricity   float64
}

// MiningNet is mining revenue after its electricity.
func (d DayEarnings) MiningNet() float64 { return d.MiningRevenue - d.MiningElectricity }

// RentalNet is rental revenue after its electricity.
func (d DayEarnings) RentalNet() float64 { return d.RentalRevenue - d.RentalElectricity }

// Event is one entry of the event log; control.DescribeEvent and its
// neighbours put it in words.
type Event = store.Event
