package metrics

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/rigshift/rigshift/hardware"
	"github.com/rigshift/rigshift/jobs/control"
)

type fakeTelemetry struct {
	gpus []hardware.GPUInfo
	snap *hardware.Snapshot
}

func (f fakeTelemetry) GPUs() []hardware.GPUInfo   { return f.gpus }
func (f fakeTelemetry) Latest() *hardware.Snapshot { return f.snap }

type fakeController struct {
	status control.Status
	jobs   []control.Job
}

func (f fakeController) Status() control.Status { return f.status }
func (f fakeController) Jobs() []control.Job    { return f.jobs }

// rig is two GPUs: 0 mining and reporting everything but the fan, 1 lost.
func rig() (fakeTelemetry, fakeController) {
	tel := fakeTelemetry{
		gpus: []hardware.GPUInfo{{Index: 0, UUID: "GPU-a", Name: "RTX 3090", PCIBusID: "0000:01:00.0"},
			{Index: 1, UUID: "GPU-b", Name: "RTX 3080"}},
		snap: &hardware.Snapshot{Time: time.Now(), GPUs: []hardware.GPUSample{
			{Index: 0, UUID: "GPU-a", State: hardware.GPUOK,
				Valid: hardware.MetricTemp | hardware.MetricPower | hardware.MetricUtilization |
					hardware.MetricVRAM | hardware.MetricSMClock | hardware.MetricEnergy,
				TempC: 71, PowerW: 285.5, GPUUtil: 97, MemUtil: 40, VRAMUsed: 5 << 30, VRAMTotal: 24 << 30,
				FanPct: 99, SMClockMHz: 1800, EnergyJ: 12345},
			{Index: 1, UUID: "GPU-b", State: hardware.GPULost, TempC: 50},
		}},
	}
	ctrl := fakeController{
		status: control.Status{Mode: control.Auto,
			GPUs: []control.GPUStatus{{UUID: "GPU-a", Index: 0, Work: "mining", HashRate: 120e6},
				{UUID: "GPU-b", Index: 1, Work: "job J-0002", JobID: "J-0002", Hot: true}},
			Miner: control.MinerStatus{Configured: true, GPUs: 1, HashRate: 120e6, Accepted: 42, Rejected: 1},
			Rates: control.Rates{Currency: "EUR", RentPerHour: 0.5, MinePerHour: 0.25, PowerCostPerHour: 0.1, PowerW: 400},
			Today: control.Today{Currency: "EUR", Rent: 4, Mine: 1.5, Electricity: 2.25}},
		jobs: []control.Job{{ID: "J-0002", State: control.JobRunning, Earned: 1.5, Electricity: 0.25, Currency: "EUR", GPUHours: 3},
			{ID: "J-0001", State: control.JobSucceeded, Earned: 2, Electricity: 0.5, Currency: "EUR", GPUHours: 4}},
	}
	return tel, ctrl
}

// scrape serves the collector on a free loopback port and parses one scrape.
func scrape(t *testing.T, c *Collector) map[string]*dto.MetricFamily {
	t.Helper()
	s, err := Listen("127.0.0.1:0", false, c)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	t.Cleanup(func() {
		_ = s.Close()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	resp, err := http.Get("http://" + s.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("the scrape does not parse: %v", err)
	}
	return fams
}

// value finds the sample of family name whose labels include want.
func value(t *testing.T, fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	t.Helper()
	f := fams[name]
	if f == nil {
		return 0, false
	}
	for _, m := range f.GetMetric() {
		if hasLabels(m, want) {
			switch {
			case m.Gauge != nil:
				return m.Gauge.GetValue(), true
			case m.Counter != nil:
				return m.Counter.GetValue(), true
			}
		}
	}
	return 0, false
}

func hasLabels(m *dto.Metric, want map[string]string) bool {
	n := 0
	for _, l := range m.GetLabel() {
		if v, ok := want[l.GetName()]; ok && v == l.GetValue() {
			n++
		}
	}
	return n == len(want)
}

func TestScrapeCarriesTheRig(t *testing.T) {
	tel, ctrl := rig()
	fams := scrape(t, NewCollector(tel, ctrl))
	a := map[string]string{"gpu": "0", "uuid": "GPU-a"}
	with := func(k, v string) map[string]string {
		m := map[string]string{k: v}
		for k, v := range a {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"rigshift_gpu_info", map[string]string{"uuid": "GPU-a", "name": "RTX 3090", "pci_bus_id": "0000:01:00.0"}, 1},
		{"rigshift_gpu_temperature_celsius", a, 71},
		{"rigshift_gpu_power_watts", a, 285.5},
		{"rigshift_gpu_utilization_ratio", a, 0.97},
		{"rigshift_gpu_memory_utilization_ratio", a, 0.40},
		{"rigshift_gpu_memory_used_bytes", a, 5 << 30},
		{"rigshift_gpu_memory_total_bytes", a, 24 << 30},
		{"rigshift_gpu_sm_clock_hertz", a, 1.8e9},
		{"rigshift_gpu_energy_joules_total", a, 12345},
		{"rigshift_gpu_state", with("state", "ok"), 1},
		{"rigshift_gpu_state", map[string]string{"uuid": "GPU-b", "state": "lost"}, 1},
		{"rigshift_gpu_state", map[string]string{"uuid": "GPU-b", "state": "ok"}, 0},
		{"rigshift_gpu_hashrate_hashes_per_second", a, 120e6},
		{"rigshift_gpu_work", with("work", "mining"), 1},
		{"rigshift_gpu_work", with("work", "idle"), 0},
		{"rigshift_gpu_work", map[string]string{"uuid": "GPU-b", "work": "renting"}, 1},
		{"rigshift_gpu_thermal_hold", map[string]string{"uuid": "GPU-b"}, 1},
		{"rigshift_mode", map[string]string{"mode": "auto"}, 1},
		{"rigshift_mode", map[string]string{"mode": "mine"}, 0},
		{"rigshift_miner_hashrate_hashes_per_second", nil, 120e6},
		{"rigshift_miner_shares_accepted_total", nil, 42},
		{"rigshift_miner_shares_rejected_total", nil, 1},
		{"rigshift_revenue_per_hour", map[string]string{"source": "rent", "currency": "EUR"}, 0.5},
		{"rigshift_revenue_per_hour", map[string]string{"source": "mine", "currency": "EUR"}, 0.25},
		{"rigshift_net_per_hour", map[string]string{"currency": "EUR"}, 0.65},
		{"rigshift_rig_power_watts", nil, 400},
		{"rigshift_today_revenue", map[string]string{"source": "rent", "currency": "EUR"}, 4},
		{"rigshift_today_revenue", map[string]string{"source": "mine", "currency": "EUR"}, 1.5},
		{"rigshift_today_electricity_cost", map[string]string{"currency": "EUR"}, 2.25},
		{"rigshift_today_net", map[string]string{"currency": "EUR"}, 3.25},
		{"rigshift_jobs", map[string]string{"state": "running"}, 1},
		{"rigshift_jobs", map[string]string{"state": "succeeded"}, 1},
		{"rigshift_jobs", map[string]string{"state": "queued"}, 0},
		{"rigshift_jobs_earned", map[string]string{"currency": "EUR"}, 3.5},
		{"rigshift_jobs_electricity_cost", map[string]string{"currency": "EUR"}, 0.75},
		{"rigshift_jobs_gpu_hours", nil, 7},
	}
	for _, c := range cases {
		got, ok := value(t, fams, c.name, c.labels)
		if !ok || got != c.want {
			t.Errorf("%s%v = %v (found %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
}

func TestScrapeLeavesOutWhatIsNotReported(t *testing.T) {
	tel, ctrl := rig()
	fams := scrape(t, NewCollector(tel, ctrl))
	if _, ok := value(t, fams, "rigshift_gpu_fan_speed_ratio", map[string]string{"uuid": "GPU-a"}); ok {
		t.Error("a fan speed the GPU does not report was exported")
	}
	if _, ok := value(t, fams, "rigshift_gpu_temperature_celsius", map[string]string{"uuid": "GPU-b"}); ok {
		t.Error("a lost GPU's stale temperature was exported")
	}
	if fams["go_goroutines"] == nil || fams["process_cpu_seconds_total"] == nil {
		t.Error("the Go and process collectors are missing")
	}
}

func TestScrapeBeforeTheFirstSample(t *testing.T) {
	fams := scrape(t, NewCollector(fakeTelemetry{gpus: []hardware.GPUInfo{{UUID: "GPU-a"}}}, nil))
	if _, ok := value(t, fams, "rigshift_gpu_info", map[string]string{"uuid": "GPU-a"}); !ok {
		t.Error("the inventory is missing")
	}
	if fams["rigshift_gpu_state"] != nil || fams["rigshift_mode"] != nil {
		t.Error("values were exported without a snapshot or a controller")
	}
}

func TestListenRefusesPublicAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.168.1.10:9835", "rig.lan:9835", "[::]:0"} {
		if _, err := Listen(addr, false, NewCollector(nil, nil)); !errors.Is(err, ErrPublic) {
			t.Errorf("Listen(%q) = %v, want ErrPublic", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0", "127.0.0.2:0"} {
		if err := CheckAddr(addr, false); err != nil {
			t.Errorf("CheckAddr(%q) refused a loopback address: %v", addr, err)
		}
	}
	s, err := Listen("0.0.0.0:0", true, NewCollector(nil, nil))
	if err != nil {
		t.Fatalf("Listen with public allowed: %v", err)
	}
	_ = s.Close()
	if err := CheckAddr("9835", false); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("a bare port: %v", err)
	}
}
