#!/usr/bin/env bash
# Installs what RigShift needs on Debian/Ubuntu, and only what is missing.
#   scripts/deps.sh build   the C toolchain and headers for Fyne's cgo build
#   scripts/deps.sh test    build + Xvfb, D-Bus and a notification daemon for the tests
set -euo pipefail

build_pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxrandr-dev libxcursor-dev
	libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev)
test_pkgs=(xvfb dbus dbus-x11 x11-apps x11-utils xdotool imagemagick dunst libnotify-bin desktop-file-utils)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
	done
}

install() {
	local need
	mapfile -t need < <(missing "$@")
	if [ ${#need[@]} -eq 0 ]; then
		return
	fi
	if ! command -v apt-get >/dev/null; then
		say "Please install these packages with your package manager: ${need[*]}"
		exit 1
	fi
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "Installing ${need[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

check_go() {
	if ! command -v go >/dev/null; then
		say "Go is missing: installing Debian's golang-go (it fetches the Go version go.mod asks for)"
		install golang-go ca-certificates
	fi
	local minor
	minor=$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
	if [ "${minor:-0}" -lt 21 ]; then
		say "Go $(go env GOVERSION) is too old to fetch the toolchain RigShift needs: install Go 1.26 from https://go.dev/dl"
		exit 1
	fi
}

case "${1:-build}" in
build) install "${build_pkgs[@]}"; check_go ;;
test) install "${build_pkgs[@]}" "${test_pkgs[@]}"; check_go ;;
*) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
