package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/control"
)

// Go's own int and duration flags answer a value they cannot read with
// "parse error"; these say what to write instead. The flag package
// prefixes `invalid value "x" for flag -name: `.

// sinceFlag is events' --since as typed ("7d" is no Go duration), read
// when the command runs; a flag of its own so that its help shows the
// default as the other lengths of time do, (default 24h), not quoted.
type sinceFlag string

func (s *sinceFlag) String() string { return string(*s) }

func (s *sinceFlag) Set(v string) error {
	*s = sinceFlag(v)
	return nil
}

// levelFlag is a log level: slog's own answer to a wrong one was "slog:
// level string \"loud\": unknown name", the levels left unsaid.
type levelFlag slog.Level

func (l *levelFlag) String() string { return slog.Level(*l).String() }

func (l *levelFlag) Set(v string) error {
	if err := (*slog.Level)(l).UnmarshalText([]byte(strings.TrimSpace(v))); err != nil {
		return errors.New("choose debug, info, warn or error")
	}
	return nil
}

// countFlag is a whole number: GPUs, lines, events.
type countFlag int

func (n *countFlag) String() string { return strconv.Itoa(int(*n)) }

func (n *countFlag) Set(v string) error {
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return errors.New("write a whole number, e.g. 2")
	}
	*n = countFlag(i)
	return nil
}

// durationFlag is a length of time written as Go writes one: 90s, 5m,
// 1h30m. A bare number is refused with its units spelled out: "--for 3"
// could mean seconds or minutes.
type durationFlag time.Duration

func (d *durationFlag) String() string { return time.Duration(*d).String() }

func (d *durationFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	t, err := control.ParseDuration(v)
	if _, isNumber := strconv.ParseFloat(v, 64); isNumber == nil && err != nil {
		return fmt.Errorf("write it with its unit: %[1]ss, %[1]sm or %[1]sh", v)
	}
	if err != nil {
		return errors.New("write a duration such as 90s, 5m or 6h")
	}
	*d = durationFlag(t)
	return nil
}

// runtimeFlag is a job's longest run, read as the window's Add-job dialog
// reads it (a bare number is hours) and refused in the same words.
type runtimeFlag time.Duration

func (d *runtimeFlag) String() string { return time.Duration(*d).String() }

func (d *runtimeFlag) Set(v string) error {
	t, err := control.ParseMaxRuntime(v)
	if err != nil {
		return err
	}
	*d = runtimeFlag(t)
	return nil
}
