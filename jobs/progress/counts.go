package progress

import (
	"regexp"
	"strconv"
	"strings"
)

// Counts are the counters of a plain-text progress line, as training
// scripts without tqdm print them:
//
//	Epoch [3/10], Step [100/600], Loss: 0.2301          (the PyTorch tutorials)
//	Epoch 3/10                                           (Keras, before each epoch)
//	450/1000 [=====>....] - ETA: 37s - loss: 0.1230      (Keras 2's bar)
//	450/1000 ━━━━━━━━━━━━ 37s 12ms/step - loss: 0.1230   (Keras 3's bar)
//	1000/1000 - 12s - 12ms/step - loss: 0.1100           (Keras's verbose=2, as an epoch ends)
//	step 4500/10000 | loss 2.31
type Counts struct {
	Epoch, Epochs int64 // the epoch and how many in all; 0 when the line names none
	Step, Steps   int64 // the step and how many in all (in the epoch, when there are epochs); 0 when none
	Loss          float64
	HasLoss       bool
}

var (
	epochCount = regexp.MustCompile(`(?i)\bepoch\s*\[?\s*(\d+)\s*(?:/|of)\s*(\d+)\s*\]?`)
	stepCount  = regexp.MustCompile(`(?i)\b(?:step|iter|iteration|batch)\s*\[?\s*(\d+)\s*(?:/|of)\s*(\d+)\s*\]?`)
	kerasBar   = regexp.MustCompile(`^\s*(\d+)/(\d+)\s+(?:\[[=>.]*\]|━|- \d+s\b)`)
	lossValue  = regexp.MustCompile(`(?i)(?:^|[^a-z_])(?:train_)?loss(?:_step)?\s*[:=]?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)`)
)

// ParseCounts parses such a line. It reports false for a line that counts
// neither epochs nor steps, for counts that cannot be (a total of 0, a
// step past its total), and for a single step ("1/1").
func ParseCounts(line string) (Counts, bool) {
	if !mayCount(line) {
		return Counts{}, false
	}
	var c Counts
	epoch, hasEpoch := counter(epochCount, line)
	step, hasStep := counter(stepCount, line)
	if !hasStep {
		step, hasStep = counter(kerasBar, line)
	}
	if hasStep && step[1] == 1 {
		hasStep = false // one step in all tells nothing: Keras prints "1/1 ━━━" for every predict call
	}
	if !hasEpoch && !hasStep {
		return Counts{}, false
	}
	if hasEpoch {
		c.Epoch, c.Epochs = epoch[0], epoch[1]
	}
	if hasStep {
		c.Step, c.Steps = step[0], step[1]
	}
	if m := lossValue.FindStringSubmatch(line); m != nil {
		c.Loss, c.HasLoss = parseFinite(m[1])
	}
	return c, true
}

// mayCount is a cheap first look, for the many lines a job logs that count
// nothing: the regular expressions run only on a line that names an epoch,
// a step, an iteration or a batch, or that starts with "n/", as Keras's
// bar does.
func mayCount(line string) bool {
	t := strings.TrimLeft(line, " ")
	i := 0
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	if i > 0 && i < len(t) && t[i] == '/' {
		return true
	}
	lower := strings.ToLower(line)
	for _, w := range countWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

var countWords = []string{"epoch", "step", "iter", "batch"}

// counter finds "n/total" with re; false when it is not there or cannot be
// a count (an epoch 0 of 10 can: some scripts count from 0).
func counter(re *regexp.Regexp, line string) ([2]int64, bool) {
	m := re.FindStringSubmatch(line)
	if m == nil {
		return [2]int64{}, false
	}
	n, err1 := strconv.ParseInt(m[1], 10, 64)
	total, err2 := strconv.ParseInt(m[2], 10, 64)
	if err1 != nil || err2 != nil || total <= 0 || n > total {
		return [2]int64{}, false
	}
	return [2]int64{n, total}, true
}
