//go:build !unix

package store

// InUse reports whether a process holds the database at path open; where
// bbolt's lock cannot be probed it says no.
func InUse(string) bool { return false }
