# RigShift — `make run` opens the app, `make test` runs every check.
# Both install what is missing first (scripts/deps.sh, Debian/Ubuntu).

GO        ?= go
ARGS      ?=
PKGS      := ./...
# The race detector's packages. ui and cli (Fyne, the tray's D-Bus, the
# window's goroutines) cost no wall time with a warm build cache: they run
# beside jobs/control, which takes the longest (3.5 min on 2 cores). A cold
# cache adds the race build of Fyne's C parts, about 4 minutes once.
RACE_PKGS := ./hardware/... ./jobs/... ./store/... ./ui/... ./cli/...
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X github.com/rigshift/rigshift/cli.Version=$(VERSION)

export XDG_RUNTIME_DIR ?= /tmp/rigshift-runtime-$(shell id -u)
# Every build, test and script below is built with two Fyne tags, for the
# window's footprint:
#   no_emoji         leaves out Fyne's colour-emoji font, which it parses once
#                    per text style (about 25 MB); RigShift's own text has no
#                    emoji, and a client's still shows where the desktop has an
#                    emoji font.
#   migrated_fynedo  drops Fyne's per-refresh "are we on the UI goroutine"
#                    check (a stack trace each time, a tenth of the window's
#                    CPU): every UI update here goes through fyne.Do.
# scripts/gotags.sh reads FYNE_TAGS from here for the scripts run by hand.
FYNE_TAGS := no_emoji,migrated_fynedo
export GOFLAGS += -tags=$(FYNE_TAGS)

.PHONY: run test deps test-deps build lint unit race bench fmt screenshots

## run: open RigShift on this machine's GPUs (ARGS="--simulate 4" for a simulated rig)
run: deps
	$(GO) run -ldflags "$(LDFLAGS)" . $(ARGS)

## test: formatting, vet, staticcheck, unit tests, race tests
test: test-deps lint unit race cross
	@echo "make test: all checks passed"

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test
	@mkdir -p -m 0700 $(XDG_RUNTIME_DIR)

## build: the rigshift binary in the repository root
build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o rigshift .

lint:
	@echo "==> gofmt"
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "not gofmt-clean:"; echo "$$out"; exit 1; fi
	@echo "==> go vet"
	@$(GO) vet $(PKGS)
	@echo "==> staticcheck"
	@$(GO) tool staticcheck $(PKGS)

unit:
	@echo "==> go test"
	$(GO) test -count=1 $(PKGS)

race:
	@echo "==> go test -race"
	$(GO) test -count=1 -race $(RACE_PKGS)

## bench: every benchmark, and the 60-second headless footprint
bench: build
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	./rigshift monitor --simulate 8 --for 60s --quiet --stats

fmt:
	gofmt -w .

## screenshots: every screen, rendered under Xvfb into docs/screenshots/
screenshots: test-deps
	scripts/screenshots.sh

## footprint: the window's CPU and memory against a hello-world Fyne window, under Xvfb (60 s;
## ROUNDS=5 measures five minutes back to back and prints the median)
ROUNDS ?= 1
footprint: test-deps
	scripts/footprint.sh 60 8 $(ROUNDS)

## footprint-noop: the same on Mesa's no-op driver: nothing drawn, what a GPU desktop would leave to the CPU
footprint-noop: test-deps
	GALLIUM_NOOP=1 scripts/footprint.sh 60 8 $(ROUNDS)

.PHONY: package package-test install uninstall cross footprint footprint-noop

## package: the Linux bundle dist/RigShift.tar.xz (binary, .desktop entry, icon) made with fyne package
package: deps
	@GO=$(GO) scripts/package.sh $(VERSION)

## package-test: make the bundle and check it (contents, desktop-file-validate, install); a cold first build takes minutes
package-test: test-deps package
	@scripts/package-test.sh dist/RigShift.tar.xz $(VERSION)

## install: install the bundle for the current user (~/.local/bin, the applications menu, the icon)
install: package
	@scripts/install.sh dist/RigShift.tar.xz

## uninstall: remove what install put in place (the history stays)
uninstall:
	@scripts/install.sh --uninstall

## cross: go vet for Windows and macOS of every package that builds without cgo
cross:
	@GO=$(GO) scripts/cross.sh
