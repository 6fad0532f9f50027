package jobs

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rigshift/rigshift/jobs/logs"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/oswords"
)

// outputLinesPerSecond and outputBytesPerSecond pace the reading of a
// workload's output: see pacer.
const (
	outputLinesPerSecond = 100_000
	outputBytesPerSecond = 16 << 20
)

// redrawLogEvery limits how often a redrawn line (a progress bar) is
// written to the log file; the tail always has the newest.
const redrawLogEvery = time.Second

func logLine(s string) logs.Line { return logs.Line{Text: s} }

// pump reads one output stream until EOF and hands its lines on, at a
// pace until ctx ends (the process is being ended: what is left in the
// pipe is read at once).
func (r *run) pump(ctx context.Context, f *os.File) {
	defer f.Close()
	var lastRedraw time.Time
	var lines int
	sp := logs.NewSplitter(r.cfg.MaxLineBytes, func(l logs.Line) {
		lines++
		now := time.Now()
		l.Text = r.red.Line(l.Text)
		r.tail.Add(l)
		if r.trk != nil {
			r.trk.Line(l.Text, now)
		}
		if l.Rewrite() && now.Sub(lastRedraw) < redrawLogEvery {
			return
		}
		if l.Rewrite() {
			lastRedraw = now
		}
		r.writeLog(l.Text, now)
	})
	buf := make([]byte, 32<<10)
	pc := pacer{at: time.Now(), credit: time.Second}
	for {
		n, err := f.Read(buf)
		lines = 0
		sp.Write(buf[:n])
		r.flushLog()
		r.trackPending(sp)
		if err != nil {
			break
		}
		pc.wait(ctx, lines, n)
	}
	sp.Flush()
	r.flushLog()
}

// pacer keeps a stream's reading to outputLinesPerSecond and
// outputBytesPerSecond, a second's worth at once. A job that prints
// without a pause (`yes`, a print in its inner loop) kept RigShift reading
// on a whole core (2 million lines a second); paced, the pipe fills and the
// job's writes wait, as they would in a slow terminal, and nothing is lost.
// No training job prints that much: a second of it fills a log file.
type pacer struct {
	credit time.Duration // reading time that may be spent now, up to a second
	at     time.Time
}

// wait spends what reading lines and bytes cost, and sleeps while the
// credit is below zero, or until ctx ends.
func (p *pacer) wait(ctx context.Context, lines, bytes int) {
	now := time.Now()
	p.credit = min(p.credit+now.Sub(p.at), time.Second)
	p.at = now
	p.credit -= time.Duration(lines)*time.Second/outputLinesPerSecond +
		time.Duration(bytes)*time.Second/outputBytesPerSecond
	if p.credit >= 0 {
		return
	}
	t := time.NewTimer(-p.credit)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// trackPending shows the tracker the line being drawn (a progress bar
// redrawn in place), so that progress is the bar's latest state, not the
// one it overwrote. The tail and the log get it once it is ended.
func (r *run) trackPending(sp *logs.Splitter) {
	if r.trk == nil {
		return
	}
	if text := sp.Pending(); text != "" {
		r.trk.Line(r.red.Line(text), time.Now())
	}
}

// line adds a line of RigShift's own to the tail and the log.
func (r *run) line(l logs.Line) {
	l.Text = r.red.Line(l.Text)
	r.tail.Add(l)
	r.writeLog(l.Text, time.Now())
	r.flushLog()
}

func (r *run) flushLog() {
	if r.logf == nil {
		return
	}
	if err := r.logf.Flush(); err != nil {
		r.logErr.Do(func() { r.tail.Add(logLine("[rigshift] log file: " + err.Error())) })
	}
}

func (r *run) writeLog(text string, now time.Time) {
	if r.logf == nil {
		return
	}
	if err := r.logf.WriteLine(now.Format("2006-01-02T15:04:05.000 ") + text); err != nil {
		r.logErr.Do(func() { r.tail.Add(logLine("[rigshift] log file: " + err.Error())) })
	}
}

// runStampLayout names a run's files by its start time; the names sort
// as the runs started.
const runStampLayout = "20060102-150405.000"

// runStamp names a run's files by its start time.
func (r *run) runStamp() string { return r.st.Started.Format(runStampLayout) }

// openLog opens LogDir/<id>/<start>.log, after removing the files of all
// but the last LogRuns runs. Without it the tail still works, so a failure
// is only reported in the tail.
func (r *run) openLog() {
	dir := filepath.Join(r.cfg.LogDir, safeName(r.w.ID))
	pruneRuns(dir, r.runStamp(), r.cfg.LogRuns)
	path := filepath.Join(dir, r.runStamp()+".log")
	f, err := logs.OpenFile(path, r.cfg.LogMaxBytes, r.cfg.LogBackups)
	if err != nil {
		r.tail.Add(logLine("[rigshift] this run's output is not kept in a file: " + oswords.InFolder("", err)))
		return
	}
	r.logf = f
	r.mu.Lock()
	r.st.LogPath = path
	r.mu.Unlock()
}

// openProgressFile creates the empty RIGSHIFT_PROGRESS file: beside the
// log when there is a LogDir, else in the temp directory.
func (r *run) openProgressFile() {
	dir := os.TempDir()
	if r.cfg.LogDir != "" {
		dir = filepath.Join(r.cfg.LogDir, safeName(r.w.ID))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		r.line(logLine("[rigshift] no progress file for RIGSHIFT_PROGRESS: " + oswords.InFolder("", err)))
		return
	}
	name := fmt.Sprintf("%s.progress.jsonl", r.runStamp())
	if r.cfg.LogDir == "" {
		name = fmt.Sprintf("rigshift-%s-%d.progress.jsonl", safeName(r.w.ID), time.Now().UnixNano())
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		r.line(logLine("[rigshift] no progress file for RIGSHIFT_PROGRESS: " + oswords.InFolder("", err)))
		return
	}
	f.Close()
	r.prog = path
}

// writeConfigFile writes the miner's config file, 0600, beside the log
// when there is a LogDir, else in the temp directory. Without it the
// miner does not start (launch says why): xmrig would look for a
// config.json of its own instead, whoever's wallet that names.
func (r *run) writeConfigFile() {
	dir, pattern := os.TempDir(), "rigshift-"+safeName(r.w.ID)+"-*.json"
	if r.cfg.LogDir != "" {
		dir, pattern = filepath.Join(r.cfg.LogDir, safeName(r.w.ID)), r.runStamp()+".miner-*.json"
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		r.confErr = err
		return
	}
	f, err := os.CreateTemp(dir, pattern) // 0600, a name no one else chose
	if err != nil {
		r.confErr = err
		return
	}
	_, err = f.Write(r.w.Config)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		r.confErr = err
		return
	}
	r.conf = f.Name()
}

// args are the workload's arguments, its config file's path in place.
func (r *run) args() ([]string, error) {
	if r.w.Config == nil {
		return r.w.Args, nil
	}
	if r.conf == "" {
		return nil, oswords.Worded("cannot write the miner's settings file: "+oswords.InFolder("", r.confErr), r.confErr)
	}
	args := slices.Clone(r.w.Args)
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, miners.ConfigFileArg, r.conf)
	}
	return args, nil
}

// pruneRuns removes the files (log, rotated copies, progress) of all but
// the newest keep runs in dir, this run's (current) among them. Files it
// does not recognise stay.
func pruneRuns(dir, current string, keep int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	runs := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if len(name) <= len(runStampLayout) || !e.Type().IsRegular() {
			continue
		}
		stamp := name[:len(runStampLayout)]
		if _, err := time.Parse(runStampLayout, stamp); err == nil && stamp != current {
			runs[stamp] = append(runs[stamp], name)
		}
	}
	stamps := slices.Sorted(maps.Keys(runs))
	for _, stamp := range stamps[:max(0, len(stamps)-(keep-1))] {
		for _, name := range runs[stamp] {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}
