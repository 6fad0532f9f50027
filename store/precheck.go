package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk meta page, as written by go.etcd.io/bbolt v1: a 16-byte
// page header, then magic, version, page size, flags, root bucket (root page
// and sequence), freelist page, high-water mark (pgid), txid and an FNV-64a
// checksum of everything before it, in native byte order.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	pageHeaderSize  = 16
	metaSize        = 64
	metaChecksumOff = 56
	minPageSize     = 512
	maxPageSize     = 1 << 20
)

// metaPage is the part of a bbolt meta page that precheck needs.
type metaPage struct {
	pageSize uint32
	pgid     uint64
	txid     uint64
}

// precheck looks at an existing file before bbolt maps it: bbolt trusts
// the file's length and would crash (SIGBUS) on a truncated file. It
// reports whether the file is new (absent or empty) and, for a damaged
// file, ErrCorrupt. It only reads; readOnly says the database is opened
// to be read only, for the words of a file that may not be read.
func precheck(path string, readOnly bool) (isNew bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	access := "read and write"
	if readOnly {
		access = "read"
	}
	if perr := permissionDeniedTo(path, err, access); perr != nil {
		return false, perr
	}
	if err != nil {
		return false, fmt.Errorf("reading database %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("reading database %s: %w", path, err)
	}
	if info.Size() == 0 {
		return true, nil
	}
	m, err := newestMeta(f)
	if err != nil {
		return false, corrupt(path, err)
	}
	if need := int64(m.pgid) * int64(m.pageSize); info.Size() < need {
		return false, corruptf(path, "the file is truncated: %d bytes, at least %d expected", info.Size(), need)
	}
	return false, nil
}

// newestMeta returns the valid meta page with the highest transaction id,
// the one bbolt would use.
func newestMeta(r io.ReaderAt) (metaPage, error) {
	m0, err0 := readMeta(r, 0)
	size := int64(m0.pageSize)
	if err0 != nil {
		size = int64(os.Getpagesize())
	}
	m1, err1 := readMeta(r, size)
	switch {
	case err0 != nil && err1 != nil:
		return metaPage{}, fmt.Errorf("not a RigShift database, or its header is damaged: %w", err0)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid >= m1.txid:
		return m0, nil
	}
	return m1, nil
}

// readMeta decodes and validates the meta page at offset off.
func readMeta(r io.ReaderAt, off int64) (metaPage, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := r.ReadAt(buf, off); err != nil {
		return metaPage{}, fmt.Errorf("the file is too short for a database header")
	}
	b := buf[pageHeaderSize:]
	le := binary.NativeEndian
	if le.Uint32(b[0:]) != boltMagic {
		return metaPage{}, fmt.Errorf("no database header found")
	}
	if v := le.Uint32(b[4:]); v != boltVersion {
		return metaPage{}, fmt.Errorf("unsupported bbolt file version %d", v)
	}
	h := fnv.New64a()
	h.Write(b[:metaChecksumOff])
	if h.Sum64() != le.Uint64(b[metaChecksumOff:]) {
		return metaPage{}, fmt.Errorf("database header checksum mismatch")
	}
	m := metaPage{pageSize: le.Uint32(b[8:]), pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	if m.pageSize < minPageSize || m.pageSize > maxPageSize {
		return metaPage{}, fmt.Errorf("implausible page size %d", m.pageSize)
	}
	return m, nil
}
