package jobs

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rigshift/rigshift/jobs/cmdline"
	"github.com/rigshift/rigshift/jobs/miners"
	"github.com/rigshift/rigshift/jobs/proc"
	"github.com/rigshift/rigshift/jobs/progress"
)

// processIO is what runs beside one process: the output pumps, the stats
// poller or progress follower, the watchdog ticker.
type processIO struct {
	started time.Time
	cancel  context.CancelFunc
	pumps   sync.WaitGroup // output readers
	aux     sync.WaitGroup // poller, follower
	readers []*os.File
	ticker  *time.Ticker
	tick    <-chan time.Time // nil when there is no watchdog
}

// launch starts the process and what watches it.
func (r *run) launch() error {
	args, err := r.args()
	if err != nil {
		return err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("creating output pipe: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return fmt.Errorf("creating output pipe: %w", err)
	}
	r.tag = fmt.Sprintf("%d/%s/%d", os.Getpid(), r.w.ID, time.Now().UnixNano())
	// Quoted as typed: `sh -c 'a | b'` joined with blanks reads as a pipe.
	r.line(logLine("[rigshift] starting: " + cmdline.Quote(r.red.Args(append([]string{r.w.Path}, args...)))))
	p, err := proc.Start(proc.Spec{Path: r.w.Path, Args: args, Env: r.environment(), Dir: r.w.Dir, Stdout: outW, Stderr: errW})
	outW.Close() // the child holds its own copies
	errW.Close()
	if err != nil {
		outR.Close()
		errR.Close()
		return err
	}
	r.p, r.pgid = p, p.PID()
	r.watch(outR, errR)
	return nil
}

// watch starts the goroutines around a fresh process.
func (r *run) watch(outR, errR *os.File) {
	ctx, cancel := context.WithCancel(context.Background())
	pio := &processIO{started: time.Now(), cancel: cancel, readers: []*os.File{outR, errR}}
	r.cur = pio
	for _, f := range pio.readers {
		pio.pumps.Go(func() { r.pump(ctx, f) })
	}
	if r.w.Kind == Mining && r.w.Stats.URL != "" {
		pio.aux.Go(func() { r.poll(ctx) })
		r.mu.Lock() // SetGuards may change it meanwhile
		stallAfter := r.cfg.StallAfter
		r.mu.Unlock()
		pio.ticker = time.NewTicker(min(r.cfg.PollEvery, max(stallAfter/4, 10*time.Millisecond)))
		pio.tick = pio.ticker.C
	}
	if r.trk != nil && r.prog != "" {
		pio.aux.Go(func() {
			progress.Follow(ctx, r.prog, r.cfg.ProgressPoll, func(b []byte) { r.trk.JSON(b, time.Now()) })
		})
	}
	r.mu.Lock()
	r.st.PID, r.lastGood = r.p.PID(), time.Time{}
	r.mu.Unlock()
}

// environment is RigShift's own, plus the workload's, plus what RigShift
// sets last so that nothing overrides it: unbuffered Python output, and for
// training the GPU selection and the progress file. A training job (a
// client's) gets RigShift's own without the owner's desktop session,
// credential agents and credentials.
func (r *run) environment() []string {
	env := os.Environ()
	if r.w.Kind == Training {
		env = slices.DeleteFunc(env, func(kv string) bool { return ownerSession(kv) || ownerCredential(kv) })
	}
	env = append(env, r.w.Env...)
	env = append(env, "PYTHONUNBUFFERED=1", r.tagEntry())
	if r.cfg.Instance != "" {
		env = append(env, InstanceEnv+"="+r.cfg.Instance) // inherited by its children: see KillLeftovers
	}
	if r.w.Kind == Training {
		env = append(env, r.w.cudaEnv()...)
		if r.prog != "" {
			env = append(env, progress.EnvVar+"="+r.prog)
		}
	}
	return env // exec keeps the last value of a repeated key
}

// ownerSession reports whether kv gives a program the owner's desktop
// session or a credential agent: the SSH agent (log in as the owner), the
// X and Wayland displays (read the screen and the keys), the session bus
// (the keyring, the desktop) and the runtime folder the libraries find
// those in by default. A client's job runs as the owner, so this is no
// sandbox (gpg finds its agent by convention); it keeps the obvious
// handles out of reach.
func ownerSession(kv string) bool {
	k, _, _ := strings.Cut(kv, "=")
	switch k {
	case "SSH_AUTH_SOCK", "SSH_AGENT_PID", "GPG_AGENT_INFO", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY",
		"DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "XDG_SESSION_COOKIE", "KRB5CCNAME",
		"XDG_RUNTIME_DIR":
		return true
	}
	return false
}

// ownerCredential reports whether kv is a credential by its name
// (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, GOOGLE_APPLICATION_CREDENTIALS): the
// owner's, exported in the shell RigShift was started from, which a
// client's code has no business reading.
func ownerCredential(kv string) bool {
	k, _, _ := strings.Cut(kv, "=")
	return SecretEnvName(k)
}

// secretEnvWords are the words of a variable's name that say its value is
// a secret: HF_TOKEN, WANDB_API_KEY, AWS_SECRET_ACCESS_KEY, DB_PASSWORD.
var secretEnvWords = []string{"TOKEN", "KEY", "APIKEY", "SECRET", "PASS", "PASSWD", "PASSWORD", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS"}

// SecretEnvName reports whether an environment variable's name says its
// value is a secret. Whole words only: TOKENIZERS_PARALLELISM and
// MONKEY_PATCH are not.
func SecretEnvName(name string) bool {
	for w := range strings.SplitSeq(strings.ToUpper(name), "_") {
		if slices.Contains(secretEnvWords, w) {
			return true
		}
	}
	return false
}

// poll reads the miner's API until ctx ends.
func (r *run) poll(ctx context.Context) {
	miners.Poll(ctx, r.w.Stats, r.cfg.PollEvery, r.cfg.PollTimeout, func(s miners.Stats, err error) {
		now := time.Now()
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			r.st.StatsErr = r.red.Line(err.Error())
			return
		}
		r.st.Stats, r.st.StatsAt, r.st.StatsErr = s, now, ""
		if s.Total > 0 {
			r.lastGood = now
		}
	})
}

// endProcess ends the current process (reason NoStop: it already ended by
// itself; its leftovers are ended), waits for its helpers, records and
// publishes how it ended.
func (r *run) endProcess(reason StopReason) Exit {
	at := time.Now() // a leader that ended by itself ended by now: its bill stops here
	// The PIDs, for the GPU check: the driver lists a killed process while
	// it releases its memory, after /proc has forgotten which group it was
	// in. Those that left the group (torchrun's workers, which hold the
	// memory) are found by the mark in their environment.
	r.members = append(r.p.Members(), proc.TaggedPIDs(r.tagEntry())...)
	grace := r.cfg.StopGrace
	if reason == NoStop {
		grace = min(grace, time.Second) // leftovers of an ended leader
	}
	// What left the group (a launcher's workers, in sessions of their own)
	// gets its SIGTERM with the group, and the same grace to save its work.
	deadline := time.Now().Add(grace)
	termed := proc.TermTagged(r.tagEntry(), r.pgid)
	res := r.p.Stop(grace)
	if reason != NoStop && !res.EndedFirst { // it ended when the stop ended it
		at = time.Now()
	}
	r.escaped = proc.EndTagged(r.tagEntry(), termed, max(time.Until(deadline), 0))
	if n := r.leftBehind(); reason == NoStop && n > 0 {
		// A job run as "python train.py &" ends at once, "succeeded", and
		// its training with it: the log says why.
		r.line(logLine(fmt.Sprintf("[rigshift] the program ended and left %d more process(es) running, which RigShift ended: "+
			"a job's program must wait for the work it starts (no \"&\" at the end, no nohup)", n)))
	}
	r.closeIO()
	e := classify(res, reason, at)
	r.recordExit(e)
	r.publish(Event{Kind: EventExit, Exit: &e, Err: e.Err})
	return e
}

// leftBehind is how many processes the ended process left running: its
// group's and those that had left it, the process itself not counted.
func (r *run) leftBehind() int {
	r.mu.Lock()
	leader := r.st.PID
	r.mu.Unlock()
	seen := map[int]bool{}
	for _, pid := range r.members {
		if pid != leader {
			seen[pid] = true
		}
	}
	return len(seen)
}

// closeIO stops the helpers of the ended process. Output pumps end at EOF
// once the group is gone; a process that escaped the group (setsid) may
// hold the pipe, so after a second the read ends are closed under it.
func (r *run) closeIO() {
	pio := r.cur
	pio.cancel()
	if pio.ticker != nil {
		pio.ticker.Stop()
	}
	pio.aux.Wait()
	done := make(chan struct{})
	go func() { pio.pumps.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Second):
		for _, f := range pio.readers {
			f.Close()
		}
		<-done
	}
	r.mu.Lock()
	r.st.PID = 0
	r.mu.Unlock()
}

func (r *run) recordExit(e Exit) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.st.LastExit = &e
}
