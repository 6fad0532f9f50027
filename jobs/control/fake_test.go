package control

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
	"testing"
	"time"
)

// The test binary doubles as the workloads: `control.test fake-miner PORT`
// serves xmrig's API until SIGTERM; `control.test fake-trainer STEPS DELAY
// EXIT` prints real tqdm bars and exits with EXIT.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "fake-miner":
			os.Exit(fakeMiner(os.Args[2]))
		case "fake-trainer":
			os.Exit(fakeTrainer(os.Args[2:]))
		case "fake-daemon":
			os.Exit(fakeDaemon(os.Args[2]))
		}
	}
	os.Exit(m.Run())
}

func fakeMiner(port string) int {
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake miner:", err)
		return 3
	}
	start := time.Now()
	http.HandleFunc("/2/summary", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{
			"version": "6.21.0", "algo": "rx/0", "uptime": int(time.Since(start).Seconds()),
			"hashrate":   map[string]any{"total": []any{30e6, 30e6, nil}},
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

func fakeTrainer(args []string) int {
	steps, _ := strconv.Atoi(args[0])
	delay, _ := time.ParseDuration(args[1])
	code, _ := strconv.Atoi(args[2])
	fmt.Println("training on", os.Getenv("CUDA_VISIBLE_DEVICES"))
	for i := 1; i <= steps; i++ {
		time.Sleep(delay)
		bar := strings.Repeat("█", i*10/steps) + strings.Repeat(" ", 10-i*10/steps)
		fmt.Fprintf(os.Stderr, "\rEpoch 1: %3d%%|%s| %d/%d [00:01<00:01, 14.8it/s, loss=0.%03d]", i*100/steps, bar, i, steps, 500-i)
	}
	fmt.Fprintln(os.Stderr)
	if code != 0 {
		fmt.Println("CUDA out of memory")
	}
	return code
}
