//go:build linux

package jobs

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// fakeTrainer prints what a Hugging Face training script prints: its GPU
// environment, a tqdm bar redrawn with '\r' on stderr, Trainer dict lines
// on stdout, and — unless FAKE_NO_JSONL — JSON progress lines to the file
// named in RIGSHIFT_PROGRESS. FAKE_STEPS steps of FAKE_STEP_DELAY each,
// then exit with FAKE_EXIT_CODE (0). With FAKE_HANG_AFTER=n it hangs after
// drawing step n, as a job whose next step takes hours.
func fakeTrainer() int {
	fmt.Printf("CUDA_VISIBLE_DEVICES=%s PYTHONUNBUFFERED=%s %s=%s\n", os.Getenv("CUDA_VISIBLE_DEVICES"), os.Getenv("PYTHONUNBUFFERED"),
		InstanceEnv, os.Getenv(InstanceEnv))
	steps, delay := envInt("FAKE_STEPS", 20), envDur("FAKE_STEP_DELAY", 2*time.Millisecond)
	var jsonl *os.File
	if path := os.Getenv("RIGSHIFT_PROGRESS"); path != "" && os.Getenv("FAKE_NO_JSONL") == "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "progress file:", err)
			return 70
		}
		jsonl = f
		defer f.Close()
	}
	fmt.Fprintf(os.Stderr, "  0%%|          | 0/%d [00:00<?, ?it/s]", steps)
	for i := 1; i <= steps; i++ {
		time.Sleep(delay)
		loss := 2.5 - 2*float64(i)/float64(steps)
		fmt.Fprintf(os.Stderr, "\r%3d%%|%-10s| %d/%d [00:%02d<00:%02d,  %.2fit/s, loss=%.4f]",
			100*i/steps, strings.Repeat("█", 10*i/steps), i, steps, i%60, (steps-i)%60, 12.5, loss)
		if i%5 == 0 {
			fmt.Printf("{'loss': %.4f, 'grad_norm': 1.2, 'learning_rate': 1.8e-05, 'epoch': %.2f}\n", loss, 3*float64(i)/float64(steps))
		}
		if i == envInt("FAKE_HANG_AFTER", -1) {
			time.Sleep(time.Minute)
		}
		if jsonl != nil {
			fmt.Fprintf(jsonl, `{"step": %d, "total": %d, "loss": %.4f}`+"\n", i, steps, loss)
		}
	}
	fmt.Fprintln(os.Stderr)
	fmt.Printf("{'train_runtime': %.4f, 'train_samples_per_second': 9.8, 'train_steps_per_second': 1.2, 'train_loss': 1.5, 'epoch': 3.0}\n", float64(steps)*delay.Seconds())
	if jsonl != nil {
		fmt.Fprintln(jsonl, `{"done": true, "message": "model saved"}`)
	}
	return envInt("FAKE_EXIT_CODE", 0)
}
