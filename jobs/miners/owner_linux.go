package miners

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// checkOwner refuses a loopback connection whose other end is a socket of
// another user: a program that took the miner's API port before the miner
// could (the port is on the miner's command line for anyone to read) and
// now answers in its place. The kernel's socket tables name each socket's
// user; a program of RigShift's own user could do worse than lie about a
// hash rate, so only the user is checked. Where the tables do not show the
// other end (no /proc), the answer is taken as before.
func checkOwner(c net.Conn) error {
	local, lok := c.LocalAddr().(*net.TCPAddr)
	remote, rok := c.RemoteAddr().(*net.TCPAddr)
	if !lok || !rok {
		return nil
	}
	uid, ok := socketUID(remote.AddrPort(), local.AddrPort())
	if !ok || uid == ownUID {
		return nil
	}
	return &notOwnError{port: remote.Port, uid: uid}
}

// socketUID finds the socket from local to remote (the miner's end of the
// connection) in /proc/net/tcp, or as an IPv4-mapped address in tcp6 where
// the API listens on every address, and returns its user.
func socketUID(local, remote netip.AddrPort) (int, bool) {
	for _, table := range []struct {
		path string
		v6   bool
	}{{"/proc/net/tcp", false}, {"/proc/net/tcp6", true}} {
		want := procAddr(local, table.v6) + " " + procAddr(remote, table.v6)
		if uid, ok := findUID(table.path, want); ok {
			return uid, true
		}
	}
	return 0, false
}

// procAddr writes an address as the kernel's tables do: the address as
// 32-bit words in the machine's byte order, in hex, then the port.
func procAddr(ap netip.AddrPort, v6 bool) string {
	var b []byte
	if v6 {
		a := ap.Addr().As16()
		b = a[:]
	} else {
		a := ap.Addr().Unmap().As4()
		b = a[:]
	}
	var sb strings.Builder
	for i := 0; i < len(b); i += 4 {
		fmt.Fprintf(&sb, "%08X", binary.NativeEndian.Uint32(b[i:i+4]))
	}
	fmt.Fprintf(&sb, ":%04X", ap.Port())
	return sb.String()
}

// findUID returns the uid column of the line whose addresses are want.
func findUID(path, want string) (int, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid …
		fields := strings.Fields(sc.Text())
		if len(fields) < 8 || fields[1]+" "+fields[2] != want {
			continue
		}
		uid, err := strconv.Atoi(fields[7])
		return uid, err == nil
	}
	return 0, false
}
