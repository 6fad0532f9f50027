package cli

import (
	"io"

	"github.com/rigshift/rigshift/jobs/socket"
)

// query is a read-only command against the running RigShift: it fetches
// one answer and prints it as text, or as JSON with --json.
func query[T any](args []string, stdout, stderr io.Writer, name string,
	fetch func(*socket.Client) (T, error), text func(io.Writer, T)) error {
	var df dataFlags
	asJSON := false
	fs := newFlagSet(name, stderr, "rigshift "+name+" --json")
	df.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of text")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := df.dial()
	if err != nil {
		return err
	}
	defer c.Close()
	answer, err := fetch(c)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, answer)
	}
	text(stdout, answer)
	return nil
}
