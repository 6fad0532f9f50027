package ui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// setDialogEntry types text into the dialog's entry.
func setDialogEntry(t *testing.T, pop fyne.CanvasObject, text string) {
	t.Helper()
	for _, o := range popUpParts(pop) {
		if e, ok := o.(*dialogEntry); ok {
			e.SetText(text)
			return
		}
	}
	t.Fatal("the dialog has no entry")
}

// tapDialogButton taps the dialog's button labelled text.
func tapDialogButton(t *testing.T, pop fyne.CanvasObject, text string) {
	t.Helper()
	for _, o := range popUpParts(pop) {
		if b, ok := o.(*dialogButton); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the dialog has no %q button", text)
}

// dialogButtonIn is the top dialog's button labelled text, if one is open.
func dialogButtonIn(w fyne.Window, text string) *dialogButton {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range popUpParts(top) {
		if b, ok := o.(*dialogButton); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}

// A save over an existing file asks first: an earlier export of the same
// name, or any file the owner kept there, was replaced without a word.
func TestSaveAsAsksBeforeReplacingAFile(t *testing.T) {
	testApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "earnings.csv")
	if err := os.WriteFile(path, []byte("the owner's own\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new,rows\n"); return err }
	var saved string
	save := func() {
		saveAs(w, "earnings.csv", write, func(p string, err error) { saved = savedText(p, err) })
		pop := w.Canvas().Overlays().Top()
		setDialogEntry(t, pop, path)
		tapDialogButton(t, pop, "Save")
	}

	save()
	eventually(t, "the replace question", func() bool { return dialogButtonIn(w, "Replace") != nil })
	tapDialogButton(t, w.Canvas().Overlays().Top(), "Cancel")
	drainUI()
	if data, _ := os.ReadFile(path); string(data) != "the owner's own\n" || saved != "" {
		t.Fatalf("cancelled, the file holds %q and the screen says %q", data, saved)
	}

	save()
	eventually(t, "the replace question", func() bool { return dialogButtonIn(w, "Replace") != nil })
	tapDialogButton(t, w.Canvas().Overlays().Top(), "Replace")
	eventually(t, "the save", func() bool { return saved != "" })
	if data, _ := os.ReadFile(path); string(data) != "new,rows\n" {
		t.Errorf("replaced, the file holds %q (the screen says %q)", data, saved)
	}
}

// A folder typed as the place to save gets the file under its suggested
// name inside it; the rename onto the folder failed with Go's words.
func TestSaveAsIntoAFolderUsesTheSuggestedName(t *testing.T) {
	testApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	dir := t.TempDir()
	var saved string
	saveAs(w, "jobs.csv", (&fakeHistory{}).ExportJobsCSV, func(p string, err error) { saved = savedText(p, err) })
	pop := w.Canvas().Overlays().Top()
	setDialogEntry(t, pop, dir)
	tapDialogButton(t, pop, "Save")
	eventually(t, "the save", func() bool { return saved != "" })
	if _, err := os.Stat(filepath.Join(dir, "jobs.csv")); err != nil {
		t.Errorf("saving into %s: %v (the screen says %q)", dir, err, saved)
	}
}

// A failed save says why in words, naming the folder the owner typed, not
// the temporary file Go's error names.
func TestSaveFaultsInWords(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope", "jobs.csv")
	err := writeFile(missing, (&fakeHistory{}).ExportJobsCSV)
	got := savedText(missing, err)
	if want := "The export was not saved: there is no folder " + filepath.Dir(missing) + "."; got != want {
		t.Errorf("saving into a missing folder says %q, want %q", got, want)
	}
	if strings.Contains(got, ".rigshift-export-") {
		t.Errorf("the message names the temporary file: %q", got)
	}
}
