package progress

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseCounts(t *testing.T) {
	for _, c := range []struct {
		line string
		want Counts
	}{
		{"Epoch [2/5], Step [300/600], Loss: 0.2301", Counts{Epoch: 2, Epochs: 5, Step: 300, Steps: 600, Loss: 0.2301, HasLoss: true}},
		{"Epoch 3/10", Counts{Epoch: 3, Epochs: 10}},
		{" 450/1000 [============>.................] - ETA: 37s - loss: 0.1230", Counts{Step: 450, Steps: 1000, Loss: 0.123, HasLoss: true}},
		{"1000/1000 [==============================] - 12s 12ms/step - loss: 0.1100 - val_loss: 0.2000",
			Counts{Step: 1000, Steps: 1000, Loss: 0.11, HasLoss: true}},
		{"450/1000 ━━━━━━━━━━━━━━━━━━━━ 37s 12ms/step - accuracy: 0.9612 - loss: 0.1230", Counts{Step: 450, Steps: 1000, Loss: 0.123, HasLoss: true}},
		{"step 4500/10000 | train_loss 2.31 | lr 3e-4", Counts{Step: 4500, Steps: 10000, Loss: 2.31, HasLoss: true}},
		{"iter 3 of 10, val_loss=0.5", Counts{Step: 3, Steps: 10}},
		// Lightning logging the loss per step and per epoch: the step's is the latest.
		{"step 40/100 train_loss_epoch: 0.9 train_loss_step: 0.42", Counts{Step: 40, Steps: 100, Loss: 0.42, HasLoss: true}},
		{"step 40/100 train_loss_epoch: 0.9", Counts{Step: 40, Steps: 100}},
		{"epoch 0/9 batch 5/10 loss=1e-3", Counts{Epoch: 0, Epochs: 9, Step: 5, Steps: 10, Loss: 0.001, HasLoss: true}},
		// Keras's verbose=2: one line as each epoch ends (Keras 3, Keras 2).
		{"1875/1875 - 4s - 2ms/step - accuracy: 0.9500 - loss: 0.1500 - val_accuracy: 0.9600 - val_loss: 0.1300",
			Counts{Step: 1875, Steps: 1875, Loss: 0.15, HasLoss: true}},
		{"1875/1875 - 5s - loss: 0.2900 - accuracy: 0.9100 - 5s/epoch - 3ms/step", Counts{Step: 1875, Steps: 1875, Loss: 0.29, HasLoss: true}},
	} {
		got, ok := ParseCounts(c.line)
		if want := c.want != (Counts{}); ok != want || got != c.want {
			t.Errorf("ParseCounts(%q) = %+v, %v; want %+v", c.line, got, ok, c.want)
		}
	}
	for _, line := range []string{
		"Downloading shard 2/4", "Epoch 5/0", "step 11/10", "loss: 0.5", "{'loss': 2.31, 'epoch': 0.22}",
		"Stepping 3/4", "reading 99999999999999999999/99999999999999999999 steps",
		"1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 25ms/step",
	} {
		if c, ok := ParseCounts(line); ok {
			t.Errorf("ParseCounts(%q) = %+v, want no counts", line, c)
		}
	}
}

// Keras without a terminal prints a header per epoch and its last bar
// line: the job's progress runs through the epochs.
func TestTrackerCountsKerasEpochs(t *testing.T) {
	tr := NewTracker()
	tr.Line("Epoch 1/4", t0)
	tr.Line("1000/1000 [==============================] - 12s 12ms/step - loss: 0.5000 - val_loss: 0.6000", t0.Add(10*time.Second))
	p := tr.Snapshot()
	if p.Source != "output" || p.Percent != 25 || p.Epochs != 4 || p.Loss != 0.5 || p.ETA != 30*time.Second {
		t.Fatalf("after epoch 1: %+v", p)
	}
	tr.Line("Epoch 2/4", t0.Add(11*time.Second))
	tr.Line(" 500/1000 [==============>...............] - ETA: 6s - loss: 0.4000", t0.Add(15*time.Second))
	p = tr.Snapshot()
	if p.Percent != 37.5 || p.Step != 500 || p.Total != 1000 || p.Epoch != 2 {
		t.Fatalf("half-way through epoch 2: %+v", p)
	}
	if s := p.String(); s != "epoch 2/4, step 500/1000 (37.5%), ETA 25s, loss 0.4" {
		t.Errorf("String() = %q", s)
	}
	tr.Line("Epoch 3/4", t0.Add(21*time.Second))
	if p := tr.Snapshot(); p.Percent != 50 || p.HasStep || p.String() != "epoch 3/4 (50.0%), ETA 21s, loss 0.4" {
		t.Errorf("a new epoch: %+v, %q", p, p.String())
	}
}

func TestTrackerCountsPyTorchTutorialLines(t *testing.T) {
	tr := NewTracker()
	tr.Line("Epoch [0/5], Step [100/600], Loss: 0.9", t0) // counted from 0: the first epoch
	tr.Line("Epoch [1/5], Step [300/600], Loss: 0.25", t0.Add(time.Minute))
	if p := tr.Snapshot(); p.Percent != 30 || p.Epoch != 2 || p.Loss != 0.25 {
		t.Fatalf("progress = %+v", p)
	}
}

// tqdm bars and JSON reports say more than plain counters: once either has
// been seen, a stray "step 3/4" in the output changes nothing.
func TestTrackerCountsGiveWayToBarsAndReports(t *testing.T) {
	tr := NewTracker()
	tr.Line(" 40%|████      | 200/500 [00:40<01:00,  5.00it/s]", t0)
	tr.Line("step 3/4", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Source != "tqdm" || p.Percent != 40 {
		t.Errorf("after a bar: %+v", p)
	}
	// A finished bar (the dataset's preparation) leaves the progress to
	// the counters of the fit that follows.
	tr = NewTracker()
	tr.Line("Map: 100%|██████████| 5000/5000 [00:01<00:00, 4000.00 examples/s]", t0)
	tr.Line("Epoch 2/4", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Source != "output" || p.Percent != 25 {
		t.Errorf("after a finished bar: %+v", p)
	}
	tr = NewTracker()
	tr.JSON([]byte(`{"step": 10, "total": 100}`), t0)
	tr.Line("Epoch 3/4", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Source != "jsonl" || p.Percent != 10 || p.Epochs != 0 {
		t.Errorf("after a report: %+v", p)
	}
}

// A script that trains again (another fold, a second stage) starts its
// counts over: the ETA follows the pace of the new run, not the average
// since the first run's first line.
func TestTrackerCountsETAAfterARunStartsOver(t *testing.T) {
	tr := NewTracker()
	tr.Line("step 1000/10000", t0)
	tr.Line("step 10000/10000", t0.Add(90*time.Second))
	tr.Line("step 1000/10000", t0.Add(100*time.Second)) // the second run
	tr.Line("step 5500/10000", t0.Add(145*time.Second))
	if p := tr.Snapshot(); math.Abs(p.Percent-55) > 1e-9 || p.ETA.Round(time.Second) != 45*time.Second {
		t.Errorf("45%% in 45 s since the second run began: %+v, want 55%% and ETA 45s", p)
	}
}

// A validation loop inside training counts its own batches: the job's
// progress stays with the training steps, and the validation's loss is
// not the training loss.
func TestTrackerCountsIgnoreAValidationLoop(t *testing.T) {
	tr := NewTracker()
	tr.Line("Epoch [1/5], Step [600/600], Loss: 0.2", t0)
	tr.Line("Validation batch 3/10, loss: 0.9", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Percent != 20 || p.Step != 600 || p.Total != 600 || p.Loss != 0.2 {
		t.Errorf("validating after epoch 1 of 5: %+v, want 20%% at step 600/600, loss 0.2", p)
	}
	tr.Line("Epoch [2/5], Step [300/600], Loss: 0.1", t0.Add(2*time.Second))
	if p := tr.Snapshot(); p.Percent != 30 || p.Step != 300 {
		t.Errorf("half-way through epoch 2: %+v", p)
	}
	tr = NewTracker() // without epochs
	tr.Line("step 4500/10000 | loss 2.31", t0)
	tr.Line("eval batch 3/10 | loss 3.5", t0.Add(time.Second))
	if p := tr.Snapshot(); p.Percent != 45 || p.Total != 10000 || p.Loss != 2.31 {
		t.Errorf("evaluating at step 4500/10000: %+v", p)
	}
	tr.Line("step 10000/10000 | loss 1.9", t0.Add(2*time.Second))
	tr.Line("step 5/50 | loss 1.2", t0.Add(3*time.Second)) // a second stage, after the first finished
	if p := tr.Snapshot(); p.Percent != 10 || p.Total != 50 {
		t.Errorf("a second stage: %+v", p)
	}
}

// A loop that prints "Epoch 2/4" and runs a tqdm bar over each epoch's
// batches: the bar counts the epoch's steps, and the job's progress runs
// through the epochs, not from 0 to 100 % in each.
func TestTrackerCountsEpochsAroundTqdmBars(t *testing.T) {
	tr := NewTracker()
	tr.Line("Epoch 1/4", t0)
	tr.Line(" 50%|█████     | 500/1000 [00:10<00:10, 50.00it/s]", t0.Add(10*time.Second))
	if p := tr.Snapshot(); p.Percent != 12.5 || p.Epoch != 1 || p.Step != 500 {
		t.Errorf("half-way through epoch 1 of 4: %+v", p)
	}
	tr.Line("100%|██████████| 1000/1000 [00:20<00:00, 50.00it/s]", t0.Add(20*time.Second))
	tr.Line("Epoch 2/4", t0.Add(20*time.Second))
	tr.Line(" 50%|█████     | 500/1000 [00:10<00:10, 50.00it/s]", t0.Add(30*time.Second))
	if p := tr.Snapshot(); p.Percent != 37.5 || p.Epoch != 2 || p.ETA.Round(time.Second) != 50*time.Second {
		t.Errorf("half-way through epoch 2 of 4: %+v, want 37.5%% and ETA 50s", p)
	}
	// A bar closed with leave=False is not seen full: the next epoch's
	// header still counts.
	tr = NewTracker()
	tr.Line("Epoch 1/4", t0)
	tr.Line(" 98%|█████████▊| 980/1000 [00:19<00:00, 50.00it/s]", t0.Add(19*time.Second))
	tr.Line("Epoch 2/4", t0.Add(20*time.Second))
	tr.Line(" 50%|█████     | 500/1000 [00:10<00:10, 50.00it/s]", t0.Add(30*time.Second))
	if p := tr.Snapshot(); p.Percent != 37.5 || p.Epoch != 2 {
		t.Errorf("epoch 2 after a bar left unfinished: %+v", p)
	}
}

// Keras prints a bar for every model.predict call, "1/1 ━━━…" for one
// batch: a job that predicts in a loop (a game's agent, a custom loop) is
// not 100 % done, nor is its epoch.
func TestTrackerCountsIgnoreAOneStepBar(t *testing.T) {
	tr := NewTracker()
	tr.Line("1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 25ms/step", t0)
	if p := tr.Snapshot(); p.Source != "" || p.Percent != -1 {
		t.Errorf("after a predict's bar: %+v", p)
	}
	tr.Line("Epoch 1/4", t0.Add(time.Second))
	tr.Line(" 500/1000 [==============>...............] - ETA: 6s - loss: 0.4000", t0.Add(2*time.Second))
	tr.Line("1/1 ━━━━━━━━━━━━━━━━━━━━ 0s 25ms/step", t0.Add(3*time.Second)) // a callback predicts
	if p := tr.Snapshot(); p.Percent != 12.5 || p.Step != 500 {
		t.Errorf("a predict inside epoch 1 of 4: %+v", p)
	}
}

// A script that prints its steps and then a line as each epoch ends
// ("Epoch 1/5 done, loss 0.5") names the epoch just finished, not the
// one starting: the job's progress must not run an epoch behind.
func TestTrackerCountsEpochSummaries(t *testing.T) {
	tr := NewTracker()
	at := t0
	for epoch := 1; epoch <= 3; epoch++ {
		tr.Line("step 300/600 | loss 0.9", at)
		if p := tr.Snapshot(); epoch > 1 && (p.Epoch != float64(epoch) || p.Percent != 100*(float64(epoch)-0.5)/3) {
			t.Fatalf("half-way through epoch %d of 3: %+v", epoch, p)
		}
		tr.Line("step 600/600 | loss 0.5", at.Add(time.Minute))
		tr.Line(fmt.Sprintf("Epoch %d/3 done, loss 0.5", epoch), at.Add(time.Minute))
		if p := tr.Snapshot(); p.Percent != 100*float64(epoch)/3 {
			t.Fatalf("after epoch %d of 3 ended: %+v", epoch, p)
		}
		at = at.Add(2 * time.Minute)
	}
}

// A bar per epoch whose description counts the epochs ("Epoch 2/3", as
// tqdm(desc=f"Epoch {e+1}/{epochs}") prints it; seen on a real job): the
// job's progress runs through all the epochs, never back to 0 % as each
// epoch's bar starts over, and the ETA counts the epochs still to come.
func TestTrackerEpochBarsCountTheEpochs(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("Epoch 1/3:  67%|██████▋   | 100/150 [00:09<00:04, 11.26it/s, loss=0.3]", at(9))
	tr.Line("Epoch 1/3: 100%|██████████| 150/150 [00:13<00:00, 11.26it/s, loss=0.2]", at(13))
	tr.Line("Epoch 2/3:  20%|██        | 30/150 [00:02<00:10, 11.06it/s, loss=0.1]", at(16))
	p := tr.Snapshot()
	if p.Epoch != 2 || p.Epochs != 3 || p.Step != 30 || p.Total != 150 {
		t.Fatalf("progress = %+v", p)
	}
	if want := 100 * (1 + 30.0/150) / 3; math.Abs(p.Percent-want) > 0.01 {
		t.Fatalf("percent = %.2f, want %.2f (through the epochs)", p.Percent, want)
	}
	// 40 % in 16 s: 24 s to go, not the 10 s left of this epoch's bar.
	if p.ETA < 20*time.Second || p.ETA > 28*time.Second {
		t.Fatalf("ETA = %v, want about 24s", p.ETA)
	}
	if s := p.String(); !strings.Contains(s, "epoch 2/3") {
		t.Fatalf("String() = %q, want it to name the epoch", s)
	}
	tr.Line("Epoch 3/3: 100%|██████████| 150/150 [00:13<00:00, 11.05it/s, loss=0.0]", at(40))
	if p := tr.Snapshot(); p.Percent != 100 || p.Epoch != 3 {
		t.Fatalf("at the end: %+v", p)
	}
}

// Keras with verbose=2 (what its documentation advises for a job that is
// not watched in a terminal) prints "Epoch 2/3" and, as the epoch ends,
// one line with its steps: after it the epoch is done, and after the last
// one the job is at 100 %, not an epoch short.
func TestTrackerCountsKerasVerbose2(t *testing.T) {
	tr := NewTracker()
	for e := 1; e <= 3; e++ {
		at := t0.Add(time.Duration(e) * time.Minute)
		tr.Line(fmt.Sprintf("Epoch %d/3", e), at)
		tr.Line("1875/1875 - 55s - 29ms/step - accuracy: 0.9500 - loss: 0.1500 - val_accuracy: 0.9600 - val_loss: 0.1300", at.Add(55*time.Second))
		if p := tr.Snapshot(); math.Abs(p.Percent-100*float64(e)/3) > 1e-9 || p.Loss != 0.15 {
			t.Fatalf("after epoch %d of 3: %+v", e, p)
		}
	}
}

// Ultralytics YOLO (with tqdm) puts the epoch in the first column of its
// bar's description, one bar per epoch, and validates with a bar of its
// own after each: the job's progress runs through the epochs (100 by
// default), not from 0 to 100 % in each, and the validation's bar is not
// the job's progress.
func TestTrackerYOLOEpochs(t *testing.T) {
	tr := NewTracker()
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tr.Line("      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size", at(0))
	tr.Line("      1/100      3.21G      1.301      2.412      1.502         32        640:  10%|█         | 5/50 [00:01<00:09,  4.95it/s]", at(1))
	tr.Line("      1/100      3.21G      1.234      2.345      1.456         29        640:  50%|█████     | 25/50 [00:05<00:05,  4.95it/s]", at(5))
	if p := tr.Snapshot(); p.Epochs != 100 || p.Epoch != 1 || math.Abs(p.Percent-0.5) > 1e-9 {
		t.Fatalf("half-way through epoch 1 of 100: %+v", p)
	}
	tr.Line("      1/100      3.21G      1.234      2.345      1.456         32        640: 100%|██████████| 50/50 [00:10<00:00,  4.95it/s]", at(10))
	tr.Line("                 Class     Images  Instances      Box(P          R      mAP50  mAP50-95):  50%|█████     | 2/4 [00:01<00:01,  2.00it/s]", at(11))
	if p := tr.Snapshot(); p.Percent != 1 || p.Step != 50 {
		t.Fatalf("validating after epoch 1 of 100: %+v", p)
	}
	tr.Line("                   all        128        929      0.654      0.558      0.621      0.456", at(12))
	tr.Line("      2/100      3.21G      1.134      2.245      1.356         32        640:  50%|█████     | 25/50 [00:05<00:05,  4.95it/s]", at(17))
	if p := tr.Snapshot(); p.Epoch != 2 || math.Abs(p.Percent-1.5) > 1e-9 {
		t.Fatalf("half-way through epoch 2 of 100: %+v", p)
	}
}
