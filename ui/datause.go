package ui

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rigshift/rigshift/jobs/control"
)

// dataUse says how much room the history database and the job logs take
// ("History 134.5 MiB · job logs 1.2 GiB"). Both grow for as long as the rig
// runs: a month of an 8-GPU rig's telemetry is about 135 MB, and each job
// keeps up to 24 MiB of log for 90 days, and the owner had no way to learn
// it short of `rigshift db compact`. It reads the disk: never call it on
// the UI goroutine. "" when the database is not there.
func dataUse(dbPath string) string {
	st, err := os.Stat(dbPath)
	if err != nil {
		return ""
	}
	words := "History " + control.Size(st.Size())
	if logs := folderSize(filepath.Join(filepath.Dir(dbPath), "logs")); logs > 0 {
		words += " · job logs " + control.Size(logs)
	}
	return words
}

// folderSize adds up the sizes of the files under dir; what it cannot read
// it leaves out.
func folderSize(dir string) int64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			total += info.Size()
		}
		return nil
	})
	return total
}
