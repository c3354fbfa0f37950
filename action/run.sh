#!/usr/bin/env bash
# The action's last step: `credkit COMMAND ARGS`, its exit status passed through and set as the
# exit-code output. ARGS are split as a shell would (quotes honoured) but never evaluated, so
# nothing in them runs. credkit itself appends to $GITHUB_STEP_SUMMARY (--format github).
set -uo pipefail
command=${CREDKIT_COMMAND:-scan}
case "$command" in
  scan | keys | audit) ;;
  *) echo "::error::credkit action: command must be scan, keys or audit, not '$command'"; exit 2 ;;
esac
args=()
if [ -n "${CREDKIT_ARGS:-}" ]; then
  split=$(printf '%s' "$CREDKIT_ARGS" | xargs -r -n1 printf '%s\n') \
    || { echo "::error::credkit action: cannot split args (unbalanced quotes?)"; exit 2; }
  mapfile -t args <<< "$split"
fi
if [ -n "${CREDKIT_OUTPUT:-}" ]; then
  credkit "$command" "${args[@]}" > "$CREDKIT_OUTPUT"
else
  credkit "$command" "${args[@]}"
fi
status=$?
[ -z "${GITHUB_OUTPUT:-}" ] || echo "exit-code=$status" >> "$GITHUB_OUTPUT"
exit "$status"
