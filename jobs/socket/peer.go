package socket

import (
	"errors"
	"fmt"
)

// unknownUID is what peerUID returns where the system cannot say who is
// on the other end; the socket's 0600 mode and 0700 directory are then the
// only guard.
const unknownUID = -1

// errOtherUser is the refusal sent to a peer of another user.
var errOtherUser = errors.New("refused: this RigShift belongs to another user")

// checkPeer accepts a peer of our own user (or one the system cannot name)
// and refuses everyone else.
func checkPeer(peer, self int) error {
	if peer == unknownUID || peer == self {
		return nil
	}
	return fmt.Errorf("%w (uid %d, not %d)", errOtherUser, peer, self)
}
