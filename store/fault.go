package store

// FailWrites makes every write fail with err (syscall.ENOSPC for a full
// disk, syscall.EROFS for a read-only one) until it is called with nil;
// reads go on. It is a seam for the tests of the packages above the store
// (the controller's chaos test fills the disk at random): RigShift itself
// never calls it.
func (s *Store) FailWrites(err error) {
	if err == nil {
		s.fault.Store(nil)
		return
	}
	s.fault.Store(&err)
}

// writeFault is the error FailWrites set, nil when writes go through.
func (s *Store) writeFault() error {
	if p := s.fault.Load(); p != nil {
		return *p
	}
	return nil
}
