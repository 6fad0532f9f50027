package socket

import (
	"errors"
	"strings"
	"testing"
)

// A second launch asks the running window to come up; a daemon, which has
// no window, says so in words, and a window that fails passes its reason on.
func TestShowWindow(t *testing.T) {
	s := serve(t, Config{})
	c := s.client(t)
	var re *RemoteError
	if err := c.ShowWindow(); !errors.As(err, &re) || !strings.Contains(err.Error(), "has no window") {
		t.Fatalf("ShowWindow on a daemon: %v, want a reply that it has no window", err)
	}
	shown := 0
	s.SetWindow(func() error { shown++; return nil })
	if err := c.ShowWindow(); err != nil || shown != 1 {
		t.Fatalf("ShowWindow: %v, window shown %d times, want once", err, shown)
	}
	s.SetWindow(func() error { return errors.New("the window is closing") })
	if err := c.ShowWindow(); err == nil || !strings.Contains(err.Error(), "closing") {
		t.Fatalf("ShowWindow on a closing window: %v", err)
	}
	s.SetWindow(nil)
	if err := c.ShowWindow(); err == nil {
		t.Fatal("ShowWindow after the window was withdrawn succeeded")
	}
}
