//go:build !linux

package miners

import "net"

// checkOwner takes every answer: only Linux's socket tables are read.
func checkOwner(net.Conn) error { return nil }
