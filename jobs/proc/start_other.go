//go:build !unix && !windows

package proc

type sig int

const (
	sigTerm sig = iota
	sigKill
	sigStop
	sigCont
)

// Start reports ErrUnsupported: RigShift supervises workloads on Linux.
func Start(Spec) (*Process, error) { return nil, ErrUnsupported }

func signalGroup(int, sig) error { return ErrUnsupported }
func groupAlive(int) bool        { return false }
func leaderZombie(int) bool      { return false }
func groupMembers(int) []int     { return nil }

// GroupOf is not known on this platform.
func GroupOf(int) (int, bool) { return 0, false }
