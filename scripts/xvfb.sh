# Sourced by the scripts that open windows: starts a private Xvfb on a
# display number it picks itself (-displayfd), so that two runs, or an
# Xvfb someone else started, never share a screen. Needs $work; sets
# DISPLAY and xvfb (the server's pid).
start_xvfb() {
	Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
	xvfb=$!
	for _ in $(seq 100); do
		[ -s "$work/display" ] && break
		sleep 0.1
	done
	if [ ! -s "$work/display" ]; then
		echo "Xvfb did not start" >&2
		return 1
	fi
	export DISPLAY=:$(head -1 "$work/display")
}
