package control

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs"
	"github.com/rigshift/rigshift/store"
)

// Options wire a Controller to the rest of RigShift.
type Options struct {
	Backend    hardware.Backend // nil: a rig without usable GPUs
	Store      *store.Store
	Supervisor jobs.Config // the supervisor is built from this; GPUProcesses is filled in
	Notifier   Notifier    // nil: notices go to the event log only
	Log        *slog.Logger
	// Heartbeat is how often a running job's billing is committed (5 s):
	// the most a crash of RigShift can cost a client.
	Heartbeat time.Duration
	// EarningsEvery is how often a mining session's earnings are saved (1 min).
	EarningsEvery time.Duration
	// MinerMemory and JobMemory are the VRAM a simulated rig shows in use
	// for a miner and a job; they only matter with a simulated Backend.
	MinerMemory, JobMemory uint64
	// Presence tells whether the owner is at the computer, for mining only
	// while they are away; nil: nobody can tell. PresencePoll is how often
	// it is asked while that setting is on (1 s).
	Presence     Presence
	PresencePoll time.Duration
	// Clock reads the time (time.Now); a test moves it across the hours
	// of a tariff.
	Clock func() time.Time
}

// Controller runs the rig. Create it with New, start it with Run.
type Controller struct {
	opts  Options
	sup   *jobs.Supervisor
	store *store.Store
	log   *slog.Logger
	kick  chan struct{} // "something changed: reconcile"; capacity 1
	limit chan struct{} // "a job's longest run may be over" (armLimit); capacity 1
	done  chan doneMsg  // a workload ended
	subs  subscribers
	note  *noticeBoard
	procs jobs.GPUProcesses // NVML process lists, for the GPU-free checks
	quit  chan struct{}     // closed when Run returns

	mu       sync.Mutex // guards everything below
	mode     Mode
	since    time.Time
	settings Settings
	price    float64 // the kWh price in effect (Settings.PriceAt), what electricity charges
	slots    []*slot
	work     map[string]*workload // by workload ID
	jobs     map[string]*job      // every job this run knows, by ID
	queue    []string             // queued job IDs in order
	lastSnap time.Time            // time of the last telemetry snapshot
	closed   bool
	// storageTold is when the run of refused writes the owner was last
	// told about began.
	storageTold time.Time
	away        away      // the owner's last known presence
	held        hold      // why mining was held at the last reconcile, for the event log
	todayBooked Today     // today's booked records, as last totalled: Status adds the running jobs
	todayOf     time.Time // the day todayBooked totals

	// switchStop gathers the rental jobs a mode switch stops, for one
	// notice (modestop.go); nil when none is stopping.
	switchStop *switchStop
	// minerDown gathers the GPUs the miner gave up on since the last
	// heartbeat, for one notice naming them all (events.go); nil when none.
	minerDown *minerDown

	// unsaved are the jobs whose last save the database refused; each
	// heartbeat saves them again (saveUnsaved).
	unsaved map[string]bool
	// unbooked are earnings records the database refused that nothing will
	// write again (a run's rental records, a closed idle stretch or mining
	// session); each heartbeat writes them again too.
	unbooked []store.EarningRecord
	// modeUnsaved says the database refused the switch to Idle, which
	// happens regardless; each heartbeat saves it again, or a restart
	// long after the disk healed would come back in the mode before.
	modeUnsaved bool

	// beforeStart, when set by a test, sees every workload just before it
	// is started.
	beforeStart func(jobs.Workload)
}

// New restores the controller's state from the store: settings, mode and
// jobs (jobs that were running when RigShift died are interrupted and
// billed to their last heartbeat). It starts nothing until Run.
func New(opts Options) (*Controller, error) {
	if opts.Store == nil {
		return nil, errors.New("the controller needs a store")
	}
	opts = withDefaults(opts)
	c := &Controller{
		opts: opts, store: opts.Store, log: opts.Log,
		kick: make(chan struct{}, 1), limit: make(chan struct{}, 1), done: make(chan doneMsg, 16), quit: make(chan struct{}),
		work: map[string]*workload{}, jobs: map[string]*job{}, unsaved: map[string]bool{},
	}
	c.note = newNoticeBoard(opts.Notifier, c.store, c.log)
	c.slots = newSlots(opts.Backend)
	sc := opts.Supervisor
	if sc.GPUFreePoll <= 0 {
		sc.GPUFreePoll = 50 * time.Millisecond // a switch waits on this poll
	}
	c.procs = newGPUProcesses(opts.Backend)
	sc.GPUProcesses = c.procs
	c.sup = jobs.NewSupervisor(sc)
	if err := c.restore(); err != nil {
		return nil, err
	}
	c.applyGuards()
	return c, nil
}

func withDefaults(o Options) Options {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Heartbeat <= 0 {
		o.Heartbeat = 5 * time.Second
	}
	if o.EarningsEvery <= 0 {
		o.EarningsEvery = time.Minute
	}
	if o.MinerMemory == 0 {
		o.MinerMemory = 4 << 30
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.PresencePoll <= 0 {
		o.PresencePoll = time.Second
	}
	if o.JobMemory == 0 {
		o.JobMemory = 7 << 30
	}
	return o
}

// Run drives the rig until ctx ends: it follows the telemetry feed and the
// supervisor's events, applies mode switches, starts queued jobs, and
// commits heartbeats. On return every workload is stopped and jobs that
// were running are recorded as interrupted.
func (c *Controller) Run(ctx context.Context, feed <-chan hardware.Snapshot) error {
	events := c.sup.Subscribe(256)
	defer events.Close()
	heartbeat := time.NewTicker(c.opts.Heartbeat)
	defer heartbeat.Stop()
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go c.watchPresence(watchCtx)
	c.mu.Lock()
	c.followToday(c.now())
	c.mu.Unlock()
	c.reconcile()
	for {
		select {
		case <-ctx.Done():
			return c.shutdown()
		case snap := <-feed:
			c.observe(&snap)
		case ev := <-events.C():
			c.onEvent(ev)
		case d := <-c.done:
			c.drainEvents(events) // what a workload said before it ended comes first
			c.onDone(d)
		case <-heartbeat.C:
			c.onHeartbeat()
		case <-c.limit:
			c.onLimit()
		case <-c.kick:
		}
		c.reconcile()
	}
}

// drainEvents handles the supervisor's events already waiting. The loop
// picks at random among ready cases: without this, a workload's end could
// be handled before its last events ("its GPUs are still busy"), which
// would then be dropped as about an unknown workload.
func (c *Controller) drainEvents(events *jobs.Subscription) {
	for {
		select {
		case ev := <-events.C():
			c.onEvent(ev)
		default:
			return
		}
	}
}

// poke asks the loop to reconcile soon; it never blocks.
func (c *Controller) poke() {
	select {
	case c.kick <- struct{}{}:
	default:
	}
}
