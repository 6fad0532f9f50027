//go:build !unix

package control

import "errors"

// Without Unix process groups every GPU process the driver lists counts
// as alive, and none as a group of ours.
func alive(int) bool { return true }

func pgidOf(int) (int, error) { return 0, errors.ErrUnsupported }
