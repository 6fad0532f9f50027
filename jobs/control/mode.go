package control

import (
	"fmt"
	"strings"
)

// Mode is what the owner wants the rig to do.
type Mode uint8

// The modes.
const (
	Idle Mode = iota // nothing runs
	Mine             // the miner runs on every healthy GPU
	Rent             // rental jobs run from the queue; free GPUs stay idle
	Auto             // rental jobs first, the miner on every GPU they leave free
)

var modeNames = [...]string{Idle: "idle", Mine: "mine", Rent: "rent", Auto: "auto"}

// Modes lists the modes in the order the switch shows them.
func Modes() []Mode { return []Mode{Idle, Mine, Rent, Auto} }

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("mode(%d)", uint8(m))
}

// mines reports whether the mode runs the miner on GPUs no job holds.
func (m Mode) mines() bool { return m == Mine || m == Auto }

// RunsJobs reports whether the mode runs rental jobs: switching to one
// that does not (Idle, Mine) stops those running.
func (m Mode) RunsJobs() bool { return m == Rent || m == Auto }

// Title is the mode's name for a button or menu: "Idle", "Mine", …
func (m Mode) Title() string {
	s := m.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// ParseMode reads a mode name as typed: "idle", "Mine", "RENT", "auto".
func ParseMode(s string) (Mode, error) {
	for i, name := range modeNames {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Mode(i), nil
		}
	}
	return Idle, fmt.Errorf("unknown mode %q: choose idle, mine, rent or auto", s)
}

// MarshalText writes the mode's name.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a mode's name.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	*m = v
	return err
}

// Reason says why something changed; it is recorded with every change and
// decides what the owner is told.
type Reason string

// The reasons.
const (
	ReasonUser    Reason = "user"      // the owner asked
	ReasonAuto    Reason = "auto"      // Auto mode moved GPUs between mining and renting
	ReasonRestore Reason = "restored"  // RigShift started in the mode it was in
	ReasonThermal Reason = "thermal"   // a GPU ran too hot
	ReasonGPULost Reason = "gpu lost"  // a GPU fell off the bus
	ReasonCrash   Reason = "crash"     // a workload crashed
	ReasonTimeout Reason = "timed out" // a job ran past its longest run
)
