package store

import (
	"errors"
	"fmt"
	"os/signal"
	"syscall"
	"time"
)

// childFileSizeLimit runs with RLIMIT_FSIZE at 1 MB, far below what it
// writes: every write past it fails with EFBIG, as on a full disk. It writes
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
	setClock(s, t0) // keep every sample, raw ones too
	for i := range 10_000 {
		err := s.PutJob(JobRecord{ID: fmt.Sprintf("J-%04d", i+1), State: "queued", Client: "x"})
		if err == nil {
			err = addTenMinutes(s, i)
		}
		if err != nil {
			fmt.Printf("ERR %v\n", err)
			return s.Close()
		}
	}
	return errors.New("the file size limit never stopped a write")
}

// fillUntilError writes telemetry until a write fails.
func fillUntilError(s *Store) error {
	for i := range 10_000 {
		if err := addTenMinutes(s, i); err != nil {
			return err
		}
	}
	return nil
}

// addTenMinutes writes the i-th ten minutes of 1 Hz telemetry after t0.
func addTenMinutes(s *Store, i int) error {
	w := s.Telemetry()
	for k := range 600 {
		w.Add(point(t0.Add(time.Duration(i*600+k)*time.Second), "GPU-full", float32(k%50)))
	}
	return w.Flush()
}
