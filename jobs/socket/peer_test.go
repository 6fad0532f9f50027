package socket

import (
	"errors"
	"testing"
)

func TestCheckPeer(t *testing.T) {
	tests := []struct {
		peer, self int
		ok         bool
	}{
		{1000, 1000, true},
		{0, 0, true},
		{unknownUID, 1000, true}, // no SO_PEERCRED: the 0700 directory guards
		{1001, 1000, false},
		{0, 1000, false}, // not even root
	}
	for _, tt := range tests {
		err := checkPeer(tt.peer, tt.self)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, errOtherUser)) {
			t.Errorf("checkPeer(%d, %d) = %v", tt.peer, tt.self, err)
		}
	}
}
