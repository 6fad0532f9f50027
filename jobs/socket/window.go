package socket

import (
	"errors"
	"time"
)

// ErrNoWindow answers window.show on a RigShift without a window.
// The client's *RemoteError carrying it is errors.Is ErrNoWindow.
var ErrNoWindow = errors.New("the RigShift that is running has no window (it runs as `rigshift daemon`); " +
	"use `rigshift status` and `rigshift mode`, or stop the daemon and start the app")

// The answers of a window's RigShift that cannot show it: one still
// opening it after windowWait (a rig slow to start), and one that has
// closed it and is quitting, its miners and jobs stopping.
var (
	errWindowOpening = errors.New("RigShift is still opening its window; start it again in a moment if it does not appear")
	errWindowGone    = errors.New("RigShift is quitting: its window has closed, and it is stopping its miners and jobs; start it again once it has stopped")
)

// windowWait is how long a window.show waits for a window on its way:
// under the client's call timeout, which would otherwise call RigShift
// stuck.
var windowWait = 5 * time.Second

// SetWindow offers the desktop window to window.show requests: a second
// launch of the app asks the running one to show its window instead of
// failing on the locked database. show must be safe to call from any
// goroutine; nil withdraws the offer (the window has gone).
func (s *Server) SetWindow(show func() error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.window = show
	if !offered(s.windowSet) {
		close(s.windowSet)
	}
}

func (s *Server) showWindow() Reply {
	if s.cfg.Window {
		s.awaitWindow()
	}
	s.mu.Lock()
	show := s.window
	s.mu.Unlock()
	switch {
	case show != nil:
		if err := show(); err != nil {
			return errorReply(err)
		}
		return okReply(nil)
	case !s.cfg.Window:
		return errorReply(ErrNoWindow)
	case !offered(s.windowSet):
		return errorReply(errWindowOpening)
	}
	return errorReply(errWindowGone)
}

// awaitWindow waits up to windowWait for the window to be offered, or
// withdrawn, or for the socket to close.
func (s *Server) awaitWindow() {
	t := time.NewTimer(windowWait)
	defer t.Stop()
	select {
	case <-s.windowSet:
	case <-s.stopped:
	case <-t.C:
	}
}

// offered reports whether SetWindow has been called: windowSet is closed.
func offered(windowSet chan struct{}) bool {
	select {
	case <-windowSet:
		return true
	default:
		return false
	}
}
