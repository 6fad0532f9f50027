package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how much bbolt copies per transaction when compacting.
const compactTxSize = 64 << 20

// CompactResult reports what Compact did.
type CompactResult struct {
	Path          string
	Before, After int64 // file sizes in bytes
}

// Compact rewrites the database at path into a fresh file without free
// pages and atomically puts it in place (bbolt files never shrink by
// themselves). RigShift must not be running: Compact holds the lock for the
// whole copy and returns ErrLocked otherwise. On any error the original file
// is left as it was.
func Compact(path string) (CompactResult, error) {
	res := CompactResult{Path: path}
	info, err := os.Stat(path)
	if err != nil {
		if werr := fileInTheWay(filepath.Dir(path), err); werr != nil {
			return res, werr
		}
		if perr := permissionDenied(path, err); perr != nil {
			return res, perr
		}
		return res, fmt.Errorf("compacting database: %w", err)
	}
	res.Before = info.Size()
	if _, err := precheck(path, false); err != nil {
		return res, err
	}
	src, err := openBolt(path, DefaultLockTimeout, false)
	if err != nil {
		return res, err
	}
	defer src.Close() // after the rename: nobody may open the old file meanwhile
	tmp := path + ".compact"
	if err := copyCompact(src, path, tmp); err != nil {
		os.Remove(tmp)
		if perr := permissionDenied(tmp, err); perr != nil {
			return res, perr // the copy is made beside it: a folder RigShift may not write in
		}
		return res, fmt.Errorf("compacting database %s: %w", path, err)
	}
	if err := replaceFile(tmp, path); err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("compacting database %s: %w", path, err)
	}
	if info, err = os.Stat(path); err != nil {
		return res, fmt.Errorf("compacting database %s: %w", path, err)
	}
	res.After = info.Size()
	return res, nil
}

// copyCompact copies src into a new file at tmp and syncs it.
func copyCompact(src *bolt.DB, path, tmp string) error {
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{FreelistType: bolt.FreelistMapType})
	if err != nil {
		return err
	}
	err = guard(path, func() error { return bolt.Compact(dst, src, compactTxSize) })
	if err == nil {
		err = dst.Sync()
	}
	return errors.Join(err, dst.Close())
}

// replaceFile renames tmp over path and syncs the directory, so the swap
// survives a crash.
func replaceFile(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}
