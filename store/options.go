package store

import (
	"fmt"
	"path/filepath"
	"time"
)

// FileName is the name of RigShift's database inside its data directory.
const FileName = "rigshift.db"

// Forever, as a retention, keeps data without limit.
const Forever time.Duration = -1

// Options tune a Store. The zero value gives the defaults.
type Options struct {
	// LockTimeout is how long Open waits for another process to release the
	// file before it returns ErrLocked. Default 1 s.
	LockTimeout time.Duration
	// FlushInterval is how often the TelemetryWriter commits buffered
	// samples: the most telemetry a crash can lose. Default 5 s.
	FlushInterval time.Duration
	// RawRetention keeps raw samples this long. Default 48 h.
	RawRetention time.Duration
	// MinuteRetention keeps 1-minute rollups this long. Default 90 days.
	MinuteRetention time.Duration
	// HourRetention keeps 1-hour rollups this long. Default Forever.
	HourRetention time.Duration
	// ReadOnly opens an existing database to read it only, for the
	// commands that look while RigShift is stopped: nothing is created,
	// upgraded or written, a file the owner may only read (or on a
	// read-only disk) opens, and readers share the file with each other
	// but not with a writer. Writes fail.
	ReadOnly bool
}

// The defaults that zero Options fields take.
const (
	DefaultLockTimeout     = time.Second
	DefaultFlushInterval   = 5 * time.Second
	DefaultRawRetention    = 48 * time.Hour
	DefaultMinuteRetention = 90 * 24 * time.Hour
	DefaultHourRetention   = Forever
)

// withDefaults fills zero fields and rejects values that make no sense.
func (o Options) withDefaults() (Options, error) {
	fill := func(d *time.Duration, def time.Duration) {
		if *d == 0 {
			*d = def
		}
	}
	fill(&o.LockTimeout, DefaultLockTimeout)
	fill(&o.FlushInterval, DefaultFlushInterval)
	fill(&o.RawRetention, DefaultRawRetention)
	fill(&o.MinuteRetention, DefaultMinuteRetention)
	fill(&o.HourRetention, DefaultHourRetention)
	if o.LockTimeout < 0 || o.FlushInterval < 0 {
		return o, fmt.Errorf("store options: lock timeout and flush interval must be positive")
	}
	for _, r := range []time.Duration{o.RawRetention, o.MinuteRetention, o.HourRetention} {
		if r != Forever && r < time.Minute {
			return o, fmt.Errorf("store options: retention %v is too short (one minute at least, or Forever)", r)
		}
	}
	return o, nil
}

// DefaultPath is the database file in DefaultDir.
func DefaultPath() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}
