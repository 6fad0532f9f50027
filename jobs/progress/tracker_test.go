package progress

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)

func TestTrackerFollowsTrainingBar(t *testing.T) {
	tr := NewTracker()
	if p := tr.Snapshot(); p.Percent != -1 || p.ETA != -1 || p.Source != "" {
		t.Fatalf("initial = %+v", p)
	}
	feed := []string{
		"Map: 100%|██████████| 5000/5000 [00:01<00:00, 4000.00 examples/s]",
		"  0%|          | 0/500 [00:00<?, ?it/s]",
		" 10%|█         | 50/500 [00:10<01:30,  5.00it/s]",
		"{'loss': 2.31, 'learning_rate': 1.8e-05, 'epoch': 0.22}",
		" 40%|████      | 200/500 [00:40<01:00,  5.00it/s]",
		" 50%|█████     | 25/50 [00:01<00:01, 25.00it/s]", // evaluation bar: ignored
		" 42%|████▏     | 210/500 [00:42<?,  5.00it/s]",
	}
	for i, l := range feed {
		tr.Line(l, t0.Add(time.Duration(i)*time.Second))
	}
	p := tr.Snapshot()
	if p.Source != "tqdm" || p.Step != 210 || p.Total != 500 || p.Percent != 42 || p.Rate != 5 || p.ETA != 58*time.Second {
		t.Fatalf("progress = %+v", p)
	}
	if !p.HasLoss || p.Loss != 2.31 || p.Epoch != 0.22 {
		t.Fatalf("loss/epoch = %+v", p)
	}
	tr.Line("{'train_runtime': 100.5, 'train_loss': 1.9, 'epoch': 3.0}", t0.Add(time.Minute))
	p = tr.Snapshot()
	if !p.Done || p.Runtime != 100500*time.Millisecond || p.Percent != 100 || p.Step != 500 || p.ETA != 0 || p.Loss != 1.9 {
		t.Fatalf("after train_runtime = %+v", p)
	}
	tr.Line(" 10%|█         | 5/50 [00:01<00:09, 5.00it/s]", t0.Add(2*time.Minute))
	if p2 := tr.Snapshot(); p2.Step != 500 {
		t.Fatalf("bar after Done moved progress: %+v", p2)
	}
}

func TestTrackerNoTotal(t *testing.T) {
	tr := NewTracker()
	tr.Line("450it [00:30, 14.8it/s, loss=0.5]", t0)
	p := tr.Snapshot()
	if p.Step != 450 || p.Total != 0 || p.Percent != -1 || p.ETA != -1 || p.Loss != 0.5 {
		t.Fatalf("progress = %+v", p)
	}
}

func TestTrackerJSONWins(t *testing.T) {
	tr := NewTracker()
	tr.Line(" 10%|█         | 50/500 [00:10<01:30,  5.00it/s, loss=9]", t0)
	tr.JSON([]byte(`{"step": 100, "total": 1000, "loss": 0.5}`), t0)
	tr.JSON([]byte(`{"step": 300, "total": 1000}`), t0.Add(10*time.Second))
	tr.Line(" 90%|█████████ | 450/500 [00:10<01:30,  5.00it/s, loss=7]", t0.Add(11*time.Second))
	p := tr.Snapshot()
	if p.Source != "jsonl" || p.Step != 300 || p.Total != 1000 || p.Percent != 30 || p.Rate != 20 || p.ETA != 35*time.Second || p.Loss != 0.5 {
		t.Fatalf("progress = %+v", p)
	}
	tr.JSON([]byte(`{"percent": 99, "eta_seconds": 3, "message": "saving"}`), t0.Add(12*time.Second))
	p = tr.Snapshot()
	if p.Percent != 99 || p.ETA != 3*time.Second || p.Message != "saving" {
		t.Fatalf("progress = %+v", p)
	}
	tr.JSON([]byte(`{"done": true}`), t0.Add(13*time.Second))
	if p = tr.Snapshot(); !p.Done || p.Percent != 100 || p.Step != 1000 {
		t.Fatalf("progress = %+v", p)
	}
	if s := p.String(); s != "step 1000/1000 (100.0%), ETA 0s, loss 0.5, done" {
		t.Fatalf("String = %q", s)
	}
}

func TestFollow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.jsonl")
	var mu sync.Mutex
	var got []string
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		Follow(ctx, path, 5*time.Millisecond, func(b []byte) {
			mu.Lock()
			got = append(got, string(b))
			mu.Unlock()
		})
	}()
	time.Sleep(20 * time.Millisecond) // the file does not exist yet
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"step": 1}` + "\n" + `{"step": 2`)
	time.Sleep(30 * time.Millisecond)
	f.WriteString(`}` + "\n")
	f.Write(append(make([]byte, maxReportLine+10), '\n')) // over-long: skipped
	f.WriteString(`{"step": 3}` + "\n")
	f.Close()
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	want := []string{`{"step": 1}`, `{"step": 2}`, `{"step": 3}`}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

// A dict the job prints that is not the Trainer's log (no loss, epoch or
// runtime) is not progress: the owner would read "step 0".
func TestTrackerIgnoresOtherDicts(t *testing.T) {
	tr := NewTracker()
	now := time.Now()
	tr.Line(`{"step": 5, "total": 100}`, now)
	tr.Line(`{'lr': 0.001, 'batch': 32}`, now)
	if p := tr.Snapshot(); p.Source != "" || p.String() != "no progress reported" {
		t.Errorf("progress %+v reads %q", p, p.String())
	}
	tr.Line(`{'loss': 1.5, 'epoch': 0.2}`, now)
	if p := tr.Snapshot(); p.Source != "trainer" || !p.HasLoss {
		t.Errorf("a Trainer line after them: %+v", p)
	}
}

// A Hugging Face job downloads its model first (a byte bar that ends full),
// then trains; a training bar without a total (a streaming dataset,
// Lightning without a length) must still take over from the full bar.
func TestTrackerNoTotalBarAfterFullBar(t *testing.T) {
	tr := NewTracker()
	tr.Line("model.safetensors: 100%|██████████| 1.34G/1.34G [00:25<00:00, 53.2MB/s]", t0)
	tr.Line("Training: 12it [00:10,  1.20s/it, v_num=0, train_loss=0.5]", t0.Add(time.Minute))
	tr.Line("Training: 450it [06:00,  1.20s/it, v_num=0, train_loss=0.4]", t0.Add(7*time.Minute))
	p := tr.Snapshot()
	if p.Step != 450 || p.Total != 0 || p.Percent != -1 || p.ETA != -1 || p.Loss != 0.4 {
		t.Fatalf("progress = %+v (%s)", p, p)
	}
}

// A preprocessing bar with leave=False is cleared at its close without a
// last full redraw, so it last read 99 %; the training bar after it must
// take over once that bar has stayed silent.
func TestTrackerSilentMainBarHandsOver(t *testing.T) {
	tr := NewTracker()
	tr.Line("Tokenizing:  99%|█████████▉| 49800/50000 [00:10<00:00, 4980.00it/s]", t0)
	tr.Line("Epoch 0:  10%|█         | 50/500 [00:10<01:30,  5.00it/s, loss=2.1]", t0.Add(time.Minute))
	tr.Line("Epoch 0:  40%|████      | 200/500 [00:40<01:00,  5.00it/s, loss=1.5]", t0.Add(2*time.Minute))
	if p := tr.Snapshot(); p.Step != 200 || p.Total != 500 || p.Percent != 40 {
		t.Fatalf("progress = %+v (%s)", p, p)
	}
}

// The training bar is silent while an evaluation runs (the Trainer's
// evaluation often takes minutes), and for a whole step when steps are slow
// (vLLM's generation bar prints within each step of a GRPO run): a bar short
// of its end keeps its place however long it is silent.
func TestTrackerSilentBarShortOfItsEndKeepsItsPlace(t *testing.T) {
	tests := []struct{ main, other string }{
		{" 40%|████      | 400/1000 [03:20<05:00,  2.00it/s]", " 50%|█████     | 90/180 [00:45<00:45,  2.00it/s]"},
		{"  0%|          | 2/500 [01:20<5:32:00, 40.00s/it]", "Processed prompts:  50%|█████     | 32/64 [01:00<01:00,  1.88s/it]"},
	}
	for _, tt := range tests {
		main, _ := ParseTqdm(tt.main)
		tr := NewTracker()
		tr.Line(tt.main, t0)
		for i := 1; i <= 30; i++ { // 15 minutes
			tr.Line(tt.other, t0.Add(time.Duration(i)*30*time.Second))
		}
		if p := tr.Snapshot(); p.Step != int64(main.N) || p.Total != int64(main.Total) {
			t.Errorf("%q silent for 15 min: progress = %s", tt.main, p)
		}
	}
}

// Lightning over an iterable dataset: the training bar has no total
// ("450/?"), its validation bar has one, and must not show in its place
// while the training bar is only paused.
func TestTrackerValidationBarDoesNotReplaceANoTotalTrainingBar(t *testing.T) {
	tr := NewTracker()
	tr.Line("Epoch 0: |          | 450/? [00:30<00:00, 14.80it/s, v_num=0, train_loss=0.5]", t0)
	tr.Line("Validation DataLoader 0:  45%|████▌     | 45/100 [00:01<00:01, 40.00it/s]", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Total != 0 || p.Step != 450 || p.Percent != -1 {
		t.Fatalf("during validation the job reads %q", p)
	}
	// A long validation (over mainSilence) is still a pause of training.
	tr.Line("Validation DataLoader 0:  90%|█████████ | 90/100 [00:40<00:04, 2.00it/s]", t0.Add(mainSilence+10*time.Second))
	if p := tr.Snapshot(); p.Total != 0 || p.Step != 450 {
		t.Fatalf("during a long validation the job reads %q", p)
	}
	// A counter without a total that stopped (a loading loop) gives way
	// to the training bar once it has been silent.
	tr.Line("Epoch 0:  10%|█         | 50/500 [00:10<01:30,  5.00it/s]", t0.Add(mainSilence+2*time.Second))
	if p := tr.Snapshot(); p.Total != 500 || p.Step != 50 {
		t.Errorf("after the silence the job reads %q", p)
	}
}

// A job may use the progress file only for a status message or its loss;
// such reports say nothing of how far it got, so its tqdm bar still does.
func TestTrackerJSONWithoutProgressKeepsBars(t *testing.T) {
	tr := NewTracker()
	tr.JSON([]byte(`{"message": "loading model"}`), t0)

	tr.JSON([]byte(`{"loss": 0.5}`), t0.Add(time.Second))
	tr.Line("Epoch 0:  40%|████      | 200/500 [00:40<01:00,  5.00it/s, loss=1.5]", t0.Add(time.Minute))
	p := tr.Snapshot()
	if p.Source != "tqdm" || p.Step != 200 || p.Percent != 40 || p.ETA != time.Minute || p.Loss != 0.5 || p.Message != "loading model" {
		t.Fatalf("progress = %+v (%s)", p, p)
	}
}

// A Trainer run with disable_tqdm (non-interactive logging) prints only its
// log dicts, and a progress file may hold only a percentage: no step is
// reported, so none is shown.
func TestProgressStringWithoutStep(t *testing.T) {
	tests := []struct{ line, report, want string }{
		{line: "{'loss': 2.31, 'grad_norm': 1.05, 'learning_rate': 1.8e-05, 'epoch': 2.22}", want: "epoch 2.22, loss 2.31"},
		{line: "{'loss': 2.31}", want: "loss 2.31"},
		{report: `{"percent": 45, "eta_seconds": 60}`, want: "45.0%, ETA 1m0s"},
		{report: `{"message": "loading model"}`, want: "no progress reported"},
	}
	for _, tt := range tests {
		tr := NewTracker()
		tr.Line(tt.line, t0)
		tr.JSON([]byte(tt.report), t0)
		if got := tr.Snapshot().String(); got != tt.want {
			t.Errorf("after %s%s: String() = %q, want %q", tt.line, tt.report, got, tt.want)
		}
	}
}

// Lightning's default TQDMProgressBar, as a fit prints it: the sanity
// check and each validation open a bar without a total first ("Sanity
// Checking: |  | 0/?", "Validation: |  | 0/?"), and the training bar reads
// "Training: |  | 0/?" before the first epoch names it. None of these may
// hold the job's progress at "step 0" while the epoch's bar runs, and a
// validation after an epoch's bar is full is not the job's progress.
func TestTrackerLightningFit(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("Sanity Checking: |          | 0/? [00:00<?, ?it/s]", at(0))
	tr.Line("Sanity Checking DataLoader 0:   0%|          | 0/2 [00:00<?, ?it/s]", at(0))
	tr.Line("Sanity Checking DataLoader 0: 100%|██████████| 2/2 [00:00<00:00,  6.94it/s]", at(1))
	tr.Line("Training: |          | 0/? [00:00<?, ?it/s]", at(1))
	tr.Line("Epoch 0:   0%|          | 0/100 [00:00<?, ?it/s]", at(1))
	tr.Line("Epoch 0:  10%|█         | 10/100 [00:10<01:30,  1.00it/s, v_num=0]", at(11))
	if p := tr.Snapshot(); p.Step != 10 || p.Total != 100 || p.Percent != 10 {
		t.Fatalf("10 s into epoch 0 the job reads %q", p)
	}
	tr.Line("Epoch 0: 100%|██████████| 100/100 [01:40<00:00,  1.00it/s, v_num=0]", at(101))
	tr.Line("Validation: |          | 0/? [00:00<?, ?it/s]", at(101))
	tr.Line("Validation:   0%|          | 0/20 [00:00<?, ?it/s]", at(101))
	tr.Line("Validation DataLoader 0:   0%|          | 0/20 [00:00<?, ?it/s]", at(101))
	tr.Line("Validation DataLoader 0:  50%|█████     | 10/20 [00:05<00:05,  2.00it/s]", at(106))
	if p := tr.Snapshot(); p.Step != 100 || p.Total != 100 || p.Percent != 100 {
		t.Fatalf("validating after epoch 0 the job reads %q", p)
	}
	tr.Line("Validation DataLoader 0: 100%|██████████| 20/20 [00:10<00:00,  2.00it/s]", at(111))
	tr.Line("Epoch 0: 100%|██████████| 100/100 [01:50<00:00,  0.91it/s, v_num=0, val_loss=0.300]", at(111))
	tr.Line("Epoch 1:   0%|          | 0/100 [00:00<?, ?it/s, v_num=0, val_loss=0.300]", at(111))
	tr.Line("Epoch 1:  10%|█         | 10/100 [00:10<01:30,  1.00it/s, v_num=0, val_loss=0.300]", at(121))
	if p := tr.Snapshot(); p.Step != 10 || p.Total != 100 || p.Percent != 10 {
		t.Fatalf("10 s into epoch 1 the job reads %q", p)
	}
	// trainer.test() after the fit: the last epoch's bar stays.
	tr.Line("Epoch 1: 100%|██████████| 100/100 [01:40<00:00,  1.00it/s, v_num=0, val_loss=0.250]", at(211))
	tr.Line("Testing: |          | 0/? [00:00<?, ?it/s]", at(230))
	tr.Line("Testing DataLoader 0:  50%|█████     | 10/20 [00:05<00:05,  2.00it/s]", at(235))
	if p := tr.Snapshot(); p.Step != 100 || p.Total != 100 || p.Percent != 100 {
		t.Fatalf("testing after the fit the job reads %q", p)
	}
}

// The Trainer evaluates at the end of its last epoch (eval_strategy
// "epoch"), after its training bar is full and before its train_runtime
// log: the evaluation's bar, without a description as the training bar,
// is not the job's progress however long it runs, and the finished job
// reads the training's steps, not the evaluation's. A plain loop's
// tqdm(val_loader) after its epoch's tqdm(train_loader) is the same.
func TestTrackerEvaluationAfterAFullTrainingBar(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line(" 99%|█████████▉| 990/1000 [03:18<00:02,  5.00it/s]", at(198))
	tr.Line("100%|██████████| 1000/1000 [03:20<00:00,  5.00it/s]", at(200))
	tr.Line("  0%|          | 0/63 [00:00<?, ?it/s]", at(200))
	tr.Line(" 51%|█████     | 32/63 [00:40<00:38,  0.80it/s]", at(240))
	if p := tr.Snapshot(); p.Step != 1000 || p.Total != 1000 || p.Percent != 100 {
		t.Fatalf("during the final evaluation the job reads %q", p)
	}
	tr.Line("{'eval_loss': 0.5, 'eval_runtime': 79.1, 'eval_samples_per_second': 6.3, 'eval_steps_per_second': 0.8, 'epoch': 3.0}", at(280))
	tr.Line("{'train_runtime': 280.5, 'train_samples_per_second': 9.8, 'train_steps_per_second': 3.6, 'train_loss': 1.9, 'epoch': 3.0}", at(280))
	if p := tr.Snapshot(); !p.Done || p.Step != 1000 || p.Total != 1000 {
		t.Fatalf("finished, the job reads %q", p)
	}

	tr = NewTracker() // a loop of its own: torchvision's download, then epochs with a validation
	tr.Line("100%|██████████| 170M/170M [00:05<00:00, 33.1MB/s]", at(0))
	tr.Line(" 50%|█████     | 391/782 [00:20<00:20, 19.55it/s]", at(25))
	if p := tr.Snapshot(); p.Step != 391 || p.Total != 782 {
		t.Fatalf("training after the download reads %q", p)
	}
	tr.Line("100%|██████████| 782/782 [00:40<00:00, 19.55it/s]", at(45))
	tr.Line(" 50%|█████     | 79/157 [00:02<00:02, 39.50it/s]", at(47))
	if p := tr.Snapshot(); p.Step != 782 || p.Total != 782 {
		t.Fatalf("validating after epoch 1 the job reads %q", p)
	}
	tr.Line(" 10%|█         | 78/782 [00:04<00:36, 19.55it/s]", at(53))
	if p := tr.Snapshot(); p.Step != 78 || p.Total != 782 {
		t.Fatalf("epoch 2 reads %q", p)
	}
}

// A loop that puts its loss in its bar's description
// (pbar.set_description(f"loss {loss:.3f}"), YOLO's loss columns) names
// the bar anew at every step: it is still the same bar, and the job's
// progress follows it rather than stopping at its first reading.
func TestTrackerBarWhoseDescriptionChanges(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("loss 2.345:  10%|█         | 100/1000 [00:10<01:30, 10.00it/s]", at(10))
	tr.Line("loss 2.301:  20%|██        | 200/1000 [00:20<01:20, 10.00it/s]", at(20))
	tr.Line("loss 2.250:  30%|███       | 300/1000 [00:30<01:10, 10.00it/s]", at(30))
	if p := tr.Snapshot(); p.Step != 300 || p.Percent != 30 || p.ETA != 70*time.Second {
		t.Fatalf("the job reads %q", p)
	}
}

// A loop that prepares its data with a bar of its own without a
// description (for path in tqdm(paths)), then trains with another
// (tqdm(train_loader)): the training bar is smaller and counts the same
// units, as an evaluation after a full training bar does, but it goes on
// longer than the preparation did, which an evaluation does not. It takes
// over, rather than the job reading the preparation's 100 % all its run.
func TestTrackerTrainingAfterAPreparationBarWithoutDescription(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("100%|██████████| 50000/50000 [00:12<00:00, 4166.67it/s]", at(12))
	tr.Line("  1%|          | 8/782 [00:02<03:13,  4.00it/s]", at(15))
	tr.Line(" 10%|█         | 78/782 [00:20<03:00,  3.90it/s]", at(33))
	tr.Line(" 20%|██        | 156/782 [00:40<02:40,  3.90it/s]", at(53))
	if p := tr.Snapshot(); p.Step != 156 || p.Total != 782 || p.Percent != 156.0/782*100 {
		t.Fatalf("training after the data's preparation reads %q", p)
	}
}

// A message with a right-to-left override (U+202E) made the rest of its
// line in the job's details read backwards: the override is dropped, as
// control characters are.
func TestMessageLosesRightToLeftOverrides(t *testing.T) {
	if m := shortText("epoch 3\u202e ,sseccus", 80); m != "epoch 3 ,sseccus" {
		t.Errorf("a right-to-left override kept in a message: %q", m)
	}
}
