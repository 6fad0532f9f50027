// Package metrics serves RigShift's numbers in the Prometheus text format,
// for owners who already run Prometheus and Grafana: per-GPU telemetry from
// the sampler's latest snapshot, and the mode, mining, rental jobs and
// money line from the controller. Values are read when scraped; nothing
// runs between scrapes.
package metrics
