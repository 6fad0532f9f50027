package jobs

import (
	"strings"
	"testing"
)

// A training job sees its GPUs by UUID, or, for a card whose UUID NVML
// could not read, by position in PCI bus order with CUDA told to count
// that way; a job given every GPU keeps what its own environment says.
// RigShift's choice comes after the job's environment, so it wins.
func TestTrainingEnvironmentNamesItsGPUs(t *testing.T) {
	for _, c := range []struct {
		w              Workload
		visible, order string
	}{
		{Workload{GPUs: []string{"GPU-aaaa", "GPU-bbbb"}}, "GPU-aaaa,GPU-bbbb", "FASTEST_FIRST"},
		{Workload{GPUs: []string{"GPU-unknown-index-2"}, CUDADevices: []string{"2"}}, "2", "PCI_BUS_ID"},
		{Workload{}, "0", "FASTEST_FIRST"},
	} {
		c.w.Kind = Training
		c.w.Env = []string{"CUDA_VISIBLE_DEVICES=0", "CUDA_DEVICE_ORDER=FASTEST_FIRST"}
		env := (&run{w: c.w}).environment()
		if got := effective(env, "CUDA_VISIBLE_DEVICES"); got != c.visible {
			t.Errorf("%q: CUDA_VISIBLE_DEVICES=%s, want %s", c.w.GPUs, got, c.visible)
		}
		if got := effective(env, "CUDA_DEVICE_ORDER"); got != c.order {
			t.Errorf("%q: CUDA_DEVICE_ORDER=%s, want %s", c.w.GPUs, got, c.order)
		}
	}
}

// effective is the value a child sees for key: exec keeps the last one.
func effective(env []string, key string) string {
	val := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			val = v
		}
	}
	return val
}

// A client's training job does not get the owner's desktop session and
// credential agents from RigShift's environment: with SSH_AUTH_SOCK it
// could log in wherever the owner's keys reach, with DISPLAY and
// XAUTHORITY read the owner's screen and keys, with the session bus ask
// the owner's keyring. A miner (the owner's own program) keeps them, and a
// job given one with --env has it.
func TestTrainingEnvironmentLeavesOutTheOwnersSession(t *testing.T) {
	for _, kv := range []string{"SSH_AUTH_SOCK=/tmp/ssh-owner/agent.1", "DISPLAY=:0", "XAUTHORITY=/home/owner/.Xauthority",
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus", "GPG_AGENT_INFO=/run/user/1000/gnupg/S.gpg-agent:0:1", "XDG_RUNTIME_DIR=/run/user/1000"} {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("HOME", "/home/owner")
	job := (&run{w: Workload{Kind: Training, Env: []string{"DISPLAY=:1"}}}).environment()
	for _, k := range []string{"SSH_AUTH_SOCK", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS", "GPG_AGENT_INFO", "XDG_RUNTIME_DIR"} {
		if v := effective(job, k); v != "" {
			t.Errorf("a client's job sees %s=%s", k, v)
		}
	}
	if effective(job, "DISPLAY") != ":1" || effective(job, "HOME") != "/home/owner" {
		t.Errorf("DISPLAY=%q HOME=%q: want the job's own DISPLAY and the owner's HOME", effective(job, "DISPLAY"), effective(job, "HOME"))
	}
	miner := (&run{w: Workload{Kind: Mining}}).environment()
	if effective(miner, "SSH_AUTH_SOCK") == "" {
		t.Error("the owner's miner lost its environment")
	}
}

// A client's training job does not get the owner's credentials that
// RigShift's environment holds (a shell's exported AWS keys or tokens, when
// RigShift was started from it): the client's code runs with them. Its own
// --env tokens it keeps, and the owner's miner keeps its environment.
func TestTrainingEnvironmentLeavesOutTheOwnersCredentials(t *testing.T) {
	owner := map[string]string{"AWS_SECRET_ACCESS_KEY": "owner-aws-secret", "GITHUB_TOKEN": "ghp_owner",
		"HF_TOKEN": "hf_owner", "OPENAI_API_KEY": "sk-owner", "DB_PASSWORD": "hunter22",
		"GOOGLE_APPLICATION_CREDENTIALS": "/home/owner/gcloud.json"}
	for k, v := range owner {
		t.Setenv(k, v)
	}
	t.Setenv("TOKENIZERS_PARALLELISM", "false")
	job := (&run{w: Workload{Kind: Training, Env: []string{"HF_TOKEN=hf_client"}}}).environment()
	for k := range owner {
		if v := effective(job, k); v != "" && k != "HF_TOKEN" {
			t.Errorf("a client's job sees the owner's %s=%s", k, v)
		}
	}
	if v := effective(job, "HF_TOKEN"); v != "hf_client" {
		t.Errorf("HF_TOKEN=%q, want the client's own hf_client", v)
	}
	for _, kv := range job {
		if kv == "HF_TOKEN=hf_owner" {
			t.Error("the owner's HF_TOKEN is still in the job's environment, before the client's")
		}
	}
	if effective(job, "TOKENIZERS_PARALLELISM") != "false" {
		t.Error("TOKENIZERS_PARALLELISM, no secret, was left out")
	}
	miner := (&run{w: Workload{Kind: Mining}}).environment()
	if effective(miner, "AWS_SECRET_ACCESS_KEY") != "owner-aws-secret" {
		t.Error("the owner's miner lost its environment")
	}
}
