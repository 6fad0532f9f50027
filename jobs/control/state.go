package control

import (
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// slot is one GPU and who holds it. A GPU is handed to a new workload only
// when owner is empty: the previous one has ended and its memory was
// verified free.
type slot struct {
	info     hardware.GPUInfo
	lost     bool
	owner    string // workload ID holding the GPU; "" when free
	blocked  string // why the GPU cannot be used although nobody owns it
	sample   hardware.GPUSample
	tempC    int     // the last temperature read
	energyJ  float64 // last energy counter reading, and when
	energyAt time.Time
	metered  bool // energyJ holds a reading
	// minerGaveUp is set when the miner went Fatal on this GPU; it is
	// cleared by a mode switch or new settings.
	minerGaveUp bool
	// minerWhy is what the status says of it, after the word "miner"
	// (MinerStatus.Problem): it gave up after restarts (minerGaveUpOn), or
	// could not be started at all (minerNotStartedOn); the GPUs alike are
	// said together.
	minerWhy string
	// blockedPGID is the process group whose memory blocks the GPU, and
	// blockedPIDs the processes the driver listed on it, those that had
	// left the group among them.
	blockedPGID int
	blockedPIDs []int
	// idle accounts the GPU while it runs nothing; nil while it works.
	idle *idleSession
	// freedAt is when its last workload ended, by the clock the readings
	// carry: a reading taken before then, handled after, opens no idle
	// record.
	freedAt time.Time
}

func newSlots(b hardware.Backend) []*slot {
	if b == nil {
		return nil
	}
	var out []*slot
	for _, g := range b.GPUs() {
		out = append(out, &slot{info: g})
	}
	return out
}

// workKind says what a workload does for the rig.
type workKind uint8

const (
	mining workKind = iota
	renting
)

// workload is a process the controller started through the supervisor.
type workload struct {
	id       string
	kind     workKind
	handle   *jobs.Handle
	gpus     []int // slot indices
	stopping bool  // a stop was asked; the GPUs are on their way back
	jobID    string
	session  *session // mining: what this instance earned and cost
	pid      int      // registered with a simulated rig
}

// name is w in the owner's words: "the miner" (its GPU is said beside it)
// or "job J-0001". The id, "miner-gpu0", is for the logs.
func (w *workload) name() string {
	if w.kind == mining {
		return "the miner"
	}
	return "job " + w.jobID
}

// session accounts one miner instance on one GPU for the earnings ledger.
type session struct {
	recordID uint64
	start    time.Time
	last     time.Time // accounted up to here
	energyJ  float64
	revenue  float64
	overhead float64 // J of host overhead attributed
	savedAt  time.Time
}

// job is a rental job's live state; rec is what is committed.
type job struct {
	spec      JobSpec
	view      Job
	reserved  []int         // GPUs picked for it while it waits for them to free up
	runningAt time.Time     // start of the current running stretch; zero while not running
	pausedAt  time.Time     // start of the current pause
	ranBefore time.Duration // running time of earlier runs, cut short: the longest run is per run
	runFrom   time.Time     // when the current run began running; its earnings are booked from there
	// runUse is what each GPU (by UUID) used in the current run, to split
	// it between the run's earnings records as measured. It is not kept: a
	// run a crash cut short is split evenly.
	runUse    map[string]cardUse
	cancelled bool
	timedOut  bool
	// endedByItself is that the last run ended without RigShift stopping
	// it (it finished, or failed): a quit tells the owner of such an end.
	endedByItself bool
	limit         *time.Timer // wakes the loop at the longest run's end (armLimit); nil while not running
	// stopCause, when set, is why RigShift stopped the current run on the
	// owner's word without cancelling the job ("you set GPU 1 aside").
	stopCause string
	booked    *bookedSoFar // what earlier runs booked, for today's total; nil until asked in a run
	overheadJ float64
	// pricedJ of energy and overhead were priced at an earlier kWh price,
	// costing pricedCost (see jobElectricity).
	pricedJ    float64
	pricedCost float64
	lastSaved  time.Time
	// unsavedEvents are the job's events a refused write did not keep:
	// the next save carries them (see saveJob).
	unsavedEvents []store.JobEvent
}

// cardUse is what one GPU used for a job in a run, and what that cost,
// each joule at the kWh price of its time: with the price changed in the
// run, the host's share is the rest of the run's cost, not its cost less
// the energy at the last price.
type cardUse struct{ energyJ, cost float64 }

// doneMsg tells the loop a workload reached its final state.
type doneMsg struct{ id string }

func (c *Controller) slotByUUID(uuid string) (int, bool) {
	for i, s := range c.slots {
		if s.info.UUID == uuid {
			return i, true
		}
	}
	return -1, false
}

func (c *Controller) allUUIDs() []string {
	out := make([]string, len(c.slots))
	for i, s := range c.slots {
		out[i] = s.info.UUID
	}
	return out
}
