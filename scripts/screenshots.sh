#!/usr/bin/env bash
# Renders every RigShift screen under a private Xvfb into docs/screenshots/,
# on the demo rig (ui/demo: a simulated 6-GPU rig with a running rental
# job, mining, a card paused for heat and a month of history).
#   scripts/screenshots.sh            # all screens
#   scripts/screenshots.sh jobs       # one screen
set -euo pipefail
. "$(dirname "$0")/gotags.sh"
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
go build -o "$work/demo" ./ui/demo
go build -o "$work/rigshift" .
# A fresh HOME (after the build: Go keeps its caches under HOME) gives the
# demo default preferences, hence the default window size.
export XDG_RUNTIME_DIR=$work/runtime HOME=$work/home
# No session bus: the tray is not wanted here, and without this godbus
# would autolaunch a dbus-daemon that outlives the script.
export DBUS_SESSION_BUS_ADDRESS=unix:path=$work/no-bus
mkdir -p -m 0700 "$XDG_RUNTIME_DIR" "$HOME"
xvfb=
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
. "$(dirname "$0")/xvfb.sh"
start_xvfb
sleep 1

# shoot NAME [KEYS...] -- ARGS...: start the demo with ARGS, wait for its
# window, type KEYS (xdotool key/type words, or click:X,Y in the window),
# save the window as NAME.png.
shoot() {
	local name=$1 keys=() args=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do keys+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	args=("$@")
	"${bin:-$work/demo}" "${args[@]}" >"$work/$name.log" 2>&1 &
	local pid=$! win=""
	for _ in $(seq 100); do
		win=$(xdotool search --name '^RigShift$' 2>/dev/null | head -1) && [ -n "$win" ] && break
		sleep 0.2
	done
	if [ -z "$win" ]; then
		# import without a window waits for a click that never comes.
		echo "screenshots: no RigShift window for $name after 20 s; its output:" >&2
		cat "$work/$name.log" >&2
		kill "$pid" 2>/dev/null
		return 1
	fi
	sleep 4 # let the sparklines and the job's progress fill in
	for k in "${keys[@]}"; do
		case $k in
		type:*) xdotool type --window "$win" --delay 20 "${k#type:}" ;;
		click:*)
			k=${k#click:}
			xdotool mousemove --window "$win" "${k%,*}" "${k#*,}" click 1
			;;
		*) xdotool key --window "$win" "$k" ;;
		esac
		sleep 0.4
	done
	# The pointer rests on the empty foot of the list of screens: on a
	# widget it would show hovered (Xvfb starts it at the centre of the
	# screen), and Fyne keeps a hover when the pointer leaves the window.
	xdotool mousemove --window "$win" 45 780
	sleep 1
	import -window "$win" "$out/$name.png"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "wrote $out/$name.png"
}

want=${1:-all}
run() { [ "$want" = all ] || [ "$want" = "$1" ]; }
run dashboard && shoot dashboard -- -screen dashboard
run dashboard-one-gpu && shoot dashboard-one-gpu -- -screen dashboard -gpus 1
run dashboard-light && FYNE_THEME=light shoot dashboard-light -- -screen dashboard
run jobs && shoot jobs -- -screen jobs
run add-job && shoot add-job ctrl+n type:acme-ai Tab Tab "type:python train.py --lr 3e-4 | tee log" Return -- -screen jobs
run history && shoot history -- -screen history
run history-light && FYNE_THEME=light shoot history-light -- -screen history
run settings && shoot settings -- -screen settings
run events && shoot events click:500,335 -- -screen events
# The real program on this machine: without an NVIDIA driver, the newcomer's first screen.
run no-driver && bin=$work/rigshift shoot no-driver -- --data-dir "$work/data"
exit 0 # the last screen not asked for is no failure
