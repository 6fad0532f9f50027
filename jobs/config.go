package jobs

import "time"

// Config tunes a Supervisor. Zero fields take the defaults shown; every
// duration can be made tiny for tests.
type Config struct {
	// LogDir holds a log file per run: LogDir/<id>/<start time>.log, capped
	// at LogMaxBytes (8 MiB) with LogBackups (2) rotated copies. Empty: no
	// files, only the in-memory tail. Training jobs' progress files go
	// there too (else in the system temp directory).
	LogDir      string
	LogMaxBytes int64
	LogBackups  int
	// Instance marks every workload's environment (InstanceEnv), so that
	// the next start can end what a killed RigShift left running; the data
	// directory, say. Empty: not marked.
	Instance string
	// LogRuns is how many runs of one workload keep their files (10): a
	// miner starts anew at every mode switch. Runs older than LogMaxAge
	// (90 days) lose theirs, and a finished job's folder goes with its
	// last run's files.
	LogRuns   int
	LogMaxAge time.Duration
	// The in-memory tail keeps TailLines (400) lines, at most TailBytes
	// (256 KiB); lines longer than MaxLineBytes (4 KiB) are cut.
	TailLines    int
	TailBytes    int
	MaxLineBytes int

	StopGrace time.Duration // SIGTERM → SIGKILL (10 s)

	// Miners are restarted after BackoffStart (5 s), doubling to
	// BackoffMax (5 min); more than MaxRestarts (5) restarts within
	// RestartWindow (15 min) is Fatal.
	BackoffStart  time.Duration
	BackoffMax    time.Duration
	MaxRestarts   int
	RestartWindow time.Duration

	// The watchdog restarts a miner whose API was silent or reported 0 H/s
	// for StallAfter (120 s). The API is read every PollEvery (5 s), each
	// read giving up after PollTimeout (3 s).
	StallAfter  time.Duration
	PollEvery   time.Duration
	PollTimeout time.Duration

	// The thermal guard holds a workload when one of its GPUs stays above
	// ThermalLimitC (83 °C) for HotFor (10 s), and resumes it when all its
	// GPUs are below ResumeBelowC (70 °C).
	ThermalLimitC float64
	ResumeBelowC  float64
	HotFor        time.Duration
	// A miner held again within the hour stays held at least RepeatHold
	// (1 min), doubling with each further hold up to 16 times it, however
	// soon it cools: each restart costs a miner its set-up.
	RepeatHold time.Duration

	// GPUProcesses, when set, is asked after a workload ends whether any
	// process of its group still holds memory on its GPUs; the answer is
	// awaited up to GPUFreeTimeout (15 s), asking every GPUFreePoll
	// (250 ms). Nil: GPUs are reported free without checking.
	GPUProcesses   GPUProcesses
	GPUFreeTimeout time.Duration
	GPUFreePoll    time.Duration

	ProgressPoll time.Duration // how often a RIGSHIFT_PROGRESS file is read (1 s)
}

func (c Config) withDefaults() Config {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.StopGrace, 10*time.Second)
	def(&c.BackoffStart, 5*time.Second)
	def(&c.BackoffMax, 5*time.Minute)
	def(&c.RestartWindow, 15*time.Minute)
	def(&c.StallAfter, 120*time.Second)
	def(&c.PollEvery, 5*time.Second)
	def(&c.PollTimeout, 3*time.Second)
	def(&c.HotFor, 10*time.Second)
	def(&c.RepeatHold, time.Minute)
	def(&c.GPUFreeTimeout, 15*time.Second)
	def(&c.GPUFreePoll, 250*time.Millisecond)
	def(&c.ProgressPoll, time.Second)
	def(&c.LogMaxAge, 90*24*time.Hour)
	c.LogMaxBytes = orInt(c.LogMaxBytes, 8<<20)
	c.LogBackups = orInt(c.LogBackups, 2)
	c.LogRuns = orInt(c.LogRuns, 10)
	c.TailLines = orInt(c.TailLines, 400)
	c.TailBytes = orInt(c.TailBytes, 256<<10)
	c.MaxLineBytes = orInt(c.MaxLineBytes, 4<<10)
	c.MaxRestarts = orInt(c.MaxRestarts, 5)
	if c.ThermalLimitC <= 0 {
		c.ThermalLimitC = 83
	}
	if c.ResumeBelowC <= 0 || c.ResumeBelowC > c.ThermalLimitC {
		c.ResumeBelowC = min(70, c.ThermalLimitC)
	}
	return c
}

func orInt[T int | int64](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}
