package cli

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rigshift/rigshift/jobs/control"
	"github.com/rigshift/rigshift/jobs/progress"
	"github.com/rigshift/rigshift/jobs/socket"
	"github.com/rigshift/rigshift/jobs/socket/sockettest"
)

func TestJobAdd(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.40",
		"--gpu", "1", "--gpu", gpu0, "--max", "6h", "--currency", "EUR", "--desc", "llama fine-tune",
		"--env", "HF_HOME=/cache", "--env", "SEED=1", "--on-interrupt", "fail", "--", "python", "train.py", "--epochs", "3")
	if code != exitOK || out != "J-0001\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	s := api.Jobs()[0].Spec
	wd, _ := os.Getwd()
	if s.Client != "acme" || s.PricePerGPUHour != 0.4 || !slices.Equal(s.GPUs, []string{gpu1, gpu0}) ||
		s.MaxRuntime != 6*time.Hour || s.Currency != "EUR" || s.Description != "llama fine-tune" ||
		!slices.Equal(s.Env, []string{"HF_HOME=/cache", "SEED=1"}) || s.OnInterrupt != control.FailJob ||
		!slices.Equal(s.Command, []string{"python", "train.py", "--epochs", "3"}) || s.Dir != wd {
		t.Errorf("spec = %+v", s)
	}
}

func TestJobAddDefaults(t *testing.T) {
	dir, api := serveFake(t, nil)
	sub := t.TempDir()
	t.Chdir(sub)
	code, out, _ := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--dir", "work", "python", "train.py", "--lr", "3e-4")
	s := api.Jobs()[0].Spec
	if code != exitOK || out != "J-0001\n" || s.GPUCount != 1 || s.OnInterrupt != control.Requeue ||
		s.Dir != filepath.Join(sub, "work") || !slices.Equal(s.Command, []string{"python", "train.py", "--lr", "3e-4"}) {
		t.Errorf("exit %d, %q, spec %+v", code, out, s)
	}
}

// RigShift's flags written after the program are the program's arguments:
// "rigshift job add python3 train.py --client acme --price 0.45" was told
// to "say who the job is for with --client", which the owner had. It says
// where they went, and the command line that puts them before it.
func TestJobAddFlagsAfterTheProgram(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--gpus", "1", "python3", "train.py", "--epochs", "3", "--client", "Acme AI", "--price=0.45")
	want := "rigshift: --client and --price came after the program, which takes them as its own arguments: put them before the program, " +
		"as in rigshift job add --data-dir " + dir + " --gpus 1 --client 'Acme AI' --price=0.45 -- python3 train.py --epochs 3\n"
	if code != exitUsage || stderr != want {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr, want)
	}
	// After an explicit "--" too, where a forgotten price is as likely.
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--", "python3", "train.py", "--price", "0.45")
	if want := "--price came after the program, which takes it as its own argument: put it before the program, as in rigshift job add --data-dir " + dir +
		" --client acme --price 0.45 -- python3 train.py\n"; code != exitUsage || !strings.HasSuffix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want it to end %q", code, stderr, want)
	}
	// The program's own --dir (a flag RigShift has too) stays the program's,
	// and so does its --client where RigShift's is given: only what is
	// missing is moved.
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "python3", "train.py", "--dir", "/data", "--client", "acme", "--price", "0.45")
	if want := "rigshift: --client and --price came after the program, which takes them as its own arguments: put them before the program, as in rigshift job add --data-dir " + dir +
		" --client acme --price 0.45 -- python3 train.py --dir /data\n"; code != exitUsage || stderr != want {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr, want)
	}
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--", "serve.py", "--client", "web", "--price", "3")
	if want := "rigshift: --price came after the program, which takes it as its own argument: put it before the program, as in rigshift job add --data-dir " + dir +
		" --client acme --price 3 -- serve.py --client web\n"; code != exitUsage || stderr != want {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr, want)
	}
	// A program's own --client, with RigShift's --price forgotten, is the program's.
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--", "serve.py", "--client", "web")
	if want := "rigshift: say what the client pays per GPU-hour with --price"; code != exitUsage || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want it to begin %q", code, stderr, want)
	}
	// A program's own --price, with RigShift's given before it, is the program's.
	if code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0", "--", "bid.py", "--price", "3"); code != exitOK {
		t.Errorf("a program's own --price: exit %d, %s", code, stderr)
	}
	if len(api.Jobs()) != 1 {
		t.Errorf("jobs added: %+v", api.Jobs())
	}
}

func TestJobAddInvalid(t *testing.T) {
	dir, api := serveFake(t, nil)
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"--price", "-1", "--gpus", "3", "--on-interrupt", "retry"}, exitError, []string{
			"rigshift: the job was not added:\n",
			"  --client: say who the job is for\n",
			"  command (after --): the command is empty\n",
			"  --gpus/--gpu: the job wants 3 GPUs but this rig has 2\n",
			"  --price: the price cannot be negative\n",
			`  --on-interrupt: choose "requeue" or "fail"`,
		}},
		{[]string{"--client", "a", "--price", "0.4", "--gpu", "GPU-nope", "--", "x"}, exitError, []string{"--gpus/--gpu: this rig has no GPU GPU-nope"}},
		{[]string{"--client", "a", "--price", "0.4", "--gpu", "7", "--", "x"}, exitUsage, []string{"this rig has no GPU 7 (it has 2 GPUs)"}},
		// Named as typed: it read "GPU GPU-0000… is named twice" for "--gpu 1 --gpu 1".
		{[]string{"--client", "a", "--price", "0.4", "--gpu", "1", "--gpu", "1", "--", "x"}, exitUsage, []string{"rigshift: --gpu 1 is given twice\n"}},
		{[]string{"--client", "a", "--price", "0.4", "--gpu", "0", "--gpu", gpu0, "--", "x"}, exitUsage, []string{"rigshift: --gpu 0 and --gpu " + gpu0 + " are the same GPU\n"}},
		{[]string{"--client", "a", "--price", "0.4", "--gpus", "2", "--gpu", "0", "--", "x"}, exitUsage, []string{"either --gpus N or the GPUs with --gpu"}},
		{[]string{"--client", "a", "--price", "0.4", "--env", "NOEQUALS", "--", "x"}, exitUsage, []string{`--env "NOEQUALS": write it as KEY=value`}},
		// As the Add-job dialog: the program would see a variable named "HF_HOME ", never HF_HOME.
		{[]string{"--client", "a", "--price", "0.4", "--env", "HF_HOME =/cache", "--", "x"}, exitUsage, []string{`--env "HF_HOME =/cache": write KEY=value with no space before the =`}},
		{[]string{"--client", "a", "--price", "cheap", "--", "x"}, exitUsage, []string{`invalid value "cheap" for flag -price`}},
		{[]string{"--client", "a", "--price", "NaN", "--", "x"}, exitUsage, []string{`invalid value "NaN" for flag -price: write the price per GPU-hour as a number`}},
		{[]string{"--client", "a", "--price", "0.4", "--max", "6 hours", "--", "x"}, exitUsage, []string{`invalid value "6 hours" for flag -max`}},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, append([]string{"job", "add", "--data-dir", dir}, tt.args...)...)
		if code != tt.code || out != "" {
			t.Errorf("%q: exit %d, stdout %q", tt.args, code, out)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%q: stderr lacks %q:\n%s", tt.args, w, stderr)
			}
		}
	}
	if len(api.Jobs()) != 0 {
		t.Errorf("invalid jobs were added: %+v", api.Jobs())
	}
}

func TestJobList(t *testing.T) {
	dir, api := serveFake(t, nil)
	_, out, _ := runCLI(t, "job", "list", "--data-dir", dir)
	if out != "No rental jobs yet. Add one with 'rigshift job add'.\n" {
		t.Errorf("empty list: %q", out)
	}
	api.SetMode(control.Rent) // a job runs: the rig is renting
	api.JobList = append(api.JobList, runningJob(),
		control.Job{ID: "J-0008", Spec: control.JobSpec{Client: "uni", GPUs: []string{gpu0, gpu1}}, State: control.JobTimedOut,
			Running: 6 * time.Hour, Earned: 4.8, Currency: "EUR"},
		// An ended job's last bar still held an estimate: not said.
		control.Job{ID: "J-0009", Spec: control.JobSpec{Client: "lab", GPUs: []string{gpu0}}, State: control.JobSucceeded,
			Running: time.Hour, Earned: 0.4, Currency: "USD",
			Progress: progress.Progress{Source: "tqdm", HasStep: true, Step: 300, Total: 300, Percent: 100, ETA: 10 * time.Second}})
	addJobs(t, api, 1)
	code, out, _ := runCLI(t, "job", "list", "--data-dir", dir)
	want := []string{
		"ID      CLIENT  STATE      GPUS  DURATION   EARNED    PROGRESS",
		"J-0007  lab     running    1     1 h 0 min  0.40 USD  no progress reported",
		"J-0008  uni     timed out  2     6 h 0 min  4.80 EUR  -",
		"J-0009  lab     succeeded  1     1 h 0 min  0.40 USD  step 300/300 (100.0%)",
		"J-0001  acme    queued     1     -          0.00 USD  place 1, next in line",
	}
	if code != exitOK || out != strings.Join(want, "\n")+"\n" {
		t.Errorf("exit %d, table:\n%s", code, out)
	}
	_, out, _ = runCLI(t, "job", "list", "--json", "--data-dir", dir)
	var jobs []control.Job
	if err := json.Unmarshal([]byte(out), &jobs); err != nil || len(jobs) != 4 || jobs[1].State != control.JobTimedOut {
		t.Errorf("--json: %v\n%s", err, out)
	}
}

func TestJobCancelAndMove(t *testing.T) {
	dir, api := serveFake(t, nil)
	addJobs(t, api, 3)
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"cancel", "J-0002"}, exitOK, "Cancelled J-0002.\n"},
		{[]string{"cancel", "J-0002"}, exitError, "rigshift: job J-0002 has already ended (cancelled)\n"},
		{[]string{"cancel", "J-0404"}, exitError, "rigshift: there is no job J-0404\n"},
		{[]string{"cancel"}, exitUsage, "rigshift: missing job ID, e.g. rigshift job cancel J-0003 (rigshift job list shows the IDs)\n"},
		{[]string{"move", "J-0003", "1"}, exitOK, "Moved J-0003 to place 1 in the queue.\n"},
		{[]string{"move", "J-0003", "first"}, exitUsage, `rigshift: position "first": give a place in the queue, 1 for the front` + "\n"},
		{[]string{"move", "J-0003"}, exitUsage, "rigshift: missing position, e.g. rigshift job move J-0003 1 (rigshift job list shows the IDs)\n"},
		{[]string{"logs"}, exitUsage, "rigshift: missing job ID, e.g. rigshift job logs J-0003 -n 50 (rigshift job list shows the IDs)\n"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, append(append([]string{"job"}, tt.args...), "--data-dir", dir)...)
		if code != exitOK {
			out = stderr
		}
		if code != tt.code || out != tt.out {
			t.Errorf("%q: exit %d, %q; want exit %d, %q", tt.args, code, out, tt.code, tt.out)
		}
	}
	var order []string
	for _, j := range api.Jobs() {
		order = append(order, j.ID)
	}
	if !slices.Equal(order, []string{"J-0003", "J-0001", "J-0002"}) {
		t.Errorf("order = %v", order)
	}
}

func TestJobLogs(t *testing.T) {
	dir, api := serveFake(t, nil)
	addJobs(t, api, 2)
	api.Logs = []string{"epoch 1", "epoch 2", "epoch 3"}
	code, out, _ := runCLI(t, "job", "logs", "J-0001", "-n", "2", "--data-dir", dir)
	if code != exitOK || out != "epoch 2\nepoch 3\n" {
		t.Errorf("exit %d, %q", code, out)
	}
	// A job that ran before RigShift restarted: its output is in its log file.
	api.Logs = nil
	log := filepath.Join(t.TempDir(), "J-0002.log")
	os.WriteFile(log, []byte("step 1\r\nstep 2\nstep 3\n"), 0o600)
	api.JobList[1].LogPath = log
	if code, out, _ := runCLI(t, "job", "logs", "--data-dir", dir, "J-0002", "-n", "2"); code != exitOK || out != "step 2\nstep 3\n" {
		t.Errorf("from the log file: exit %d, %q", code, out)
	}
	if code, _, stderr := runCLI(t, "job", "logs", "--data-dir", dir, "J-0001"); code != exitOK || stderr != "J-0001 has no output yet.\n" {
		t.Errorf("no output: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "job", "logs", "--data-dir", dir, "J-0001", "-n", "0"); code != exitUsage {
		t.Errorf("-n 0: exit %d", code)
	}
}

func TestJobGroupUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"job"}, exitUsage, "rigshift: rigshift job needs a command"},
		{[]string{"job", "launch"}, exitUsage, `rigshift: unknown command "launch" for rigshift job`},
		{[]string{"job", "--help"}, exitOK, ""},
		{[]string{"job", "add", "--help"}, exitOK, "Usage: rigshift job add [flags]"},
		{[]string{"export"}, exitUsage, "Usage: rigshift export <command>"},
		{[]string{"db", "vacuum"}, exitUsage, `unknown command "vacuum" for rigshift db`},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(out+stderr, tt.want) {
			t.Errorf("%q: exit %d\n%s%s", tt.args, code, out, stderr)
		}
	}
}

// Where each queued job stands, as `job move` counts places, and why one
// that needs a lost GPU cannot run: a plain "queued" said neither.
func TestJobListSaysWhereQueuedJobsStand(t *testing.T) {
	dir, api := serveFake(t, nil)
	queued := func(id string, pos, ahead int, blocked string) control.Job {
		return control.Job{ID: id, Spec: control.JobSpec{Client: "lab", GPUCount: 1}, State: control.JobQueued,
			Position: pos, Ahead: ahead, Blocked: blocked, Currency: "USD"}
	}
	api.JobList = append(api.JobList, queued("J-0003", 2, 1, ""), queued("J-0002", 1, 0, ""),
		queued("J-0001", 0, 0, "GPU 1, which it names, was lost"))
	_, out, _ := runCLI(t, "job", "list", "--data-dir", dir)
	for _, want := range []string{"J-0003  lab     queued  1     -         0.00 USD  place 3, 1 job ahead",
		"J-0002  lab     queued  1     -         0.00 USD  place 2, next in line",
		"J-0001  lab     queued  1     -         0.00 USD  waiting: GPU 1, which it names, was lost"} {
		if !strings.Contains(out, want) {
			t.Errorf("job list lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI(t, "status", "--data-dir", dir)
	if !strings.Contains(out, "Jobs: 0 running, 3 queued (1 waiting for a lost GPU: rigshift job list)") {
		t.Errorf("status:\n%s", out)
	}

	// While the database refuses writes (a full disk) no queued job
	// starts: the next in line says so, not that it is next.
	api.JobList[1].WaitsForStorage = true
	_, out, _ = runCLI(t, "job", "list", "--data-dir", dir)
	if want := "J-0002  lab     queued  1     -         0.00 USD  waiting: RigShift cannot save its records"; !strings.Contains(out, want) {
		t.Errorf("job list lacks %q:\n%s", want, out)
	}
}

// A list RigShift had to shorten says so, and where the rest is.
func TestJobListSaysWhenShortened(t *testing.T) {
	var b strings.Builder
	printJobList(&b, socket.JobList{Jobs: []control.Job{runningJob()}, Omitted: 1200})
	if !strings.HasSuffix(b.String(), "J-0007  lab     running  1     1 h 0 min  0.40 USD  no progress reported\n"+
		"… and 1200 older finished jobs, left out to keep the answer short: 'rigshift export jobs' lists them all.\n") {
		t.Errorf("list:\n%s", b.String())
	}
	b.Reset()
	printJobList(&b, socket.JobList{Jobs: []control.Job{runningJob()}})
	if strings.Contains(b.String(), "left out") {
		t.Errorf("nothing left out:\n%s", b.String())
	}
}

// A place past the end of the queue puts the job last: the owner is told
// the place it has, not the one typed.
func TestJobMovePastTheEndSaysItsPlace(t *testing.T) {
	dir, api := serveFake(t, nil)
	addJobs(t, api, 3)
	code, out, stderr := runCLI(t, "job", "move", "J-0001", "99", "--data-dir", dir)
	if code != exitOK || out != "Moved J-0001 to place 3, the last in the queue.\n" {
		t.Errorf("exit %d, %q%s", code, out, stderr)
	}
	if code, out, _ := runCLI(t, "job", "move", "J-0001", "2", "--data-dir", dir); code != exitOK || out != "Moved J-0001 to place 2 in the queue.\n" {
		t.Errorf("exit %d, %q", code, out)
	}
}

// One job whose client is long (a paste gone wrong: the whole email) made
// every row of the job list, and of the status's running jobs, that wide:
// over ssh each wrapped into several lines. The table cuts it short; the
// JSON and the export keep it whole.
func TestLongClientKeepsTheTableReadable(t *testing.T) {
	long := runningJob()
	long.Spec.Client = strings.Repeat("Acme AI research ", 20)
	short := runningJob()
	short.ID = "J-0008"
	var b strings.Builder
	printJobs(&b, []control.Job{long, short})
	printRunning(&b, []control.Job{long, short})
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if n := utf8.RuneCountInString(line); n > 120 {
			t.Errorf("a line of %d characters: %q", n, line)
		}
	}
	if !strings.Contains(b.String(), "J-0007  Acme AI research Acme AI research Acme…  running") {
		t.Errorf("the client is not cut short with an ellipsis:\n%s", b.String())
	}
}

// A job is named as the owner types it: "rigshift job cancel 3" or "j-0003"
// was "no such job: 3", with no word on how IDs are written.
func TestJobIDAsTyped(t *testing.T) {
	dir, api := serveFake(t, nil)
	addJobs(t, api, 3)
	for _, id := range []string{"2", "j-0002", "J-2", "j2", "0002"} {
		if code, out, stderr := runCLI(t, "job", "move", id, "1", "--data-dir", dir); code != exitOK || out != "Moved J-0002 to place 1 in the queue.\n" {
			t.Errorf("job move %s: exit %d, %q%s", id, code, out, stderr)
		}
	}
	if code, out, stderr := runCLI(t, "job", "cancel", "3", "--data-dir", dir); code != exitOK || out != "Cancelled J-0003.\n" {
		t.Errorf("job cancel 3: exit %d, %q%s", code, out, stderr)
	}
	code, _, stderr := runCLI(t, "job", "logs", "acme", "--data-dir", dir)
	if want := "rigshift: \"acme\" is no job ID: they look like J-0003 (rigshift job list shows them)\n"; code != exitUsage || stderr != want {
		t.Errorf("job logs acme: exit %d, %q; want %q", code, stderr, want)
	}
}

// A decimal comma is taken for the price, as the window's Add-job dialog
// and `settings set` take it: an owner whose locale writes 0,45 is not
// sent back with "parse error".
func TestJobAddPriceWithADecimalComma(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0,45", "--", "python", "train.py")
	if code != exitOK || out != "J-0001\n" || api.Jobs()[0].Spec.PricePerGPUHour != 0.45 {
		t.Fatalf("exit %d, %q %s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "1,234.5", "--", "python")
	if code != exitUsage || !strings.Contains(stderr, `invalid value "1,234.5" for flag -price: write the price per GPU-hour as a number, e.g. 0.45`) {
		t.Errorf("exit %d, %s", code, stderr)
	}
	// 1,500 is fifteen hundred to one client and one and a half to another.
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "1,500", "--", "python")
	if code != exitUsage || !strings.Contains(stderr, "write 1500 or 1.5") {
		t.Errorf("exit %d, %s", code, stderr)
	}
}

// --gpus 0 (a job the owner thought needs no GPU) was taken as "the
// default, one GPU": the job got a GPU and a bill per GPU-hour without a
// word. It is refused as a job needing no GPU, as in the window.
func TestJobAddZeroGPUsIsRefused(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--gpus", "0", "--", "python", "train.py")
	if code != exitError || out != "" || !strings.Contains(stderr, "--gpus/--gpu: a job needs at least one GPU") {
		t.Errorf("exit %d, %q, %q", code, out, stderr)
	}
	if len(api.Jobs()) != 0 {
		t.Errorf("added: %+v", api.Jobs())
	}
}

// A job added while the rig is in Idle or Mine mode waits until the owner
// switches to Rent or Auto: `job add` printed only its ID and `job list`
// "place 1, next in line", where the window says why it waits.
func TestQueuedJobsSayTheModeHoldsThem(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--", "python", "train.py")
	const why = "rental jobs run in Rent or Auto mode, and the rig is in Idle mode (rigshift mode auto)"
	if code != exitOK || out != "J-0001\n" || stderr != "J-0001 waits: "+why+".\n" {
		t.Errorf("job add: exit %d, %q, %q", code, out, stderr)
	}
	if _, out, _ := runCLI(t, "job", "list", "--data-dir", dir); !strings.HasSuffix(out, "place 1, next in line\nQueued jobs wait: "+why+".\n") {
		t.Errorf("job list:\n%s", out)
	}
	if _, out, _ := runCLI(t, "job", "list", "--json", "--data-dir", dir); !strings.HasPrefix(out, "[") {
		t.Errorf("job list --json is no longer the list alone:\n%s", out)
	}
	api.SetMode(control.Auto)
	if _, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--", "python"); out != "J-0002\n" || stderr != "" {
		t.Errorf("job add in Auto: %q, %q", out, stderr)
	}
	if _, out, _ := runCLI(t, "job", "list", "--data-dir", dir); strings.Contains(out, "wait") {
		t.Errorf("job list in Auto:\n%s", out)
	}
}

// A forgotten --price made a job that earns nothing, without a word; the
// window's Add-job dialog asks for a price, and takes 0 written out as a
// free job. So does `job add`.
func TestJobAddWantsAPrice(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, out, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--", "python", "train.py")
	if code != exitUsage || out != "" || stderr != "rigshift: say what the client pays per GPU-hour with --price, e.g. --price 0.45 (--price 0 for a free job)\n" {
		t.Errorf("no price: exit %d, %q, %q", code, out, stderr)
	}
	if len(api.Jobs()) != 0 {
		t.Fatalf("a job without a price was added: %+v", api.Jobs())
	}
	_, _, stderr = runCLI(t, "job", "add", "--data-dir", dir, "--", "python", "train.py")
	if !strings.Contains(stderr, "say who the job is for with --client, e.g. --client acme, and say what the client pays") {
		t.Errorf("neither client nor price: %q, want both asked for at once", stderr)
	}
	code, _, stderr = runCLI(t, "job", "add", "--data-dir", dir)
	if want := "rigshift: say who the job is for, what the client pays per GPU-hour and what to run, e.g.\n" +
		"  rigshift job add --client acme --price 0.45 -- python train.py --epochs 3\n"; code != exitUsage || stderr != want {
		t.Errorf("a bare job add: exit %d, %q, want %q", code, stderr, want)
	}
	if code, out, _ := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0", "--", "python"); code != exitOK || out != "J-0001\n" {
		t.Errorf("a free job: exit %d, %q", code, out)
	}
}

// "--on-interrupt FAIL" is the same choice as "fail": the message names
// the two words, and capitals are no reason to refuse one.
func TestJobAddInterruptPolicyInCapitals(t *testing.T) {
	dir, api := serveFake(t, nil)
	code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4",
		"--on-interrupt", "FAIL", "python", "train.py")
	if code != exitOK || api.Jobs()[0].Spec.OnInterrupt != control.FailJob {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// `--max 6` was refused with Go's "invalid value "6" for flag -max: parse
// error", then with "write it with its unit", while the window's Add-job
// dialog read a bare 6 as 6 hours. Both read it as hours now, and refuse
// what they cannot read in the same words (control.ParseMaxRuntime).
func TestJobAddMaxSaysHowToWriteIt(t *testing.T) {
	dir, api := serveFake(t, nil)
	for max, want := range map[string]string{"soon": "write a duration such as 6h or 90m, or a number of hours",
		"1e308": "that is longer than RigShift can count: leave it empty for no limit"} {
		code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--max", max, "--", "python")
		if code != exitUsage || strings.Contains(stderr, "parse error") || !strings.Contains(stderr, `invalid value "`+max+`" for flag -max: `+want+"\n") {
			t.Errorf("--max %s: exit %d, %q", max, code, stderr)
		}
	}
	if len(api.Jobs()) != 0 {
		t.Errorf("jobs were added: %+v", api.Jobs())
	}
	code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--max", "6", "--", "python")
	if code != exitOK || len(api.Jobs()) != 1 || api.Jobs()[0].Spec.MaxRuntime != 6*time.Hour {
		t.Errorf("--max 6: exit %d, %q, jobs %+v", code, stderr, api.Jobs())
	}
}

// Go's flag package answers a number or duration it cannot read with
// "parse error"; every such flag says what to write instead.
func TestNumberFlagsSayWhatToWrite(t *testing.T) {
	dir := privateRuntime(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"job", "add", "--data-dir", dir, "--gpus", "two"}, `invalid value "two" for flag -gpus: write a whole number, e.g. 2`},
		{[]string{"events", "--data-dir", dir, "--limit", "all"}, `invalid value "all" for flag -limit: write a whole number, e.g. 2`},
		{[]string{"job", "logs", "J-0001", "--data-dir", dir, "-n", "x"}, `invalid value "x" for flag -n: write a whole number, e.g. 2`},
		{[]string{"gpus", "--simulate", "four"}, `invalid value "four" for flag -simulate: write a whole number, e.g. 2`},
		{[]string{"monitor", "--for", "3"}, `invalid value "3" for flag -for: write it with its unit: 3s, 3m or 3h`},
		{[]string{"monitor", "--interval", "fast"}, `invalid value "fast" for flag -interval: write a duration such as 90s, 5m or 6h`},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, c.args...)
		if code != exitUsage || strings.Contains(stderr, "parse error") || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, stderr, c.want)
		}
	}
}

// `job add … -- "python train.py | tee out"` (the command quoted as one
// word, as for ssh or su -c) was refused with "no program called python
// train.py | tee out is on the PATH: write its full path", which sends the
// owner looking for a program. It says the command is one word, how to
// write it, and that there is no shell for the pipe; a program whose own
// name has a blank still runs.
func TestJobAddCommandQuotedAsOneWord(t *testing.T) {
	dir, api := serveFake(t, nil)
	add := func(command string) (int, string) {
		code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "acme", "--price", "0.4", "--", command)
		return code, stderr
	}
	code, stderr := add("python train.py | tee out")
	if want := `rigshift: command (after --): "python train.py | tee out" is one word, and no program has that name: ` +
		`write the program and its arguments as words of their own (-- python train.py --epochs 3); RigShift runs no shell, ` +
		`so for a pipe or a redirection run one: -- sh -c 'python train.py | tee out'` + "\n"; code != exitUsage || stderr != want {
		t.Errorf("exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
	if code, stderr := add("python train.py"); code != exitUsage || !strings.Contains(stderr, `"python train.py" is one word, and no program has that name: write the program and its arguments as words of their own (-- python train.py)`) || strings.Contains(stderr, "sh -c") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if len(api.Jobs()) != 0 {
		t.Fatalf("added: %+v", api.Jobs())
	}
	prog := filepath.Join(t.TempDir(), "my trainer")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, stderr := add(prog); code != exitOK || !slices.Equal(api.Jobs()[0].Spec.Command, []string{prog}) {
		t.Errorf("a program with a blank in its name: exit %d, %q", code, stderr)
	}
}

// A job's progress in `job list --json` is named as the rest of the JSON
// is (snake_case), and a progress never reported has no "updated" time
// of year 1: scripts read these names, not Go's.
func TestJobListJSONNamesProgressLikeTheRest(t *testing.T) {
	dir, api := serveFake(t, nil)
	j := runningJob()
	j.Progress = progress.Unknown()
	api.JobList = append(api.JobList, j)
	_, out, _ := runCLI(t, "job", "list", "--json", "--data-dir", dir)
	var jobs []struct {
		Progress map[string]any `json:"progress"`
	}
	if err := json.Unmarshal([]byte(out), &jobs); err != nil || len(jobs) != 1 {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	p := jobs[0].Progress
	if p["percent"] != -1.0 || p["source"] != "" {
		t.Errorf("progress %v: want percent -1 and source \"\"", p)
	}
	for k := range p {
		if k != strings.ToLower(k) {
			t.Errorf("progress field %q is Go's name, not the JSON's", k)
		}
	}
	if _, ok := p["updated"]; ok {
		t.Errorf("a progress never reported has an updated time: %v", p["updated"])
	}
}

// `job list --json` and `status --json` are pasted into support threads,
// as the settings are: a client's tokens on a job's command line or in
// its environment are masked there, as in the job's details, its log and
// the jobs export. The rest of the command and environment stay.
func TestJobJSONMasksTheClientsSecrets(t *testing.T) {
	dir, api := serveFake(t, nil)
	api.SetMode(control.Rent)
	j := runningJob()
	j.Spec.Command = []string{"python", "train.py", "--hub_token", "hf_clientsecret123", "--epochs", "3"}
	j.Spec.Env = []string{"HF_TOKEN=hf_envsecret4567", "HF_HOME=/cache"}
	api.JobList = append(api.JobList, j)
	for _, args := range [][]string{{"job", "list", "--json"}, {"status", "--json"}} {
		code, out, stderr := runCLI(t, append(args, "--data-dir", dir)...)
		if code != exitOK {
			t.Fatalf("%q: exit %d, %s", args, code, stderr)
		}
		for _, secret := range []string{"hf_clientsecret123", "hf_envsecret4567"} {
			if strings.Contains(out, secret) {
				t.Errorf("%q shows the client's %s:\n%s", args, secret, out)
			}
		}
		for _, kept := range []string{`"--epochs"`, `"HF_HOME=/cache"`, `"HF_TOKEN=***"`} {
			if !strings.Contains(out, kept) {
				t.Errorf("%q lacks %s:\n%s", args, kept, out)
			}
		}
	}
	if got := api.JobList[len(api.JobList)-1].Spec.Env[0]; got != "HF_TOKEN=hf_envsecret4567" {
		t.Errorf("the job itself lost its token: %q", got)
	}
}

// refusingAPI refuses every job with a reason that is no field's.
type refusingAPI struct {
	*sockettest.API
	why string
}

func (a refusingAPI) AddJob(control.JobSpec) (control.Job, error) {
	return control.Job{}, errors.New(a.why)
}

// A job RigShift refuses for a reason that is no field's (it cannot save
// it: a full disk) says that the job was not added, as a field's problem
// does and as the window's dialog does: the owner read only "rigshift:
// RigShift cannot save it: …", and could wonder whether J-0001 was queued.
func TestJobAddRefusedForNoFieldSaysItWasNotAdded(t *testing.T) {
	why := "RigShift cannot save it: the disk holding /srv/rig/rigshift.db is full; add it again once RigShift can save its records"
	dir := serveAPI(t, refusingAPI{sockettest.NewAPI(2), why}, nil)
	code, _, stderr := runCLI(t, "job", "add", "--data-dir", dir, "--client", "a", "--price", "0.4", "--", "true")
	if want := "rigshift: the job was not added: " + why + "\n"; code != exitError || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}
