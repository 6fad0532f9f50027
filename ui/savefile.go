package ui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/rigshift/rigshift/jobs/oswords"
)

// saveAs asks where to save a file, suggesting name in the owner's
// Documents folder, then writes it off the UI goroutine with write and
// reports the outcome with done (on the UI goroutine).
func saveAs(win fyne.Window, name string, write func(io.Writer) error, done func(path string, err error)) *modal {
	path := newDialogEntry()
	path.SetText(filepath.Join(documentsDir(), name))
	var m *modal
	save := newDialogButton("Save", nil, func() {
		m.close()
		p := path.Text
		go func() {
			target, exists := saveTarget(p, name)
			if !exists {
				writeInBackground(target, write, done)
				return
			}
			runOnUI(func() { askToReplace(win, target, write, done) })
		}()
	})
	save.Importance = widget.HighImportance
	cancel := newDialogButton("Cancel", nil, func() { m.close() })
	path.OnSubmitted = func(string) { save.OnTapped() }
	m = showModal(win, "Save "+name, path, 560, cancel, save)
	win.Canvas().Focus(path)
	return m
}

// saveTarget is where a save to path goes: into path when it is a folder,
// under the suggested name; and whether a file is already there. (Run off
// the UI goroutine: a network folder may take its time to answer.)
func saveTarget(path, name string) (target string, exists bool) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, name)
	}
	_, err := os.Lstat(path)
	return path, err == nil
}

// askToReplace asks before a save overwrites a file: an earlier export of
// the same name, or any file the owner keeps there, was replaced without
// a word.
func askToReplace(win fyne.Window, path string, write func(io.Writer) error, done func(string, error)) {
	text := fmt.Sprintf("%s already exists in %s. Replacing it overwrites what it holds.", filepath.Base(path), filepath.Dir(path))
	confirm(win, "Replace "+filepath.Base(path)+"?", text, "Cancel", "Replace", func() {
		go writeInBackground(path, write, done)
	})
}

func writeInBackground(path string, write func(io.Writer) error, done func(string, error)) {
	err := writeFile(path, write)
	runOnUI(func() { done(path, err) })
}

// writeFile writes to a temporary file and renames it into place, so a
// failed export never leaves half a CSV under the chosen name. The file
// gets the mode any new file of the owner's gets (0666 less the umask).
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := createTemp(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// createTemp creates a new file of a name of its own in dir as os.Create
// would (0666 less the umask): os.CreateTemp makes it 0600, and setting
// a mode afterwards would ignore an owner's umask that keeps files private.
func createTemp(dir string) (*os.File, error) {
	for {
		name := filepath.Join(dir, ".rigshift-export-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// documentsDir is ~/Documents when it exists, else the home folder.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// savedText says where an export went, or why it did not.
func savedText(path string, err error) string {
	if err != nil {
		return "The export was not saved: " + saveFault(path, err)
	}
	if st, err := os.Stat(path); err == nil {
		return fmt.Sprintf("Saved %s (%.1f kB).", path, float64(st.Size())/1024)
	}
	return "Saved " + path + "."
}

// saveFault says why a save failed in the owner's words: Go's own name
// the temporary file the export is first written to, which the owner
// never chose.
func saveFault(path string, err error) string {
	dir := filepath.Dir(path)
	if errors.Is(err, fs.ErrPermission) {
		return "you may not write in " + dir + "; pick a folder of your own."
	}
	return oswords.InFolder(dir, err) + "."
}
