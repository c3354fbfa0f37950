#!/usr/bin/env bash
# The pre-commit framework's `language: swift` hook from .pre-commit-hooks.yaml, for real:
# pre-commit builds this package with `swift build -c release` in its cache (minutes the first
# time, cached afterwards), then `pre-commit try-repo` blocks a staged leak and passes a clean
# change. The cheaper `language: system` variant is tested on every `swift test`
# (Tests/CLITests/HookCommandTests.swift). The first build takes 4 to 10 minutes on two cores, so
# it runs in CI (CI=true) and when CREDKIT_PRE_COMMIT_SWIFT=1; CREDKIT_PRE_COMMIT_SWIFT=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/../.."
wanted=${CREDKIT_PRE_COMMIT_SWIFT:-}
if [ -z "$wanted" ] && [ "${CI:-}" = true ]; then wanted=1; fi
if [ "$wanted" != 1 ]; then
  echo "pre-commit-swift: skipped (CI=true or CREDKIT_PRE_COMMIT_SWIFT=1 builds the hook in pre-commit's cache)"
  exit 0
fi
root=$PWD
work=$(mktemp -d /tmp/credkit-precommit-swift.XXXXXX)
trap 'rm -rf "$work"' EXIT
# A committed copy of the package as it is on disk: try-repo clones the hook repository.
mkdir -p "$work/hooks"
tar -C "$root" --exclude='./.build*' --exclude=./.git -cf - . | tar -C "$work/hooks" -xf -
git -c init.defaultBranch=main init -q "$work/hooks"
git -C "$work/hooks" add -A
git -C "$work/hooks" -c user.name=ci -c user.email=ci@example.invalid commit -q -m "hook under test" --allow-empty
git -c init.defaultBranch=main init -q "$work/target"
cd "$work/target"
git config user.name ci; git config user.email ci@example.invalid
export PRE_COMMIT_HOME=${PRE_COMMIT_HOME:-$HOME/.cache/credkit-pre-commit}
echo fine > ok.txt && git add ok.txt
pre-commit try-repo "$work/hooks" credkit-scan
# A generated key ID whose account decodes to 12 digits: one random body in eleven decodes to
# 13, which the scanner reports as a note ("impossible account") and does not block.
key="$(python3 -c '
import base64, secrets
while True:
    kid = "AKIA" + "".join(secrets.choice("ABCDEFGHKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    if (int.from_bytes(base64.b32decode(kid[4:])[0:6], "big") & 0x7fffffffff80) >> 7 < 10**12: break
print(kid)')"
echo "aws_access_key_id = $key" > leak.cfg && git add leak.cfg
if pre-commit try-repo "$work/hooks" credkit-scan > "$work/out.txt" 2>&1; then
  cat "$work/out.txt"; echo "pre-commit-swift: a staged key was not blocked" >&2; exit 1
fi
grep -q 'leak.cfg:1:21: aws-access-key-id' "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
echo "pre-commit-swift: language swift hook blocks a leak and passes a clean change"
