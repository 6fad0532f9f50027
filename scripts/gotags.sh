# Sourced by the scripts that build the window: the Fyne tags the Makefile
# builds with (FYNE_TAGS there, and why), so that a script run by hand
# measures and ships the same binary as `make` does. Without them the window
# is about 25 MB larger (the colour-emoji font) and takes a stack trace per
# refresh.
case " ${GOFLAGS:-} " in
*-tags=*) ;; # make's, or the caller's own choice
*)
	tags=$(sed -n 's/^FYNE_TAGS *:= *//p' "$(dirname "$0")/../Makefile")
	if [ -z "$tags" ]; then
		echo "gotags.sh: no FYNE_TAGS in the Makefile" >&2
		exit 1
	fi
	export GOFLAGS="${GOFLAGS:+$GOFLAGS }-tags=$tags"
	;;
esac
