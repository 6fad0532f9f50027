// Package jobstest turns a test binary into the small workloads that
// RigShift's end-to-end tests run: a miner serving xmrig's API and a
// trainer printing tqdm bars. A test's TestMain calls Dispatch first; the
// test then uses its own executable (os.Args[0]) as the program.
package jobstest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MinerHashRate is what the fake miner reports, in H/s.
const MinerHashRate = 30e6

// MinerArgs are the arguments that make the test binary a miner serving
// xmrig's /2/summary on port (a custom preset's "{port}" works too).
func MinerArgs(port string) []string { return []string{"fake-miner", port} }

// TrainerArgs make the test binary a trainer that prints steps tqdm bars,
// one every delay, and exits with code.
func TrainerArgs(steps int, delay time.Duration, code int) []string {
	return []string{"fake-trainer", strconv.Itoa(steps), delay.String(), strconv.Itoa(code)}
}

// Dispatch runs the fake workload os.Args asks for and exits; it returns
// when the binary runs as a test. extra lets a test add its own roles.
func Dispatch(extra map[string]func(args []string) int) {
	if len(os.Args) < 2 {
		return
	}
	roles := map[string]func([]string) int{"fake-miner": miner, "fake-trainer": trainer}
	for name, f := range extra {
		roles[name] = f
	}
	if f, ok := roles[os.Args[1]]; ok {
		os.Exit(f(os.Args[2:]))
	}
}

func miner(args []string) int {
	ln, err := net.Listen("tcp", "127.0.0.1:"+args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake miner:", err)
		return 3
	}
	start := time.Now()
	http.HandleFunc("/2/summary", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{
			"version": "6.21.0", "algo": "rx/0", "uptime": int(time.Since(start).Seconds()),
			"hashrate":   map[string]any{"total": []any{MinerHashRate, MinerHashRate, nil}},
			"results":    map[string]any{"shares_good": 12, "shares_total": 13},
			"connection": map[string]any{"pool": "pool.example:3333", "accepted": 12, "rejected": 1},
		})
	})
	go func() { _ = http.Serve(ln, nil) }()
	fmt.Println("fake miner mining on", os.Getenv("CUDA_VISIBLE_DEVICES"))
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	<-stop
	return 0
}

func trainer(args []string) int {
	steps, _ := strconv.Atoi(args[0])
	delay, _ := time.ParseDuration(args[1])
	code, _ := strconv.Atoi(args[2])
	fmt.Println("training on", os.Getenv("CUDA_VISIBLE_DEVICES"))
	for i := 1; i <= steps; i++ {
		time.Sleep(delay)
		done := i * 10 / steps
		bar := strings.Repeat("█", done) + strings.Repeat(" ", 10-done)
		fmt.Fprintf(os.Stderr, "\rEpoch 1: %3d%%|%s| %d/%d [00:01<00:01, 14.8it/s, loss=0.%03d]", i*100/steps, bar, i, steps, 500-i%500)
	}
	fmt.Fprintln(os.Stderr)
	if code != 0 {
		fmt.Println("CUDA out of memory")
	}
	return code
}
