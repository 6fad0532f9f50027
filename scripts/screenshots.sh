#!/usr/bin/env bash
# Renders RigShift's window under a private Xvfb into docs/screenshots/.
#   scripts/screenshots.sh ./rigshift
set -euo pipefail
bin=${1:-./rigshift}
out=docs/screenshots
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/rigshift-shots-$$}
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
sleep 1

# shoot NAME ARGS...: start RigShift with ARGS, wait for its window, save it.
shoot() {
	local name=$1
	shift
	"$bin" "$@" >/dev/null 2>&1 &
	local pid=$! win=""
	for _ in $(seq 50); do
		win=$(xdotool search --name '^RigShift$' 2>/dev/null | head -1) && [ -n "$win" ] && break
		sleep 0.2
	done
	sleep 4 # let a few samples arrive
	import -window "$win" "$out/$name.png"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "wrote $out/$name.png"
}

shoot dashboard --simulate 6
shoot no-driver
