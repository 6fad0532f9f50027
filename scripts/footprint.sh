#!/usr/bin/env bash
# Measures the window's idle footprint: the demo rig with N simulated GPUs
# sampled at 1 Hz (ui/demo), with the dashboard refreshed every 2 s (the
# default) and every 1 s, and hidden in the tray, against a minimal Fyne
# hello-world window, side by side under one private Xvfb, after a warm-up. CPU is utime+stime from
# /proc/PID/stat over the window, in % of one core; RSS is the last
# reading of VmRSS, and the peak VmHWM.
#   scripts/footprint.sh [SECONDS] [GPUS] [ROUNDS]   # default 60 s, 8 GPUs, 1 round
# DEMO=path measures that prebuilt ui/demo binary instead of building one
# (a machine without Go: the GPU server the window was tried on). Without
# dbus-daemon the window hidden in the tray is left out.
# With more than one round the same windows are measured over ROUNDS
# windows of SECONDS back to back, and the median of each one's x_hello is
# printed last: one 60 s round moves by a tenth of the hello world or more.
# Xvfb has no GPU: Mesa's llvmpipe shades every pixel on the CPU. With
# GALLIUM_NOOP=1 in the environment every window runs on Mesa's no-op
# driver instead: the program does all of a frame's work up to the GL
# calls, and nothing behind them is done (no shading, nothing shown). That
# bounds from below what the same windows cost on a desktop whose GPU
# draws; a real driver adds its own CPU time per draw call.
set -euo pipefail
. "$(dirname "$0")/gotags.sh"
secs=${1:-60} gpus=${2:-8} rounds=${3:-1} warmup=10
work=$(mktemp -d)
if [ -n "${DEMO:-}" ]; then
	cp "$DEMO" "$work/demo"
else
	go build -o "$work/demo" ./ui/demo
fi
export XDG_RUNTIME_DIR=$work/runtime HOME=$work/home
mkdir -p -m 0700 "$XDG_RUNTIME_DIR" "$HOME"
pids=()
# The windows save their preferences under $work as they exit: wait for
# them before removing it.
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work" 2>/dev/null || true' EXIT
. "$(dirname "$0")/xvfb.sh"
start_xvfb
pids+=("$xvfb")
names=(hello window-2s window-1s hidden)
# A private session bus with a stand-in tray host: without one RigShift
# will not hide its window (there would be no way back to it).
if command -v dbus-daemon >/dev/null; then
	dbus-daemon --session --nofork --nopidfile --print-address=1 --address="unix:dir=$work" >"$work/bus" &
	pids+=($!)
	sleep 1
	export DBUS_SESSION_BUS_ADDRESS=$(head -1 "$work/bus")
	"$work/demo" -tray-host >/dev/null 2>&1 &
	pids+=($!)
	sleep 1
else
	echo "no dbus-daemon here: the window hidden in the tray is left out"
	names=(hello window-2s window-1s)
	export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus
fi

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# start NAME ARGS...: one window in the background, its pid in NAME.pid.
# Each has its own config folder: windows of one app ID sharing Fyne's
# preferences file reload it whenever another writes it (and log "load
# error: EOF" when one reads it half written).
start() {
	local name=$1
	shift
	XDG_CONFIG_HOME=$work/$name.config "$work/demo" "$@" >"$work/$name.log" 2>&1 &
	pids+=($!)
	echo $! >"$work/$name.pid"
}

start hello -hello
start window-2s -gpus "$gpus" -refresh 2s
start window-1s -gpus "$gpus" -refresh 1s
[ "${#names[@]}" -lt 4 ] || start hidden -gpus "$gpus" -hidden
sleep "$warmup"
hz=$(getconf CLK_TCK)
if [ -n "${GALLIUM_NOOP:-}" ]; then
	echo "GL: Mesa's no-op driver (GALLIUM_NOOP): nothing is drawn or shown"
else
	echo "GL: software (Xvfb, llvmpipe): the CPU draws every pixel"
fi

# measure: one round of SECONDS; each window's x_hello goes to NAME.ratios.
measure() {
	local n p used ratio hello_used=
	declare -A before
	for n in "${names[@]}"; do before[$n]=$(ticks "$(cat "$work/$n.pid")"); done
	sleep "$secs"
	printf '%-10s %8s %8s %9s %9s\n' what cpu% x_hello rss_MB peak_MB
	for n in "${names[@]}"; do
		p=$(cat "$work/$n.pid")
		used=$(($(ticks "$p") - before[$n]))
		hello_used=${hello_used:-$used} # the first is the hello world
		ratio=$(awk -v u="$used" -v b="$hello_used" 'BEGIN {printf "%.2f", (b > 0 ? u / b : 0)}')
		echo "$ratio" >>"$work/$n.ratios"
		awk -v u="$used" -v x="$ratio" -v hz="$hz" -v s="$secs" -v r="$(kb "$p" VmRSS)" -v h="$(kb "$p" VmHWM)" -v n="$n" \
			'BEGIN {printf "%-10s %8.2f %8s %9.1f %9.1f\n", n, 100 * u / hz / s, x, r / 1024, h / 1024}'
	done
}

for ((round = 1; round <= rounds; round++)); do
	[ "$rounds" -gt 1 ] && echo "round $round of $rounds, ${secs} s"
	measure
done
if [ "$rounds" -gt 1 ]; then
	echo "median x_hello over $rounds rounds:"
	for n in "${names[@]:1}"; do
		printf '%-10s %8s\n' "$n" "$(sort -n "$work/$n.ratios" | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')"
	done
fi
