package socket

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A second launch asks the running window to come up; a daemon, which has
// no window, says so in words, and a window that fails passes its reason on.
func TestShowWindow(t *testing.T) {
	s := serve(t, Config{})
	c := s.client(t)
	var re *RemoteError
	if err := c.ShowWindow(); !errors.As(err, &re) || !strings.Contains(err.Error(), "has no window") || !errors.Is(err, ErrNoWindow) {
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

// The window's RigShift serves its socket a moment before its window
// exists (a third of a second here, more on a busy rig): a second launch
// in that moment, a double click in the menu, was told "the RigShift that
// is running has no window (it runs as `rigshift daemon`)", and shown that
// it could not start. A window on its way is waited for; one that does not
// come, or has gone as RigShift quits, is not called a daemon.
func TestShowWindowWaitsForAWindowOnItsWay(t *testing.T) {
	defer func(d time.Duration) { windowWait = d }(windowWait)
	windowWait = 5 * time.Second
	s := serve(t, Config{Window: true})
	c := s.client(t)
	shown := make(chan struct{}, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		s.SetWindow(func() error { shown <- struct{}{}; return nil })
	}()
	if err := c.ShowWindow(); err != nil {
		t.Fatalf("ShowWindow while the window was on its way: %v", err)
	}
	select {
	case <-shown:
	default:
		t.Fatal("the window was not shown")
	}
	s.SetWindow(nil)
	if err := c.ShowWindow(); err == nil || strings.Contains(err.Error(), "daemon") || !strings.Contains(err.Error(), "quitting") {
		t.Fatalf("ShowWindow as the window's RigShift quits: %v", err)
	}

	windowWait = 50 * time.Millisecond
	late := serve(t, Config{Window: true})
	if err := late.client(t).ShowWindow(); err == nil || strings.Contains(err.Error(), "daemon") || !strings.Contains(err.Error(), "still opening its window") {
		t.Fatalf("ShowWindow on a window that did not come: %v", err)
	}
}

// A window that never comes does not hold the socket's Close.
func TestCloseDoesNotWaitForTheWindow(t *testing.T) {
	defer func(d time.Duration) { windowWait = d }(windowWait)
	windowWait = time.Minute
	s := serve(t, Config{Window: true})
	c := s.client(t)
	answered := make(chan error, 1)
	go func() { answered <- c.ShowWindow() }()
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a window.show waiting", d)
	}
	if err := <-answered; err == nil {
		t.Error("ShowWindow succeeded on a closed socket")
	}
}
