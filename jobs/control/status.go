package control

import (
	"time"

	"github.com/rigshift/rigshift/store"
)

// Status is the rig at a glance, for the dashboard, the tray and
// `rigshift status`.
type Status struct {
	Mode      Mode        `json:"mode"`      // the mode asked for last
	Switching bool        `json:"switching"` // workloads are still being started or stopped for it
	Since     time.Time   `json:"since"`     // when Mode was chosen
	GPUs      []GPUStatus `json:"gpus"`
	Miner     MinerStatus `json:"miner"`
	Queued    int         `json:"queued"`  // rental jobs waiting
	Running   []Job       `json:"running"` // rental jobs holding GPUs now
	Rates     Rates       `json:"rates"`
	DataPath  string      `json:"data_path"` // the history database file
	// StorageProblem, when set, is why the database refused a write in the
	// last minute (a full disk, a damaged file), worded for the owner;
	// writes have been failing since StorageSince.
	StorageProblem string    `json:"storage_problem,omitempty"`
	StorageSince   time.Time `json:"storage_since,omitzero"`
	// MiningHeld, when set, is why Mine or Auto leaves free GPUs idle now:
	// "outside the mining hours (22:00–07:00); mining starts at 22:00", or
	// the owner at the computer.
	// MiningWaits says it in a few words: "mining starts at 22:00".
	MiningHeld  string `json:"mining_held,omitempty"`
	MiningWaits string `json:"mining_waits,omitempty"`
	// Today is what the rig earned and spent on electricity since local
	// midnight: the records as of the last heartbeat (open mining and idle
	// records as last saved), and the running jobs as of now.
	Today Today `json:"today"`
	// Accruing is, for each running job, what its run has earned and cost
	// and not booked yet (the ledger books a run as it ends), as one
	// record over the run so far: the history's days count it, as Today
	// does, instead of no renting at all while a job runs.
	Accruing []store.EarningRecord `json:"accruing,omitempty"`
}

// GPUStatus is what one GPU is doing.
type GPUStatus struct {
	UUID     string  `json:"uuid"`
	Index    int     `json:"index"`
	Name     string  `json:"name"`
	Lost     bool    `json:"lost,omitempty"`
	Hot      bool    `json:"hot,omitempty"`       // held by the thermal guard
	Aside    bool    `json:"set_aside,omitempty"` // the owner keeps it out of RigShift's work
	Work     string  `json:"work"`                // "idle", "mining", WorkMinerRestarting, WorkSetAside, "job J-0001", "stopping"
	JobID    string  `json:"job_id,omitempty"`
	HashRate float64 `json:"hashrate,omitempty"` // H/s, while mining
	PowerW   float64 `json:"power_w"`
	TempC    int     `json:"temp_c"`
	// HeldUntil is set while a miner that overheated again within the
	// hour stays held (Hot), cool or not: until then at least.
	HeldUntil time.Time `json:"held_until,omitzero"`
}

// MinerStatus sums up mining.
type MinerStatus struct {
	Configured bool    `json:"configured"` // a miner preset is set up
	Name       string  `json:"name,omitempty"`
	GPUs       int     `json:"gpus"`     // GPUs mining now
	HashRate   float64 `json:"hashrate"` // H/s, all GPUs
	Accepted   int64   `json:"accepted"`
	Rejected   int64   `json:"rejected"`
	Pool       string  `json:"pool,omitempty"`
	// Problem is said after the word "miner" (the tray, the dashboard) or
	// under the miner's line (rigshift status): "gave up on GPU 0 after
	// too many restarts", not "the miner gave up…".
	Problem string `json:"problem,omitempty"`
}

// Rates is the live money line: what the rig earns and costs per hour now.
type Rates struct {
	Currency         string  `json:"currency"`
	RentPerHour      float64 `json:"rent_per_hour"`       // rental jobs running now
	MinePerHour      float64 `json:"mine_per_hour"`       // mining revenue estimate now
	PowerCostPerHour float64 `json:"power_cost_per_hour"` // electricity at the current draw
	PowerW           float64 `json:"power_w"`             // GPUs plus host overhead
	OffPeak          bool    `json:"off_peak,omitempty"`  // the cheaper hours' price is in effect
}

// Net is revenue minus electricity per hour.
func (r Rates) Net() float64 { return r.RentPerHour + r.MinePerHour - r.PowerCostPerHour }

// WorkMinerRestarting is a GPU's work while its miner, which crashed or
// stalled, waits to start again: nothing runs on it, nothing is earned.
const WorkMinerRestarting = "miner restarting"

// WorkSetAside is the work of a GPU the owner set aside, once nothing runs
// on it.
const WorkSetAside = "set aside"
