#!/usr/bin/env bash
# action.yml and examples/github-actions/*.yml: validated against SchemaStore's schemas and run
# here against moto (.ci/checks/github_actions.py says how).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 .ci/checks/github_actions.py
