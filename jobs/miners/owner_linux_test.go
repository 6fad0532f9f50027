package miners

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// serveOn serves the T-Rex fixture on a listener of network and address.
func serveOn(t *testing.T, network, address string) string {
	t.Helper()
	l, err := net.Listen(network, address)
	if err != nil {
		t.Skipf("cannot listen on %s %s: %v", network, address, err)
	}
	body := fixture(t, "trex.json")
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write(body) }))
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return "http://127.0.0.1:" + strings.TrimPrefix(srv.URL[strings.LastIndex(srv.URL, ":"):], ":")
}

// A program of another user that took the miner's API port first (before
// the miner, which then could not listen there) would feed RigShift the
// hash rates it likes: the mining earnings, the stall watchdog. A preset
// miner's answer is read only from a socket of RigShift's own user.
func TestAnotherUsersListenerIsNotTheMiner(t *testing.T) {
	for _, addr := range []struct{ network, address string }{{"tcp4", "127.0.0.1:0"}, {"tcp", "[::]:0"}} {
		url := serveOn(t, addr.network, addr.address)
		src := Source{URL: url + "/summary", Format: FormatTRex, Own: true}
		if _, err := NewReader(src, time.Second).Read(context.Background()); err != nil {
			t.Fatalf("%s: our own listener refused: %v", addr.address, err)
		}
		defer func(uid int) { ownUID = uid }(ownUID)
		ownUID = os.Getuid() + 1
		_, err := NewReader(src, time.Second).Read(context.Background())
		if err == nil || !strings.HasPrefix(err.Error(), "the miner's API port") || !strings.Contains(err.Error(), "another user's program") {
			t.Errorf("%s: another user's listener was read as the miner's (err %v)", addr.address, err)
		}
		ownUID = os.Getuid()
		// A custom miner's stats URL may be anyone's (a container's proxy).
		src.Own = false
		ownUID = os.Getuid() + 1
		if _, err := NewReader(src, time.Second).Read(context.Background()); err != nil {
			t.Errorf("%s: a custom miner's stats refused: %v", addr.address, err)
		}
		ownUID = os.Getuid()
	}
}
