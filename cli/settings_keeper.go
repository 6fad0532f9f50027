package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/store"
)

// settingsKeeper is where `rigshift settings` reads and saves: the running
// RigShift, which applies the settings at once, or the database while
// RigShift is stopped, so that a script can set up a rig before its
// service first starts.
type settingsKeeper interface {
	Settings() (control.Settings, error)
	// SaveSettings returns the settings as the keeper kept them.
	SaveSettings(control.Settings) (saved control.Settings, err error)
	Saved(minerChanged bool) string // what a save did, in words
	Close() error
}

// openSettings asks the running RigShift or, when none runs, opens the
// database; with create false a rig with no database yet reads the
// defaults and no file is made.
func openSettings(df dataFlags, create bool) (settingsKeeper, error) {
	c, s, err := dialOrOpen(df, create)
	switch {
	case errors.Is(err, errNoDatabase):
		dir, _ := df.dataDir()
		return defaultSettings{dir: dir}, nil
	case err != nil:
		return nil, err
	case c != nil:
		return socketSettings{c}, nil
	}
	return storeSettings{s}, nil
}

type socketSettings struct{ c *socket.Client }

func (s socketSettings) Settings() (control.Settings, error) { return s.c.Settings() }
func (s socketSettings) Close() error                        { return s.c.Close() }

func (s socketSettings) Saved(minerChanged bool) string {
	if minerChanged {
		return control.MinerSetupSaved
	}
	return "Saved."
}

// SaveSettings returns the settings the running RigShift kept, which
// lack what an older one does not know.
func (s socketSettings) SaveSettings(v control.Settings) (control.Settings, error) {
	return s.c.SaveSettings(v)
}

// storeSettings checks the settings as the controller would before it
// writes them: RigShift reads them as they are when it starts.
type storeSettings struct{ s *store.Store }

func (s storeSettings) Close() error { return s.s.Close() }

func (s storeSettings) Saved(bool) string {
	return "Saved in " + s.s.Path() + ": RigShift is not running, and takes them when it starts."
}

// Settings are the saved settings; where some could not be read (a
// *store.SettingsDamage), what could, the defaults elsewhere, as
// RigShift's next start reads them.
func (s storeSettings) Settings() (control.Settings, error) {
	v := control.DefaultSettings()
	return v, s.s.GetSettings(&v)
}

func (s storeSettings) SaveSettings(v control.Settings) (control.Settings, error) {
	if err := v.Validate(); err != nil {
		return v, err
	}
	if err := s.checkCurrency(v.Currency); err != nil {
		return v, err
	}
	if err := s.s.PutSettings(v); err != nil {
		// "the settings were not saved: saving settings: the disk …" said
		// it twice: the store's cause alone follows the CLI's words.
		if cause := errors.Unwrap(err); cause != nil {
			return v, cause
		}
		return v, err
	}
	return v, nil
}

// record keeps in the event log what a save while RigShift is stopped
// did, as the running RigShift would: a correction of the saved settings
// (once saved, the next start finds nothing to correct) and the change
// itself (else the log of a rig changed while stopped did not say why it
// paused at another temperature). A log that cannot keep them is told,
// not taken for a failed save.
func (s storeSettings) record(corrected string, before, after control.Settings, stderr io.Writer) {
	var events []store.Event
	if corrected != "" {
		events = append(events, control.CorrectionEvent(corrected))
	}
	if ev, changed := control.ChangeEvent(before, after); changed {
		events = append(events, ev)
	}
	for _, ev := range events {
		if err := s.s.AppendEvent(ev); err != nil {
			fmt.Fprintf(stderr, "rigshift: the event log does not keep this change: %v\n", err)
			return
		}
	}
}

// checkCurrency refuses a new currency while jobs priced in the old one
// wait or run, as the running RigShift does.
func (s storeSettings) checkCurrency(next string) error {
	now, err := s.Settings()
	var damage *store.SettingsDamage // read as the start reads them
	if err != nil && !errors.As(err, &damage) {
		return err
	}
	if now, _ = now.Repaired(); now.Currency == next { // "usd" saved is the rig's USD, as at start
		return nil
	}
	jobs, err := s.s.ListJobs()
	if err != nil {
		return err
	}
	pending := 0
	for _, j := range jobs {
		if !control.JobState(j.State).Final() {
			pending++
		}
	}
	return control.CheckCurrencyChange(now.Currency, next, pending)
}

// defaultSettings are a new rig's, before it has a database in dir.
type defaultSettings struct{ dir string }

// note says where the settings shown come from: without it, a mistyped
// --data-dir showed the defaults as if they were that rig's.
func (d defaultSettings) note() string {
	return fmt.Sprintf("No RigShift data in %s yet: these are the settings a new rig starts with.", d.dir)
}

func (defaultSettings) Settings() (control.Settings, error) { return control.DefaultSettings(), nil }
func (defaultSettings) SaveSettings(v control.Settings) (control.Settings, error) {
	return v, errors.New("no database to save to")
}
func (defaultSettings) Close() error      { return nil }
func (defaultSettings) Saved(bool) string { return "" }
