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

// A script whose first line names an interpreter that is not there (a
// miner's start script written for another machine, "#!/usr/bin/python"
// where only python3 is) is refused when it is saved, and a start that
// finds it says so: the kernel answered "fork/exec /opt/miner/start.sh: no
// such file or directory" about a script the owner could see right there.
func TestScriptWithAMissingInterpreter(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "start.sh")
	if err := os.WriteFile(script, []byte("#!/nonexistent/python -u\nprint(1)\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := "the first line of " + script + " runs it with /nonexistent/python, and there is no program at /nonexistent/python"
	if got := ProgramProblem(script, "", nil); got != want {
		t.Errorf("ProgramProblem = %q, want %q", got, want)
	}
	_, err := Start(Spec{Path: script})
	if err == nil || err.Error() != want {
		t.Errorf("Start: %v, want %q", err, want)
	}
}

// A program the kernel cannot run (a text file without a "#!" line, a
// program built for another kind of computer) is said so in words, not as
// Go's "fork/exec /x: exec format error" behind a "starting /x:" that the
// owner's "could not start:" already said.
func TestStartOfAFileThatIsNoProgramSaysSo(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "miner")
	if err := os.WriteFile(prog, []byte("echo hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Start(Spec{Path: prog})
	if err == nil {
		t.Fatal("no error")
	}
	want := prog + " is not a program this computer can run: a script needs a first line such as #!/bin/sh, a program must be built for this computer (exec format error)"
	if err.Error() != want {
		t.Errorf("Start: %q, want %q", err, want)
	}
}

// A program gone between the check and the start is named once, in words.
func TestStartOfAMissingProgramSaysSo(t *testing.T) {
	_, err := Start(Spec{Path: "/nonexistent/miner"})
	if err == nil || err.Error() != "there is no program at /nonexistent/miner" {
		t.Errorf("Start: %v", err)
	}
}
