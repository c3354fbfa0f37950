#!/usr/bin/env bash
# Runs the README's console and sh examples in order (.ci/checks/readme_examples.py says how).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 .ci/checks/readme_examples.py
