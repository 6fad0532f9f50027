package socket

import "errors"

// errNoWindow answers window.show on a RigShift without a window.
var errNoWindow = errors.New("the RigShift that is running has no window (it runs as `rigshift daemon`); " +
	"use `rigshift status` and `rigshift mode`, or stop the daemon and start the app")

// SetWindow offers the desktop window to window.show requests: a second
// launch of the app asks the running one to show its window instead of
// failing on the locked database. show must be safe to call from any
// goroutine; nil withdraws the offer (the window has gone).
func (s *Server) SetWindow(show func() error) {
	s.mu.Lock()
	s.window = show
	s.mu.Unlock()
}

func (s *Server) showWindow() Reply {
	s.mu.Lock()
	show := s.window
	s.mu.Unlock()
	if show == nil {
		return errorReply(errNoWindow)
	}
	if err := show(); err != nil {
		return errorReply(err)
	}
	return okReply(nil)
}
