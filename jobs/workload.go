package jobs

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/miners"
)

// Kind says what a workload is for.
type Kind uint8

// Workload kinds.
const (
	Mining   Kind = iota // a miner: restarted when it crashes or stalls
	Training             // a rented AI job: runs once, paused when hot
)

// String returns "mining" or "training".
func (k Kind) String() string {
	switch k {
	case Mining:
		return "mining"
	case Training:
		return "training"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// MarshalText makes kinds readable in JSON.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Workload is a program RigShift runs on chosen GPUs.
type Workload struct {
	ID   string // unique among running workloads; names its log files
	Kind Kind
	Path string   // the executable
	Args []string // arguments after argv[0]; passed as is, no shell
	Env  []string // "KEY=value" added to RigShift's environment
	Dir  string   // working directory; "" for RigShift's
	// GPUs are the NVML UUIDs the workload may use; empty means all.
	// Training jobs see them as CUDA_VISIBLE_DEVICES (left as inherited
	// when all); miners through their own device flag (NewMinerWorkload).
	GPUs []string
	// GPUIndex numbers the GPUs as the owner knows them (NVML's index by
	// UUID), for RigShift's lines in the log: "GPU 1 reached 84 °C".
	GPUIndex map[string]int
	// CUDADevices, when set, are what a training job's CUDA_VISIBLE_DEVICES
	// lists instead of the UUIDs: positions in PCI bus order, for a card
	// whose UUID NVML could not read (miners.CUDADevices). CUDA is then told
	// to count in that order too.
	CUDADevices []string
	// Stats is a miner's HTTP API; a zero URL means none (no stall
	// watchdog then, only crash restarts).
	Stats miners.Source
	// Secrets are values to mask in logs and the tail: pool passwords,
	// API tokens.
	Secrets []string
	// Config is a miner's config file, with secrets in it: written 0600
	// for the run, its path where miners.ConfigFileArg stands in Args.
	Config []byte
}

func (w Workload) validate() error {
	switch {
	case w.ID == "":
		return errors.New("workload has no ID")
	case w.Path == "":
		return fmt.Errorf("workload %s has no executable", w.ID)
	case w.Kind != Mining && w.Kind != Training:
		return fmt.Errorf("workload %s: unknown kind %v", w.ID, w.Kind)
	}
	return nil
}

// cudaEnv is how a training job is shown its GPUs: none when it has all.
func (w Workload) cudaEnv() []string {
	switch {
	case len(w.CUDADevices) > 0:
		return []string{"CUDA_VISIBLE_DEVICES=" + strings.Join(w.CUDADevices, ","), miners.CUDAOrderEnv}
	case len(w.GPUs) > 0:
		return []string{"CUDA_VISIBLE_DEVICES=" + strings.Join(w.GPUs, ",")}
	}
	return nil
}

// usesGPU reports whether the workload runs on the GPU.
func (w Workload) usesGPU(uuid string) bool {
	return len(w.GPUs) == 0 || slices.Contains(w.GPUs, uuid)
}

// NewMinerWorkload builds a mining workload from a preset. inventory is
// the rig's GPUs (UUID and PCI bus id) and gpus the UUIDs to mine on (all
// when empty); the preset turns them into the miner's device flag.
func NewMinerWorkload(id string, p miners.Preset, inventory []miners.GPU, gpus []string) (Workload, error) {
	l, err := p.Build(inventory, gpus)
	if err != nil {
		return Workload{}, fmt.Errorf("setting up %s: %w", p.Miner, err)
	}
	return Workload{
		ID: id, Kind: Mining, Path: l.Path, Args: l.Args, Env: l.Env,
		GPUs: slices.Clone(gpus), Stats: l.Stats, Secrets: l.Secrets, Config: l.Config,
	}, nil
}

// NewTrainingWorkload builds a training workload from a command line such
// as `python train.py --epochs 3`, split with cmdline.Split.
func NewTrainingWorkload(id, commandLine string, gpus []string) (Workload, error) {
	argv, err := cmdline.Split(commandLine)
	if err != nil {
		return Workload{}, err
	}
	return Workload{ID: id, Kind: Training, Path: argv[0], Args: argv[1:], GPUs: slices.Clone(gpus)}, nil
}

// safeName turns an ID into a file name ("." too is replaced, so that no
// ID can name a parent directory).
func safeName(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, id)
}
