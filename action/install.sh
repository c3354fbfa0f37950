#!/usr/bin/env bash
# The action's install step. In order: a credkit of the wanted version already on PATH; the
# release package (credkit_VERSION_ARCH.deb of this action's repository, installed by apt so
# its libraries come along); a binary built earlier (the cache step restores
# ~/.cache/credkit-action); else a build from this action's source with the Swift toolchain
# that GitHub's Ubuntu runners carry. Sets the output installed-from.
# --identify prints the source's version and a hash of it (for the cache key) and exits.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
source_version=$(sed -n 's/^ *static let current = "\([^"]*\)".*/\1/p' "$here/Sources/credkit/Credkit.swift")
output() { echo "$1" >> "${GITHUB_OUTPUT:-/dev/null}"; echo "credkit action: $1"; }

if [ "${1:-}" = --identify ]; then
  hash=$(cd "$here" && find Package.swift Sources -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  output "version=$source_version"
  output "hash=$hash"
  exit 0
fi

version=${CREDKIT_VERSION:-$source_version}
version=${version#v}
cache=${CREDKIT_ACTION_CACHE:-$HOME/.cache/credkit-action}
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
use_path() { echo "$1" >> "${GITHUB_PATH:-/dev/null}"; export PATH="$1:$PATH"; }

if [ "$(credkit version 2>/dev/null || true)" = "$version" ]; then
  output "installed-from=path"; exit 0
fi

arch=$(dpkg --print-architecture 2>/dev/null || true)
if [ -n "$arch" ] && [ -n "${GITHUB_ACTION_REPOSITORY:-}" ] && command -v gh > /dev/null; then
  work=$(mktemp -d)
  if gh release download "v$version" --repo "$GITHUB_ACTION_REPOSITORY" --pattern "credkit_${version}_$arch.deb" \
       --pattern SHA256SUMS --dir "$work" 2> "$work/gh.err" \
     && (cd "$work" && sha256sum --check --ignore-missing SHA256SUMS) \
     && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$work/credkit_${version}_$arch.deb"; then
    output "installed-from=package"; exit 0
  fi
  echo "credkit action: no release package v$version that installs here ($(head -c 300 "$work/gh.err")); building from source"
fi

if [ "$("$cache/bin/credkit" version 2>/dev/null || true)" = "$version" ]; then
  use_path "$cache/bin"; output "installed-from=cache"; exit 0
fi
if [ "$version" != "$source_version" ]; then
  echo "::error::credkit action: no release v$version and this action's source is $source_version; use the action at the tag v$version"
  exit 2
fi
# The build's C libraries (as .ci/apt-packages lists them under Build).
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  libssl-dev libqrencode-dev libpng-dev libzxcvbn-dev pkg-config > /dev/null
(cd "$here" && swift build -c release --static-swift-stdlib --product credkit)
mkdir -p "$cache/bin"
install -m 0755 "$here/.build/release/credkit" "$cache/bin/credkit"
use_path "$cache/bin"
output "installed-from=source"
