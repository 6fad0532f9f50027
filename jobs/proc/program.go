package proc

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// ProgramProblem says, in the owner's words, why path cannot be started as
// a workload's program from the folder dir ("" for RigShift's own), or ""
// when it can. A bare name is looked up in PATH and a relative path is
// taken from dir, as starting it would.
func ProgramProblem(path, dir string) string {
	if !strings.ContainsRune(path, '/') && !strings.ContainsRune(path, os.PathSeparator) {
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
