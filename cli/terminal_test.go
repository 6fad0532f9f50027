package cli

import (
	"os"
	"testing"
)

// A script's stdin is often /dev/null (a systemd timer, nohup, ssh -n): a
// character device, but no terminal. Taken for one, `rigshift mode idle`
// asked its question there, read no answer and switched nothing.
func TestNullDeviceIsNoTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("isTerminal(%s) = true, want false", os.DevNull)
	}
}

func TestPipeIsNoTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(r) {
		t.Error("isTerminal(pipe) = true, want false")
	}
}
