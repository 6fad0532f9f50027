// Package store is the one owner of RigShift's bbolt file: rental jobs and
// their history, the event log and the last mode, earnings, settings, and GPU
// telemetry with its rollups.
//
// Everything a rig owner must not lose (a job state change, a mode change, an
// earnings record) is committed before the call returns. Telemetry is
// buffered by a TelemetryWriter and committed every few seconds, so a crash
// loses at most that window.
//
// Telemetry is kept at three resolutions: raw samples for 48 hours (in one
// bucket per hour, so old samples are dropped by deleting whole buckets),
// 1-minute min/avg/max for 90 days and 1-hour min/avg/max for ever. Values are
// stored as fixed-point 16-bit numbers under big-endian time keys, which keeps
// a GPU-year of history to a few megabytes.
//
// Bucket layout (schema version 2; version 1 had the same buckets, and
// rollup rows without per-metric sample counts):
//
//	meta                   schema version, mode, settings, earnings span
//	jobs                   job ID -> JobRecord (JSON); sequence = last job number
//	job_events/<job ID>    time+seq -> JobEvent (JSON)
//	events                 time+seq -> Event (JSON)
//	earnings               start+ID -> EarningRecord (JSON)
//	earnings_ids           ID -> key in earnings
//	telemetry_raw/<hour>/<gpu>   minute -> chunk of raw samples
//	telemetry_1m/<gpu>     minute -> rollup row
//	telemetry_1h/<gpu>     hour -> rollup row
//
// store imports nothing else of RigShift; the controller converts its own
// types into the ones defined here.
package store
