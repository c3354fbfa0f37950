#!/usr/bin/env bash
# The project scans itself clean: `credkit scan .` at the repository root must exit 0.
# Fixtures with planted keys are allowed by path in .credkit.toml, not by weaker rules.
set -euo pipefail
cd "$(dirname "$0")/../.."
CREDKIT=${CREDKIT_BIN:-.build/debug/credkit}
if "$CREDKIT" scan .; then
  echo "scan-self: clean"
else
  status=$?
  echo "scan-self: 'credkit scan .' exited $status: remove the key above, or if it is a generated fixture, allow its path in .credkit.toml" >&2
  exit "$status"
fi
