// Package miners knows the five GPU miners RigShift runs — xmrig, T-Rex,
// lolMiner, GMiner and SRBMiner-MULTI — plus a "custom" miner.
//
// A Preset turns what the owner types (executable, pool, wallet, worker,
// algorithm) and the GPUs chosen into the miner's real argv, with its HTTP
// API bound to 127.0.0.1 and its own device-selection flag. Parse reads
// each miner's API answer (both lolMiner formats, GMiner's string or
// numeric bus_id, xmrig's null hashrate entries) into one normalised Stats:
// total and per-GPU H/s, shares, uptime and pool. Per-GPU figures carry a
// canonical PCI bus id so that they can be matched to NVML GPUs; never
// match by index. Parsers take bytes and never panic on what a miner sends;
// Reader and Poll do the HTTP around them.
package miners
