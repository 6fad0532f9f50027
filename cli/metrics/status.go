package metrics

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rigshift/rigshift/jobs/control"
)

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, labels, nil)
}

var (
	modeDesc      = desc("rigshift_mode", "The mode the owner chose (1 for the current one).", "mode")
	switchingDesc = desc("rigshift_switching", "1 while workloads are still starting or stopping for a mode switch.")
	workDesc      = desc("rigshift_gpu_work", "What the GPU does (1 for the current work).", "gpu", "uuid", "work")
	hotDesc       = desc("rigshift_gpu_thermal_hold", "1 while the thermal guard holds the GPU.", "gpu", "uuid")
	gpuHashDesc   = desc("rigshift_gpu_hashrate_hashes_per_second", "The miner's hashrate on the GPU.", "gpu", "uuid")
	minerHashDesc = desc("rigshift_miner_hashrate_hashes_per_second", "The miner's hashrate on all GPUs.")
	minerGPUsDesc = desc("rigshift_miner_gpus", "GPUs mining now.")
	acceptedDesc  = desc("rigshift_miner_shares_accepted_total", "Shares the pool accepted from the running miner.")
	rejectedDesc  = desc("rigshift_miner_shares_rejected_total", "Shares the pool rejected from the running miner.")
	revenueDesc   = desc("rigshift_revenue_per_hour", "What the rig earns per hour now, by source (rent or mine).", "source", "currency")
	costDesc      = desc("rigshift_power_cost_per_hour", "What the rig's electricity costs per hour now.", "currency")
	netDesc       = desc("rigshift_net_per_hour", "Revenue minus electricity per hour now.", "currency")
	rigPowerDesc  = desc("rigshift_rig_power_watts", "GPUs plus the host's overhead, as billed.")

	todayRevenueDesc = desc("rigshift_today_revenue", "What the rig earned since local midnight, by source (rent or mine), running jobs included.", "source", "currency")
	todayCostDesc    = desc("rigshift_today_electricity_cost", "What the rig's electricity cost since local midnight.", "currency")
	todayNetDesc     = desc("rigshift_today_net", "Today's revenue minus its electricity, as the window's Today row says.", "currency")
)

var statusDescs = []*prometheus.Desc{modeDesc, switchingDesc, workDesc, hotDesc, gpuHashDesc,
	minerHashDesc, minerGPUsDesc, acceptedDesc, rejectedDesc, revenueDesc, costDesc, netDesc, rigPowerDesc,
	jobsDesc, earnedDesc, electricityDesc, gpuHoursDesc, todayRevenueDesc, todayCostDesc, todayNetDesc}

// works are the values of rigshift_gpu_work's work label.
var works = []string{"idle", "mining", "restarting", "renting", "stopping"}

func collectStatus(ch chan<- prometheus.Metric, st control.Status) {
	send := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	for _, m := range control.Modes() {
		send(modeDesc, boolValue(st.Mode == m), m.String())
	}
	send(switchingDesc, boolValue(st.Switching))
	for _, g := range st.GPUs {
		collectGPUStatus(send, g)
	}
	collectMiner(ch, st.Miner)
	r := st.Rates
	send(revenueDesc, r.RentPerHour, "rent", r.Currency)
	send(revenueDesc, r.MinePerHour, "mine", r.Currency)
	send(costDesc, r.PowerCostPerHour, r.Currency)
	send(netDesc, r.Net(), r.Currency)
	send(rigPowerDesc, r.PowerW)
	if d := st.Today; d.Currency != "" { // totalled: a store that could not answer gives none
		send(todayRevenueDesc, d.Rent, "rent", d.Currency)
		send(todayRevenueDesc, d.Mine, "mine", d.Currency)
		send(todayCostDesc, d.Electricity, d.Currency)
		send(todayNetDesc, d.Net(), d.Currency)
	}
}

func collectGPUStatus(send func(*prometheus.Desc, float64, ...string), g control.GPUStatus) {
	index := strconv.Itoa(g.Index)
	work := workOf(g)
	for _, w := range works {
		send(workDesc, boolValue(w == work), index, g.UUID, w)
	}
	send(hotDesc, boolValue(g.Hot), index, g.UUID)
	send(gpuHashDesc, g.HashRate, index, g.UUID)
}

// workOf folds the status's words ("job J-0001") into the label values.
func workOf(g control.GPUStatus) string {
	switch {
	case g.JobID != "":
		return "renting"
	case g.Work == "mining", g.Work == "stopping":
		return g.Work
	case g.Work == control.WorkMinerRestarting:
		return "restarting"
	}
	return "idle"
}

func collectMiner(ch chan<- prometheus.Metric, m control.MinerStatus) {
	ch <- prometheus.MustNewConstMetric(minerHashDesc, prometheus.GaugeValue, m.HashRate)
	ch <- prometheus.MustNewConstMetric(minerGPUsDesc, prometheus.GaugeValue, float64(m.GPUs))
	ch <- prometheus.MustNewConstMetric(acceptedDesc, prometheus.CounterValue, float64(m.Accepted))
	ch <- prometheus.MustNewConstMetric(rejectedDesc, prometheus.CounterValue, float64(m.Rejected))
}
