package applog

import "testing"

func TestDefaultDirFollowsXDGStateHome(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/var/tmp/state")
	if d, _ := DefaultDir(); d != "/var/tmp/state/rigshift" {
		t.Errorf("DefaultDir() = %s", d)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored") // the spec says absolute only
	t.Setenv("HOME", "/home/owner")
	if d, _ := DefaultDir(); d != "/home/owner/.local/state/rigshift" {
		t.Errorf("DefaultDir() = %s", d)
	}
}
