package socket

import (
	"net"
	"os"
	"testing"
)

func TestPeerUIDOfARealConnection(t *testing.T) {
	s := serve(t, Config{})
	done := make(chan int, 1)
	go func() {
		c, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: s.Path(), Net: "unix"})
		if err != nil {
			done <- -2
			return
		}
		defer c.Close()
		uid, err := peerUID(c) // the server's side, seen from the client
		if err != nil {
			uid = -3
		}
		done <- uid
	}()
	if uid := <-done; uid != os.Getuid() {
		t.Errorf("peerUID = %d, want %d", uid, os.Getuid())
	}
}
