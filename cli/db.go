package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// runDB is `rigshift db compact`.
func runDB(args []string, stdout, stderr io.Writer) error {
	return runGroup("db", dbCommands(), args, stdout, stderr)
}

func dbCommands() []subcommand {
	return []subcommand{
		{"compact", "shrink the history database (RigShift must not be running)", runDBCompact},
	}
}

// runDBCompact rewrites the database without its free pages: bbolt files
// never shrink by themselves.
func runDBCompact(args []string, stdout, stderr io.Writer) error {
	var df dataFlags
	fs := newFlagSet("db compact", stderr, "rigshift db compact --data-dir ~/.local/share/rigshift")
	df.registerOffline(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := df.dbPath()
	if err != nil {
		return err
	}
	if err := refuseWhileRunning(df, path); err != nil {
		return err
	}
	res, err := store.Compact(path)
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("%w; quit it before compacting", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Compacted %s: %s → %s (%s freed)\n", res.Path, control.Size(res.Before), control.Size(res.After), control.Size(max(0, res.Before-res.After)))
	return nil
}

// refuseWhileRunning stops a compaction the running RigShift would block.
func refuseWhileRunning(df dataFlags, path string) error {
	if c, err := df.dial(); err == nil {
		c.Close()
		return fmt.Errorf("RigShift is running for data directory %s; quit it (or stop 'rigshift daemon') before compacting its database", filepath.Dir(path))
	} else if !errors.Is(err, socket.ErrNotRunning) {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("there is no database to compact at %s", path)
	}
	return nil
}
