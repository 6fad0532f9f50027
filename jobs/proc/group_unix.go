//go:build unix && !linux

package proc

// groupAlive reports whether the group still has a process. Without /proc
// a zombie counts as alive until reaped.
func groupAlive(pgid int) bool { return groupExists(pgid) }

// groupMembers knows only the leader without /proc.
func groupMembers(pgid int) []int {
	if groupExists(pgid) {
		return []int{pgid}
	}
	return nil
}

// leaderZombie cannot tell without /proc: the stop's own wait decides.
func leaderZombie(int) bool { return false }
