//go:build linux

package jobs

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// fakeMiner reads its argv the way the real miner would, to learn its API
// port (and xmrig's token), then serves the real JSON shape of that miner
// from miners/testdata on 127.0.0.1. Environment knobs: FAKE_FIXTURE (a
// file to serve instead), FAKE_API_DELAY (serve late), FAKE_EXIT_AFTER and
// FAKE_EXIT_CODE (crash), FAKE_PRINT_ARGS (echo argv, as miners do).
func fakeMiner(args []string) int {
	args, err := withConfigFile(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake miner:", err)
		return 67
	}
	format, port, token := minerAPI(args)
	if format == "" {
		fmt.Fprintln(os.Stderr, "fake miner: no API flag in", args)
		return 64
	}
	if os.Getenv("FAKE_PRINT_ARGS") != "" {
		fmt.Println("command line:", strings.Join(args, " "))
		fmt.Println("pool login ok, password=" + argAfter(args, "-p", "--pass", "--password"))
	}
	body, err := os.ReadFile(fixtureFor(format))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 65
	}
	if d := envDur("FAKE_EXIT_AFTER", 0); d > 0 {
		go func() { time.Sleep(d); os.Exit(envInt("FAKE_EXIT_CODE", 2)) }()
	}
	time.Sleep(envDur("FAKE_API_DELAY", 0))
	l, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake miner: cannot bind API:", err)
		return 66
	}
	fmt.Printf("\x1b[32mAPI listening on %s\x1b[0m, GPU #0: 45.12 MH/s\n", l.Addr())
	http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" && r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	return 0
}

// minerAPI finds the API flag of each miner RigShift has a preset for.
func minerAPI(args []string) (format, port, token string) {
	for i, a := range args {
		next := ""
		if i+1 < len(args) {
			next = args[i+1]
		}
		switch {
		case strings.HasPrefix(a, "--http-port="):
			format, port = "xmrig", strings.TrimPrefix(a, "--http-port=")
		case strings.HasPrefix(a, "--http-access-token="):
			token = strings.TrimPrefix(a, "--http-access-token=")
		case a == "--api-bind-http":
			format, port = "trex", next[strings.LastIndexByte(next, ':')+1:]
		case a == "--apiport":
			format, port = "lolminer", next
		case a == "--api":
			format, port = "gminer", next
		case a == "--api-port":
			format, port = "srbminer", next
		}
	}
	return format, port, token
}

func fixtureFor(format string) string {
	if f := os.Getenv("FAKE_FIXTURE"); f != "" {
		return f
	}
	return filepath.Join("miners", "testdata", format+".json")
}

func argAfter(args []string, flags ...string) string {
	for i, a := range args {
		for _, f := range flags {
			if a == f && i+1 < len(args) {
				return args[i+1]
			}
		}
	}
	return ""
}

// withConfigFile reads xmrig's --config=FILE and T-Rex's -c FILE as they
// would, and puts what the file says back among the flags; with
// FAKE_PRINT_ARGS it says the file's mode, as the owner's `ls -l` would.
func withConfigFile(args []string) ([]string, error) {
	var out []string
	for i := 0; i < len(args); i++ {
		path, ok := strings.CutPrefix(args[i], "--config=")
		if args[i] == "-c" && i+1 < len(args) {
			path, ok = args[i+1], true
			i++
		}
		if !ok {
			out = append(out, args[i])
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var c struct {
			Pools []struct{ URL, User, Pass string }
			HTTP  *struct {
				Port  int
				Token string `json:"access-token"`
			}
		}
		if err := json.Unmarshal(b, &c); err != nil || len(c.Pools) != 1 {
			return nil, fmt.Errorf("config file %s: %v", path, err)
		}
		if st, err := os.Stat(path); err == nil && os.Getenv("FAKE_PRINT_ARGS") != "" {
			fmt.Printf("config file mode %o\n", st.Mode().Perm())
		}
		out = append(out, "-o", c.Pools[0].URL, "-u", c.Pools[0].User, "-p", c.Pools[0].Pass)
		if c.HTTP != nil { // xmrig's API; T-Rex's stays on its command line
			out = append(out, fmt.Sprintf("--http-port=%d", c.HTTP.Port), "--http-access-token="+c.HTTP.Token)
		}
	}
	return out, nil
}
