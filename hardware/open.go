package hardware

import (
	"fmt"
	"time"
)

// OpenSystem opens this machine's NVIDIA driver, giving up after timeout: a
// driver wedged by a sick GPU can block its initialisation, and RigShift
// must still come up and show the host. On a timeout the half-open library
// is abandoned, never called again.
func OpenSystem(timeout time.Duration) (Backend, error) {
	type opened struct {
		b   Backend
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		b, err := OpenNVMLSystem()
		ch <- opened{b, err}
	}()
	select {
	case o := <-ch:
		return o.b, o.err
	case <-time.After(timeout):
		return nil, fmt.Errorf("the NVIDIA driver did not answer within %s: GPUs are not shown (does 'nvidia-smi' hang too?)", timeout)
	}
}
