package miners

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"slices"
)

// selection is the GPUs a miner is given: their positions in bus order
// (idx, nil for all) and, in the same order, their bus ids; and the bus
// ids of every GPU of the inventory, which a miner's own spelling of them
// must still tell apart.
type selection struct {
	idx []int
	bus []string
	all []string
}

// selectGPUs is deviceIndices with the bus id of each selected GPU.
func selectGPUs(inventory []GPU, gpus []string) (selection, error) {
	idx, err := deviceIndices(inventory, gpus)
	if err != nil {
		return selection{}, err
	}
	order := busOrder(inventory)
	sel := selection{idx: idx}
	for _, i := range idx {
		sel.bus = append(sel.bus, order[i].BusID)
	}
	for _, g := range order {
		sel.all = append(sel.all, g.BusID)
	}
	return sel, nil
}

// busOrder is the inventory sorted by PCI bus id.
func busOrder(inventory []GPU) []GPU {
	order := slices.Clone(inventory)
	slices.SortStableFunc(order, func(a, b GPU) int { return cmp.Compare(sortKey(a), sortKey(b)) })
	return order
}

// deviceIndices returns the miner device indices of the selected UUIDs:
// their positions in the inventory sorted by PCI bus id. nil means all.
func deviceIndices(inventory []GPU, gpus []string) ([]int, error) {
	if len(gpus) == 0 {
		return nil, nil
	}
	order := busOrder(inventory)
	idx := make([]int, 0, len(gpus))
	for _, uuid := range gpus {
		i := slices.IndexFunc(order, func(g GPU) bool { return g.UUID == uuid })
		if i < 0 {
			return nil, fmt.Errorf("%w: %s", ErrUnknownGPU, uuid)
		}
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	return idx, nil
}

// sortKey orders GPUs by canonical bus id; unreadable ids sort last.
func sortKey(g GPU) string {
	if id, ok := NormalizeBusID(g.BusID); ok {
		return id
	}
	return "~" + g.BusID
}

// FreePort asks the kernel for a free TCP port on 127.0.0.1. The port may
// be taken again before the miner binds it; a miner that cannot bind its
// API exits, and the supervisor restarts it with a new launch.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free API port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// newToken returns a random API token.
func newToken() string {
	b := make([]byte, 16)
	rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
