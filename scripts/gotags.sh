# Sourced by the scripts that build the window: the Fyne tags the Makefile
# builds with (see its comment), so that a script run by hand measures and
# ships the same binary as `make` does. Without them the window is about
# 25 MB larger (the colour-emoji font) and takes a stack trace per refresh.
case " ${GOFLAGS:-} " in
*no_emoji*) ;;
*) export GOFLAGS="${GOFLAGS:+$GOFLAGS }-tags=no_emoji,migrated_fynedo" ;;
esac
