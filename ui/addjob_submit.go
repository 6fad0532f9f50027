package ui

import (
	"errors"
	"maps"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/proc"
)

// onSubmit checks the form here first (typing mistakes, the spec's own
// Validate) and only then asks the controller, off the UI goroutine.
func (f *addJobForm) onSubmit() {
	if f.submit != nil && f.submit.Disabled() {
		return // Enter in a field while the controller is still answering
	}
	spec, errs := f.spec()
	if err := spec.Validate(f.rigGPUs); err != nil {
		for k, v := range control.FieldErrors(err) {
			if errs[k] == "" {
				errs[k] = v
			}
		}
	}
	f.round++
	if len(errs) > 0 {
		f.showErrors(maps.Clone(errs), "")
		f.alsoRunnable(spec, errs)
		return
	}
	f.submit.Disable()
	go func() {
		job, err := f.q.AddJob(spec)
		runOnUI(func() { f.answered(job, err) })
	}()
}

// alsoRunnable adds, off the UI goroutine (it reads the file system), what
// the controller would say of the program and folder, so that a form with a
// typing mistake says those at once too, not after the mistake is fixed.
// A later press of Add job makes it moot.
func (f *addJobForm) alsoRunnable(spec control.JobSpec, errs map[string]string) {
	if len(spec.Command) == 0 {
		return
	}
	round := f.round
	go func() {
		more := control.FieldErrors(spec.Runnable())
		if len(more) == 0 {
			return
		}
		runOnUI(func() {
			if f.round != round {
				return
			}
			for k, v := range more {
				if errs[k] == "" {
					errs[k] = v
				}
			}
			f.showErrors(errs, "")
		})
	}()
}

func (f *addJobForm) answered(job control.Job, err error) {
	f.submit.Enable()
	if err != nil {
		fields, general := control.SplitErrors(err)
		f.showErrors(fields, refusal(general))
		return
	}
	f.dlg.close()
	f.added(job)
}

// refusal is what the form says below its fields when the controller
// refused the job: the reasons that belong to no field, each field's own
// being shown under it already.
func refusal(general []string) string {
	if len(general) == 0 {
		return "The job was not added: see the notes under the fields."
	}
	return "The job was not added: " + strings.Join(general, "; ")
}

// spec reads the fields; errs holds what could not be read, by field.
func (f *addJobForm) spec() (control.JobSpec, map[string]string) {
	errs := map[string]string{}
	text := func(k string) string { return strings.TrimSpace(f.entries[k].Text) }
	s := control.JobSpec{Client: text("client"), Description: text("description"), OnInterrupt: control.Requeue}
	if s.Dir = proc.HomePath(text("dir")); s.Dir != "" && !filepath.IsAbs(s.Dir) {
		errs["dir"] = "write the folder's full path, e.g. /home/you/project or ~/project"
	}
	if f.policy.Selected == "Mark it failed" {
		s.OnInterrupt = control.FailJob
	}
	var err error
	if text("command") != "" {
		if s.Command, err = cmdline.Split(text("command")); err != nil {
			errs["command"] = strings.TrimPrefix(err.Error(), cmdline.ErrInvalid.Error()+": ")
		}
	}
	if s.GPUCount, err = strconv.Atoi(text("gpus")); err != nil {
		errs["gpus"] = "write how many GPUs, e.g. 2"
	}
	// An empty price would be a job that earns nothing, unnoticed until the
	// bill: a free job is written as 0.
	s.PricePerGPUHour, err = parseNumber(text("price"))
	switch {
	case text("price") == "":
		errs["price"] = "write what the client pays per GPU-hour, e.g. 0.45 (0 for a free job)"
	case err != nil:
		errs["price"] = control.NumberProblem(err, "write a price such as 0.45")
	}
	if s.MaxRuntime, err = control.ParseMaxRuntime(text("max")); err != nil {
		errs["max"] = err.Error() // the words `rigshift job add --max` says
	}
	s.Env, err = parseEnv(f.entries["env"].Text)
	if err != nil {
		errs["env"] = err.Error()
	}
	return s, errs
}

// parseNumber reads a number the way people type it: "0.45", "0,45", "".
func parseNumber(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	return control.ParseNumber(s)
}

// parseEnv reads one KEY=value per line.
func parseEnv(s string) ([]string, error) {
	var env []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		switch {
		case !ok || k == "":
			return nil, errors.New("write one KEY=value per line: " + line)
		case strings.ContainsAny(k, " \t"): // the program would see a variable named "KEY ", never KEY
			return nil, errors.New("write KEY=value with no space before the =: " + line)
		}
		env = append(env, line)
	}
	return env, nil
}
