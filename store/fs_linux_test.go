package store

import (
	"errors"
	"fmt"
	"os/signal"
	"syscall"
	"time"
)

// childFileSizeLimit runs with RLIMIT_FSIZE set just above the database's
// size: every write past it fails with EFBIG, as on a full disk. It writes
// jobs and telemetry until a write fails and prints "ERR <message>".
func childFileSizeLimit(path string) error {
	s, err := Open(path, Options{})
	if err != nil {
		return err
	}
	signal.Ignore(syscall.SIGXFSZ) // get EFBIG instead of being killed
	lim := &syscall.Rlimit{Cur: 1 << 20, Max: 1 << 20}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
		return err
	}
	w := s.Telemetry()
	for i := 0; i < 100_000; i++ {
		for k := range 600 {
			w.Add(point(t0.Add(time.Duration(i*600+k)*time.Second), "GPU-full", float32(k%50)))
		}
		err = w.Flush()
		if err == nil {
			err = s.PutJob(JobRecord{ID: fmt.Sprintf("J-%04d", i), State: "queued", Client: "x"})
		}
		if err != nil {
			fmt.Printf("ERR %v\n", err)
			return errors.Join(nil, s.Close())
		}
	}
	return errors.New("the file size limit never stopped a write")
}
