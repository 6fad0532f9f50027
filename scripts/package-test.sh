#!/usr/bin/env bash
# Checks the Linux bundle: it holds the binary (which starts), a .desktop
# entry that desktop-file-validate passes without a remark, and a PNG icon;
# and scripts/install.sh installs and removes it in a scratch home.
#   scripts/package-test.sh dist/RigShift.tar.xz VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:?usage: $0 RigShift.tar.xz VERSION}
version=${2:?usage: $0 RigShift.tar.xz VERSION}
app=io.rigshift.app

fail() { echo "package-test: $*" >&2; exit 1; }
want() { [ -e "$1" ] || fail "missing $1"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$bundle" -C "$tmp/" || fail "$bundle is not a tar.xz"
root=$tmp/rigshift
bin=$root/usr/local/bin/rigshift
entry=$root/usr/local/share/applications/$app.desktop
icon=$root/usr/local/share/pixmaps/$app.png

echo "==> contents"
tar -tJvf "$bundle"
svg=$root/usr/local/share/icons/hicolor/scalable/apps/$app.svg
want "$bin"; want "$entry"; want "$icon"; want "$svg"
grep -q '<svg' "$svg" || fail "the scalable icon is not an SVG"
[ -x "$bin" ] || fail "the binary is not executable"
file -b "$icon" | grep -q '^PNG image data' || fail "the icon is not a PNG: $(file -b "$icon")"

echo "==> the binary starts"
out=$("$bin" version) || fail "rigshift version failed: $out"
[ "$out" = "rigshift $version" ] || fail "rigshift version said '$out', want 'rigshift $version'"

echo "==> desktop-file-validate"
command -v desktop-file-validate >/dev/null || fail "desktop-file-validate missing (apt-get install desktop-file-utils)"
remarks=$(desktop-file-validate "$entry" 2>&1) || fail "invalid .desktop entry: $remarks"
[ -z "$remarks" ] || fail "desktop-file-validate remarks: $remarks"
grep -qx "Exec=rigshift" "$entry" || fail "unexpected Exec line: $(grep ^Exec "$entry")"

echo "==> install and uninstall in a scratch home"
home=$tmp/home
HOME=$home XDG_DATA_HOME='' scripts/install.sh "$bundle" >/dev/null
installed=$home/.local/share/applications/$app.desktop
want "$home/.local/bin/rigshift"; want "$installed"
want "$home/.local/share/icons/hicolor/512x512/apps/$app.png"
want "$home/.local/share/icons/hicolor/scalable/apps/$app.svg"
grep -qx "Exec=$home/.local/bin/rigshift" "$installed" || fail "installed Exec: $(grep ^Exec "$installed")"
desktop-file-validate "$installed" || fail "the installed entry is invalid"
mkdir -p "$home/.config/autostart" && cp "$installed" "$home/.config/autostart/$app.desktop" # start at login was on
HOME=$home XDG_DATA_HOME='' scripts/install.sh --uninstall >/dev/null
left=$(find "$home" -type f ! -name '*.cache' ! -name 'mimeinfo.cache')
[ -z "$left" ] || fail "uninstall left: $left"

echo "==> uninstall leaves a start-at-login entry that starts another RigShift"
HOME=$home XDG_DATA_HOME='' scripts/install.sh "$bundle" >/dev/null
other=$home/.config/autostart/$app.desktop
printf '[Desktop Entry]\nType=Application\nName=RigShift\nExec=/opt/rigshift/rigshift --hidden\nTryExec=/opt/rigshift/rigshift\n' >"$other"
said=$(HOME=$home XDG_DATA_HOME='' scripts/install.sh --uninstall)
grep -qF "Left $other" <<<"$said" || fail "uninstall did not say it left $other: $said"
want "$other"
rm "$other"

echo "==> install into folders whose names the Exec line must quote"
for dir in "R&D" "o'brien x" "100%" 'a$b'; do
	bin_dir=$tmp/odd/$dir/bin
	HOME=$home BIN_DIR=$bin_dir XDG_DATA_HOME='' scripts/install.sh "$bundle" >/dev/null
	remarks=$(desktop-file-validate "$installed" 2>&1) || fail "Exec for $bin_dir: $remarks"
	grep -q '^Exec=.*/bin/rigshift' "$installed" || fail "Exec for $bin_dir: $(grep ^Exec "$installed")"
	HOME=$home BIN_DIR=$bin_dir XDG_DATA_HOME='' scripts/install.sh --uninstall >/dev/null
done
echo "==> make user-install and user-uninstall in the unpacked bundle, as on another machine"
home="$tmp/the owner's home" # a home whose path the Exec line must quote
entry_at=$home/.local/share/applications/$app.desktop
(cd "$root" && HOME=$home XDG_DATA_HOME='' XDG_CONFIG_HOME='' make -s user-install >/dev/null) ||
	fail "make user-install in the unpacked bundle failed"
want "$home/.local/bin/rigshift"; want "$entry_at"
want "$home/.local/share/icons/hicolor/512x512/apps/$app.png"
desktop-file-validate "$entry_at" || fail "the entry make user-install wrote is invalid"
grep -qx "Exec=\"$home/.local/bin/rigshift\"" "$entry_at" || fail "make user-install wrote $(grep ^Exec "$entry_at")"
"$home/.local/bin/rigshift" version >/dev/null || fail "the binary make user-install put in place does not start"
(cd "$root" && HOME=$home XDG_DATA_HOME='' XDG_CONFIG_HOME='' make -s user-uninstall >/dev/null) ||
	fail "make user-uninstall in the unpacked bundle failed"
left=$(find "$home" -type f ! -name '*.cache' ! -name 'mimeinfo.cache')
[ -z "$left" ] || fail "make user-uninstall left: $left"
echo "package-test: ok"
