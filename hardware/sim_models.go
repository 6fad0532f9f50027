package hardware

// gpuModel holds the published figures of a real card, so a simulated rig
// looks like one an owner would have.
type gpuModel struct {
	name        string
	vramGiB     uint64
	powerLimitW float64
	idleW       float64
	boostMHz    int
	memMHz      int
}

// simModels is the order cards are handed out in: a mixed ex-mining rig.
var simModels = []gpuModel{
	{"NVIDIA GeForce RTX 3090", 24, 350, 28, 1860, 9751},
	{"NVIDIA GeForce RTX 3080", 10, 320, 24, 1830, 9501},
	{"NVIDIA GeForce RTX 3070", 8, 220, 16, 1890, 7001},
	{"NVIDIA GeForce RTX 3060 Ti", 8, 200, 14, 1830, 7001},
	{"NVIDIA GeForce RTX 4090", 24, 450, 22, 2520, 10501},
	{"NVIDIA GeForce RTX 2080 Ti", 11, 250, 20, 1635, 7000},
}

const (
	simAmbientC      = 26.0
	simIdleSMMHz     = 210
	simIdleMemMHz    = 405
	simBaseVRAM      = 310 << 20 // what the driver and a display take
	simThermalTauSec = 25.0      // how fast a card warms toward its steady temperature
	simLoadTauSec    = 3.0       // how fast load follows its target
	simHotC          = 83        // where the driver starts slowing the card
)
