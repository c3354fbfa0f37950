# credkit: `make demo` shows the main jobs on built-in samples, `make test` runs every test.
# Both install what is missing first (.ci/install-deps: apt and pip, non-interactive).

SWIFT ?= swift
# The release binary carries the Swift runtime and Foundation inside it: a scan of a whole
# tree starts in ~11 ms instead of ~22 ms (bench/scan.sh prints the figure).
CONFIG_RELEASE = -c release --static-swift-stdlib
export CREDKIT_ROOT := $(CURDIR)
# No test may reach EC2's instance metadata at 169.254.169.254 (the last source of the AWS
# credential chain): only loopback. Tests of that source point it at a loopback server.
export AWS_EC2_METADATA_DISABLED := true

.PHONY: all deps build release test demo bench fuzz clean install install-files uninstall dist deb check-package

# The version is the one the binary prints (`credkit version`), read from its source.
VERSION := $(shell sed -n 's/^ *static let current = "\([^"]*\)".*/\1/p' Sources/credkit/Credkit.swift)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
RELEASE_BIN = .build/release/credkit
DIST = dist
DEB = $(DIST)/credkit_$(VERSION)_$(ARCH).deb
TARBALL = $(DIST)/credkit-$(VERSION)-linux-$(shell uname -m).tar.gz

# `make install` (PREFIX, DESTDIR as usual). zsh reads vendor-completions under /usr (Debian's
# fpath) and site-functions under other prefixes. Man pages are installed gzipped, as Debian does.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/credkit
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
MANPAGES = $(wildcard man/*.1)
INSTALLED = $(BINDIR)/credkit $(patsubst man/%,$(MANDIR)/man1/%.gz,$(MANPAGES)) \
  $(BASHCOMPDIR)/credkit $(ZSHCOMPDIR)/_credkit $(FISHCOMPDIR)/credkit.fish $(DOCDIR)/README.md $(DOCDIR)/LICENSE

all: build

deps:
	@.ci/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(CONFIG_RELEASE) --product credkit

# Unit, integration and CLI tests (Swift Testing), then the repository-level checks.
# Ends with check-package: the .deb installed by apt on a fresh Debian root.
test: deps
	$(SWIFT) build --build-tests
	CREDKIT_BIN=$(CURDIR)/.build/debug/credkit $(SWIFT) test --skip-build
	@set -e; for check in .ci/checks/*.sh; do \
	  [ -e "$$check" ] || continue; echo "== $$check"; CREDKIT_BIN=$(CURDIR)/.build/debug/credkit bash "$$check"; done
	$(MAKE) --no-print-directory check-package

# The release binary (stripped), man pages, completions generated from the argument parser, docs.
install: release
	@$(MAKE) --no-print-directory install-files

# install without building: CREDKIT_INSTALL_BIN names the binary to install.
CREDKIT_INSTALL_BIN ?= $(RELEASE_BIN)
install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 -s $(CREDKIT_INSTALL_BIN) $(DESTDIR)$(BINDIR)/credkit
	@set -e; for page in $(MANPAGES); do \
	  gzip -9n < $$page > $(DESTDIR)$(MANDIR)/man1/$${page#man/}.gz; chmod 0644 $(DESTDIR)$(MANDIR)/man1/$${page#man/}.gz; done
	$(CREDKIT_INSTALL_BIN) --generate-completion-script bash > $(DESTDIR)$(BASHCOMPDIR)/credkit
	$(CREDKIT_INSTALL_BIN) --generate-completion-script zsh > $(DESTDIR)$(ZSHCOMPDIR)/_credkit
	$(CREDKIT_INSTALL_BIN) --generate-completion-script fish > $(DESTDIR)$(FISHCOMPDIR)/credkit.fish
	install -m 0644 README.md LICENSE $(DESTDIR)$(DOCDIR)/
	chmod 0644 $(DESTDIR)$(BASHCOMPDIR)/credkit $(DESTDIR)$(ZSHCOMPDIR)/_credkit $(DESTDIR)$(FISHCOMPDIR)/credkit.fish

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

# dist/: the .deb, a tarball laid out as a prefix, and SHA256SUMS of both.
dist: deb
	rm -rf $(DIST)/tar && umask 022 && $(MAKE) --no-print-directory install-files DESTDIR=$(CURDIR)/$(DIST)/tar PREFIX=/credkit-$(VERSION)
	packaging/build-tarball.sh $(DIST)/tar credkit-$(VERSION) $(TARBALL)
	rm -rf $(DIST)/tar
	cd $(DIST) && sha256sum $(notdir $(DEB)) $(notdir $(TARBALL)) > SHA256SUMS && cat SHA256SUMS

deb: release
	rm -rf $(DIST)/deb && umask 022 && $(MAKE) --no-print-directory install-files DESTDIR=$(CURDIR)/$(DIST)/deb PREFIX=/usr
	packaging/build-deb.sh $(DIST)/deb $(VERSION) $(DEB)
	rm -rf $(DIST)/deb

# On a fresh Debian 12 root (debootstrap, cached in .build/check-package): apt-get install the
# .deb, then run credkit, a scan, totp code and man inside it. Needs root and the Debian mirror.
check-package: deb
	packaging/check-package.sh $(DEB)
	@set -e; stage=$$(mktemp -d); trap 'rm -rf "$$stage"' EXIT; \
	  $(MAKE) --no-print-directory -s install-files DESTDIR=$$stage PREFIX=/usr/local > /dev/null; \
	  installed=$$(find $$stage -type f | wc -l); \
	  $(MAKE) --no-print-directory -s uninstall DESTDIR=$$stage PREFIX=/usr/local > /dev/null; \
	  left=$$(find $$stage -type f | wc -l); \
	  [ "$$installed" -ge 17 ] && [ "$$left" -eq 0 ] || { echo "check-package: make install/uninstall DESTDIR: $$installed installed, $$left left"; exit 1; }; \
	  echo "check-package: make install DESTDIR=... put $$installed files in place; make uninstall removed them all"

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
	rm -rf .build .build-fuzz $(DIST)
