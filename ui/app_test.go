package ui

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMakeCacheDirOnANewAccount(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "home", ".cache") // neither exists yet
	t.Setenv("XDG_CACHE_HOME", cache)
	makeCacheDir()
	if fi, err := os.Stat(filepath.Join(cache, "fyne", AppID)); err != nil || !fi.IsDir() {
		t.Fatalf("Fyne's cache folder was not made: %v", err)
	}
}
