package control

import (
	"strings"
	"testing"
	"time"
)

// The "job finished" notification reads as a sentence: the client, how
// long, on how many GPUs (in words, singular or plural), what it earned.
func TestJobFinishedNoticeWording(t *testing.T) {
	c := &Controller{}
	for _, tc := range []struct {
		gpus []string
		want string
	}{
		{[]string{"GPU-a"}, "acme's job finished: 2 h 00 min on 1 GPU, 2.00 GPU-hours, earned 0.90 USD."},
		{[]string{"GPU-a", "GPU-b"}, "acme's job finished: 2 h 00 min on 2 GPUs, 4.00 GPU-hours, earned 1.80 USD."},
	} {
		n := float64(len(tc.gpus))
		j := &job{spec: JobSpec{Client: "acme"}, view: Job{ID: "J-0001", State: JobSucceeded, GPUs: tc.gpus,
			Running: 2 * time.Hour, GPUHours: 2 * n, Earned: 0.9 * n, Currency: "USD"}}
		got := c.jobNotice(j)
		if got.Kind != NoticeJobDone || got.Title != "Job J-0001 finished" || got.Body != tc.want {
			t.Errorf("notice %q / %q, want %q", got.Title, got.Body, tc.want)
		}
		if strings.Contains(got.Body, "(s)") {
			t.Errorf("notice %q hedges its plural", got.Body)
		}
	}
}
