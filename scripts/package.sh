#!/usr/bin/env bash
# Builds the Linux bundle: dist/RigShift.tar.xz with the binary, the .desktop
# entry and the icon, made by `fyne package` around a hardened release build.
#   scripts/package.sh VERSION
set -euo pipefail
. "$(dirname "$0")/gotags.sh"
cd "$(dirname "$0")/.."

version=${1:-dev}
go=${GO:-go}
out=dist
bin=$out/build/rigshift
mkdir -p "$out/build"

# The hardening flags `fyne package` uses for its own builds, less
# `-z now`: go-nvml leaves the NVML symbols unresolved until it dlopens the
# driver, and eager binding makes the binary die at start ("undefined
# symbol: nvml…"). Building here also lets the version reach the binary.
echo "==> go build ($bin, version $version)"
CGO_ENABLED=1 \
CGO_CFLAGS="-O2 -g -fexceptions -fasynchronous-unwind-tables -pipe -D_FORTIFY_SOURCE=3 -fstack-protector-strong -Wno-deprecated-declarations" \
CGO_LDFLAGS="-Wl,-z,relro -Wl,--as-needed" \
	$go build -trimpath -ldflags "-s -w -X github.com/rigshift/rigshift/cli.Version=$version" -o "$bin" .

# `fyne package` bumps Build in FyneApp.toml after each run; keep the
# tracked file as it was.
backup=$(mktemp)
cp FyneApp.toml "$backup"
trap 'cp "$backup" FyneApp.toml; rm -f "$backup"' EXIT

echo "==> fyne package -os linux"
rm -f RigShift.tar.xz
$go tool fyne package -os linux --release --exe "$bin" --name RigShift
# The bundle's own Makefile installs through scripts/install.sh, as
# `make install` here does: fyne's fails on the icon's name and leaves
# the Exec line unquoted.
unpacked=$(mktemp -d)
trap 'cp "$backup" FyneApp.toml; rm -f "$backup"; rm -rf "$unpacked"' EXIT
tar -xJf RigShift.tar.xz -C "$unpacked"
cp scripts/bundle/Makefile "$unpacked/rigshift/Makefile"
install -m0755 scripts/install.sh "$unpacked/rigshift/install.sh"
# The icon drawn sharp at every size (fyne's bundle has only the 512 px PNG,
# scaled down blurry to a panel's 22 px).
install -Dm0644 assets/icon.svg "$unpacked/rigshift/usr/local/share/icons/hicolor/scalable/apps/io.rigshift.app.svg"
tar -cJf "$out/RigShift.tar.xz" --owner=0 --group=0 -C "$unpacked" rigshift
rm RigShift.tar.xz
echo "==> $out/RigShift.tar.xz"
tar -tJf "$out/RigShift.tar.xz"
