package store

import (
	"fmt"
	"os"
	"testing"
)

// childEnv selects a child role when the test binary re-executes itself;
// childPath is the database the child works on.
const (
	childEnv  = "RIGSHIFT_STORE_CHILD"
	childPath = "RIGSHIFT_STORE_PATH"
)

// children are the roles a re-executed test binary can play.
var children = map[string]func(path string) error{
	"hold":  childHold,
	"crash": childCrash,
	"fsize": childFileSizeLimit,
}

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		run, ok := children[role]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown child role %q\n", role)
			os.Exit(2)
		}
		if err := run(os.Getenv(childPath)); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	cleanupFixtures()
	os.Exit(code)
}

// childHold opens the store, says "ready" and keeps it open until its
// stdin closes.
func childHold(path string) error {
	s, err := Open(path, Options{})
	if err != nil {
		return err
	}
	fmt.Println("ready")
	buf := make([]byte, 1)
	for {
		if _, err := os.Stdin.Read(buf); err != nil {
			break
		}
	}
	return s.Close()
}
