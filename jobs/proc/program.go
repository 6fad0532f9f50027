package proc

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// HomePath reads a path as a shell reads one at the start of a word: "~"
// and "~/t-rex/t-rex" are in the owner's home. Where the shell does not
// read it (after "=", as in miner.executable=~/t-rex/t-rex, or in a field
// of the window) RigShift would take "~" for a folder of that name. "~user"
// is left as typed, and so is everything when there is no home.
func HomePath(s string) string {
	if s != "~" && !strings.HasPrefix(s, "~/") {
		return s
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return s
	}
	return filepath.Join(home, s[1:])
}

// ProgramProblem says, in the owner's words, why path cannot be started as
// a workload's program from the folder dir ("" for RigShift's own), or ""
// when it can. A bare name is looked up in the PATH of env (the
// workload's environment; nil for none of its own), then in RigShift's, and
// a relative path is taken from dir, as starting it would.
func ProgramProblem(path, dir string, env []string) string {
	if !strings.ContainsRune(path, '/') && !strings.ContainsRune(path, os.PathSeparator) {
		if _, ok := lookPathIn(path, env); ok {
			return ""
		}
		if _, err := exec.LookPath(path); err != nil {
			return "no program called " + path + " is on the PATH: write its full path"
		}
		return ""
	}
	full := path
	if !filepath.IsAbs(path) && dir != "" {
		full = filepath.Join(dir, path)
	}
	fi, err := os.Stat(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "there is no program at " + full
	case err != nil:
		return "cannot look at " + full + ": " + err.Error()
	case fi.IsDir():
		return full + " is a folder, not a program"
	case runtime.GOOS != "windows" && fi.Mode().Perm()&0o111 == 0:
		return full + " is not executable: run chmod +x " + full
	}
	return interpreterProblem(full)
}

// interpreterProblem says why the script at full cannot start when its
// "#!" line names an interpreter that is not there, or "": the kernel
// answers that case with "no such file or directory", as if the script
// itself were missing.
func interpreterProblem(full string) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	f, err := os.Open(full)
	if err != nil {
		return "" // unreadable is not this question; starting it will say
	}
	defer f.Close()
	head := make([]byte, 256)
	n, _ := io.ReadFull(f, head)
	line, ok := bytes.CutPrefix(head[:n], []byte("#!"))
	if !ok {
		return ""
	}
	line, _, _ = bytes.Cut(line, []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) == 0 || !filepath.IsAbs(fields[0]) {
		return ""
	}
	if _, err := os.Stat(fields[0]); errors.Is(err, fs.ErrNotExist) {
		return "the first line of " + full + " runs it with " + fields[0] + ", and there is no program at " + fields[0]
	}
	return ""
}

// DirProblem says why dir cannot be a workload's working folder, or "".
func DirProblem(dir string) string {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "there is no folder " + dir
	case err != nil:
		return "cannot look at " + dir + ": " + err.Error()
	case !fi.IsDir():
		return dir + " is a file, not a folder"
	}
	return ""
}

// lookPathIn finds a bare program name in the PATH of env, the child's
// environment, as a shell does for "PATH=… prog": exec.Command looks in
// RigShift's own, and would run the system's python instead of the one in
// the job's virtualenv. Relative PATH entries are skipped, as exec does.
func lookPathIn(name string, env []string) (string, bool) {
	if name == "" || strings.ContainsRune(name, '/') {
		return "", false
	}
	path := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v // the last one is what the child gets
		}
	}
	for _, dir := range filepath.SplitList(path) {
		if !filepath.IsAbs(dir) {
			continue
		}
		full := filepath.Join(dir, name)
		if fi, err := os.Stat(full); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode().Perm()&0o111 != 0) {
			return full, true
		}
	}
	return "", false
}
