# credkit: `make demo` shows the main jobs on built-in samples, `make test` runs every test.
# Both install what is missing first (.ci/install-deps: apt and pip, non-interactive).

SWIFT ?= swift
# The release binary carries the Swift runtime and Foundation inside it: a scan of a whole
# tree starts in ~11 ms instead of ~22 ms (bench/scan.sh prints the figure).
CONFIG_RELEASE = -c release --static-swift-stdlib
export CREDKIT_ROOT := $(CURDIR)

.PHONY: all deps build release test demo bench fuzz clean

all: build

deps:
	@.ci/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(CONFIG_RELEASE) --product credkit

# Unit, integration and CLI tests (Swift Testing), then the repository-level checks.
test: deps
	$(SWIFT) build --build-tests
	CREDKIT_BIN=$(CURDIR)/.build/debug/credkit $(SWIFT) test --skip-build
	@set -e; for check in .ci/checks/*.sh; do \
	  [ -e "$$check" ] || continue; echo "== $$check"; CREDKIT_BIN=$(CURDIR)/.build/debug/credkit bash "$$check"; done

# Each demo/NN-*.sh shows one capability with the release binary on bundled sample data.
demo: release
	@set -e; for part in demo/*.sh; do \
	  CREDKIT_BIN=$(CURDIR)/.build/release/credkit bash "$$part"; done

# Each bench/*.sh measures credkit against a peer in the same run and prints the ratio.
bench: release
	@set -e; for part in bench/*.sh; do \
	  CREDKIT_BIN=$(CURDIR)/.build/release/credkit bash "$$part"; done

# Each libFuzzer target (fuzz/README.md) for FUZZ_SECONDS, from its seeds in Vectors/fuzz/<target>/;
# new inputs go to .build-fuzz/corpus, crashes to .build-fuzz/artifacts. `make test` replays the
# committed corpora for a few seconds each (.ci/checks/fuzz-smoke.sh).
FUZZ_SECONDS ?= 60
fuzz: deps
	fuzz/run.sh fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz
