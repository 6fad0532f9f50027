package store

import "errors"

// errStop, returned by a read callback, ends the read early.
var errStop = errors.New("stop reading")

// stopOK turns errStop into a clean end of reading.
func stopOK(err error) error {
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// floorTo rounds a Unix second down to a multiple of step.
func floorTo(sec, step int64) int64 {
	if sec < 0 {
		return 0
	}
	return sec / step * step
}
