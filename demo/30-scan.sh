#!/usr/bin/env bash
# credkit scan: leaked AWS keys in a small sample tree (demo/samples/scan, keys generated for
# the demo, never real), the same as JSON, and the pre-commit hook refusing a leak.
set -euo pipefail
cd "$(dirname "$0")/.."
CREDKIT=$(realpath "${CREDKIT_BIN:-.build/release/credkit}")
work=$(mktemp -d /tmp/credkit-demo-scan.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A copy outside this repository, whose .credkit.toml allows the samples.
cp -r demo/samples/scan "$work/shop"
cd "$work"

echo "== credkit scan shop   (exit 1: findings; values redacted; EXAMPLE keys and the allowed line are not reported)"
"$CREDKIT" scan shop || echo "(exit $?)"

echo
echo "== credkit scan --format json shop/deploy/main.tf"
"$CREDKIT" scan --format json shop/deploy/main.tf || true

echo
echo "== informational unique IDs (a role's AROA... ID), enabled in a configuration file"
printf '[rules]\nenable = ["aws-unique-id"]\n' > unique-ids.toml
"$CREDKIT" scan --config unique-ids.toml shop/deploy || true

echo
echo "== a baseline accepts what is there; only new leaks count afterwards"
"$CREDKIT" scan --write-baseline baseline.json shop
"$CREDKIT" scan --baseline baseline.json shop && echo "(exit 0: nothing new)"

echo
echo "== the pre-commit hook blocks a commit that adds a key"
cd shop
git -c init.defaultBranch=main init -q && git config user.name demo && git config user.email demo@example.invalid
git add README.md && git commit -qm "docs" && echo "committed README.md (example keys only)"
"$CREDKIT" hook install
git add app/settings.py
git commit -qm "settings" || echo "(commit refused: exit $?)"
