#!/usr/bin/env bash
# go vet for other systems of every package that builds without cgo: all
# but those that open the Fyne window (its GL driver needs cgo, which a
# cross build does not have). Says which packages it leaves out.
#   scripts/cross.sh [GOOS…]   (default: windows darwin)
set -uo pipefail
cd "$(dirname "$0")/.."
go=${GO:-go}
oses=("$@")
[ ${#oses[@]} -gt 0 ] || oses=(windows darwin)

# needsApp prints the packages that import fyne's app (and so its driver).
needs_app='{{range .Deps}}{{if eq . "fyne.io/fyne/v2/app"}}{{$.ImportPath}}{{"\n"}}{{end}}{{end}}'

failed=0
for os in "${oses[@]}"; do
	export GOOS=$os CGO_ENABLED=0
	skip=$($go list -e -f "$needs_app" ./... | sort -u)
	pkgs=$($go list -e ./... | grep -vxF -f <(echo "$skip"))
	echo "==> GOOS=$os go vet: $(echo "$pkgs" | wc -l) packages (left out, need cgo: $(echo $skip))"
	# shellcheck disable=SC2086
	$go vet $pkgs || failed=1
done
exit $failed
