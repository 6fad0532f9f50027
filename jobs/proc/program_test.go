package proc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgramAndDirProblems(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "train")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, dir, want string }{
		{prog, "", ""},
		{"./train", dir, ""}, // relative to the job's folder
		{"sh", "", ""},       // on the PATH
		{"./train", "", "there is no program at ./train"},
		{filepath.Join(dir, "gone"), "", "there is no program at"},
		{dir, "", "is a folder, not a program"},
		{plain, "", "is not executable: run chmod +x " + plain},
		{"pytohn", "", "no program called pytohn is on the PATH"},
	} {
		got := ProgramProblem(c.path, c.dir, nil)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("ProgramProblem(%q, %q) = %q, want %q", c.path, c.dir, got, c.want)
		}
	}
	// A job's own PATH (a virtualenv's bin first) is where its bare
	// program name is found, as it will be when the job starts.
	if got := ProgramProblem("train", "", []string{"PATH=/nonexistent:" + dir}); got != "" {
		t.Errorf("a program on the job's own PATH: %q", got)
	}
	for d, want := range map[string]string{dir: "", filepath.Join(dir, "nope"): "there is no folder", plain: "is a file, not a folder"} {
		if got := DirProblem(d); (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("DirProblem(%q) = %q, want %q", d, got, want)
		}
	}
}
