// Package jobs runs RigShift's workloads — miners and AI-training jobs —
// as supervised processes.
//
// A Workload says what to run (executable and argv, never a shell), where
// (GPUs by UUID), and how to watch it (a miner's stats API; a training
// job's progress comes from its output and the RIGSHIFT_PROGRESS file).
// NewMinerWorkload builds one from a miners.Preset; NewTrainingWorkload
// from a command line the owner typed.
//
// A Supervisor starts workloads and returns a Handle for each. It runs
// every workload in its own process group, restarts crashed or stalled
// miners with backoff (and gives up, Fatal, after too many restarts), holds
// workloads whose GPU runs too hot, stops those on a lost GPU, and checks
// that a stopped workload's GPU memory is free. What happens goes out as
// Events to subscribers, who can never block it.
//
// Two seams connect it to the hardware layer, which this package does not
// import:
//
//   - Config.GPUProcesses (the GPUProcesses interface) lists the PIDs that
//     hold memory on a GPU — NVML's process list — so that Stop can confirm
//     the GPUs are free.
//   - Supervisor.ObserveGPU is called by whoever owns the telemetry sampler,
//     once per GPU per tick, with the temperature and whether NVML reports
//     the GPU lost. It drives the thermal guard and lost-GPU handling.
//
// Subpackages do the detailed work: proc (process groups), logs (output
// tail, log files, redaction), miners (presets and stats parsers) and
// progress (training progress parsers).
package jobs
