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
			err := writeFile(p, write)
			runOnUI(func() { done(p, err) })
		}()
	})
	save.Importance = widget.HighImportance
	cancel := newDialogButton("Cancel", nil, func() { m.close() })
	path.OnSubmitted = func(string) { save.OnTapped() }
	m = showModal(win, "Save "+name, path, 560, cancel, save)
	win.Canvas().Focus(path)
	return m
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
		return "The export was not saved: " + err.Error()
	}
	if st, err := os.Stat(path); err == nil {
		return fmt.Sprintf("Saved %s (%.1f kB).", path, float64(st.Size())/1024)
	}
	return "Saved " + path + "."
}
