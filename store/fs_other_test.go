//go:build !linux

package store

import "errors"

// childFileSizeLimit needs RLIMIT_FSIZE, which the tests use on Linux only.
func childFileSizeLimit(string) error { return errors.New("not supported on this platform") }
