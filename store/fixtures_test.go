package store

// cleanupFixtures removes benchmark fixtures cached across runs; see
// bench_fixture_test.go.
func cleanupFixtures() {}
