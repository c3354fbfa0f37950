#!/usr/bin/env bash
# Packs a staged `make install-files PREFIX=/credkit-VERSION` tree as a reproducible tarball laid
# out like a prefix: `tar -xzf FILE -C /usr/local --strip-components=1` installs it.
# share/doc/credkit/SHA256SUMS lists every other file in it.
# Usage: packaging/build-tarball.sh STAGE_PARENT TOP_FOLDER OUTPUT.tar.gz
set -euo pipefail
parent=$1 top=$2 output=$3
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
(cd "$parent/$top" && find . -type f ! -path ./share/doc/credkit/SHA256SUMS -printf '%P\n' | LC_ALL=C sort \
  | xargs sha256sum > share/doc/credkit/SHA256SUMS)
mkdir -p "$(dirname "$output")"
tar -C "$parent" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$top" | gzip -9n > "$output"
echo "build-tarball: $output ($(du -h "$output" | cut -f1))"
