package store

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Keys sort by time: big-endian unsigned numbers. Times before 1970 are
// clamped to the epoch; RigShift never records them.

// secKey is an 8-byte key of whole Unix seconds.
func secKey(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(max(t.Unix(), 0)))
}

// secKeyUnix is secKey for a Unix second.
func secKeyUnix(sec int64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(max(sec, 0)))
}

// keySec decodes an 8-byte seconds key.
func keySec(k []byte) (int64, error) {
	if len(k) != 8 {
		return 0, fmt.Errorf("time key has %d bytes, want 8", len(k))
	}
	return int64(binary.BigEndian.Uint64(k)), nil
}

// seqKey is a 16-byte key: Unix nanoseconds then a sequence number, so
// records at the same instant keep their order and never collide.
func seqKey(t time.Time, seq uint64) []byte {
	k := make([]byte, 0, 16)
	k = binary.BigEndian.AppendUint64(k, uint64(max(t.UnixNano(), 0)))
	return binary.BigEndian.AppendUint64(k, seq)
}
