#!/usr/bin/env bash
# Installs RigShift from the bundle for the current user, or removes it:
#   scripts/install.sh dist/RigShift.tar.xz
#   scripts/install.sh --uninstall
# or, in the unpacked bundle, ./install.sh . (what its make user-install runs).
# The binary goes to ~/.local/bin, the menu entry to
# ~/.local/share/applications (Exec pointing at the binary), the icon to
# ~/.local/share/icons/hicolor (512x512 and, drawn sharp at every size a
# menu or panel asks for, scalable). BIN_DIR and XDG_DATA_HOME move them.
set -euo pipefail

app=io.rigshift.app
bin_dir=${BIN_DIR:-$HOME/.local/bin}
data=${XDG_DATA_HOME:-$HOME/.local/share}
desktop=$data/applications/$app.desktop
icon=$data/icons/hicolor/512x512/apps/$app.png
svg=$data/icons/hicolor/scalable/apps/$app.svg
autostart=${XDG_CONFIG_HOME:-$HOME/.config}/autostart/$app.desktop

refresh() {
	command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
	command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
	rm -f "$bin_dir/rigshift" "$desktop" "$icon" "$svg"
	# Start at login would run a missing program; but an entry that starts
	# a RigShift installed elsewhere (a distribution's, a build folder's)
	# is the owner's, and stays.
	if [ -f "$autostart" ] && ! grep -qF "$bin_dir/rigshift" "$autostart"; then
		echo "Left $autostart: it starts a RigShift installed elsewhere."
	else
		rm -f "$autostart"
	fi
	refresh
	echo "RigShift removed (your history and settings stay in $data/rigshift)."
	exit 0
fi

bundle=${1:?usage: $0 RigShift.tar.xz | unpacked-bundle-folder | --uninstall}
if [ -d "$bundle" ]; then
	root=$bundle # the bundle's own Makefile runs this script in the unpacked folder
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	tar -xJf "$bundle" -C "$tmp"
	root=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -1)
fi

install -Dm0755 "$root/usr/local/bin/rigshift" "$bin_dir/rigshift"
install -Dm0644 "$root/usr/local/share/pixmaps/$app.png" "$icon"
if [ -f "$root/usr/local/share/icons/hicolor/scalable/apps/$app.svg" ]; then # bundles before 2026-12 lack it
	install -Dm0644 "$root/usr/local/share/icons/hicolor/scalable/apps/$app.svg" "$svg"
fi
install -Dm0644 "$root/usr/local/share/applications/$app.desktop" "$desktop"
# The session's PATH may lack ~/.local/bin: start the binary by its path,
# quoted as the Desktop Entry spec says (% doubled; reserved characters in
# double quotes, with " ` $ \ escaped; then the string escape of \ on top).
q=$bin_dir/rigshift
q=${q//%/%%}
case $q in *[[:space:]\"\'\\\>\<~\|\&\;\$\*\?\#\(\)\`]*)
	q=${q//\\/\\\\}; q=${q//\"/\\\"}; q=${q//\`/\\\`}; q=${q//\$/\\\$}; q="\"$q\"" ;;
esac
q=${q//\\/\\\\}
# awk, not sed: a path may hold & | \ that a sed replacement reads as its own.
EXEC_LINE="Exec=$q" awk '/^Exec=rigshift( |$)/ { print ENVIRON["EXEC_LINE"] substr($0, 14); next } { print }' \
	"$desktop" >"$desktop.new" && mv "$desktop.new" "$desktop"
refresh
echo "RigShift installed: $bin_dir/rigshift, and RigShift in the applications menu."
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "Add $bin_dir to your PATH to run 'rigshift' in a terminal." ;; esac
