#!/usr/bin/env bash
# Secret scanning speed against peers measured in the same run:
#   1. a source tree of at least 150 MB with planted keys: credkit scan vs rg (plain key-ID
#      regex) and vs git secrets --scan -r;
#   2. a history of at least 10,000 commits: credkit scan --history vs git secrets
#      --scan-history and vs the bare cost of git log -p -U0 --all;
#   3. a staged 10-file change in a large repository: credkit scan --staged, in milliseconds.
# Corpora are generated under ${BENCH_DIR:-/tmp/credkit-bench-scan} (reused when present).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CREDKIT=${CREDKIT_BIN:-.build/release/credkit}
CREDKIT=$(realpath "$CREDKIT")
WORK=${BENCH_DIR:-/tmp/credkit-bench-scan}
RUNS=${BENCH_RUNS:-5}
KEY_REGEX='(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}'
for tool in rg git-secrets git python3; do
  command -v "$tool" >/dev/null || { echo "bench/scan.sh: $tool is missing (make deps installs it)" >&2; exit 2; }
done
mkdir -p "$WORK"
# git secrets reads its patterns from a private global configuration.
export GIT_SECRETS_HOME="$WORK/home"
mkdir -p "$GIT_SECRETS_HOME"
gs() { HOME="$GIT_SECRETS_HOME" git secrets "$@"; }
[ -n "$(HOME="$GIT_SECRETS_HOME" git config --global --get-all secrets.patterns || true)" ] || gs --register-aws --global >/dev/null

# Best-of-N wall time of a command whose exit status must be 0 or 1 (1 = found something).
timed() {
  local best="" start end elapsed status
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    set +e; "$@" >/dev/null 2>&1; status=$?; set -e
    end=$(date +%s%N)
    if [ "$status" -gt 1 ]; then echo "bench/scan.sh: '$*' failed with status $status" >&2; exit 2; fi
    elapsed=$(( end - start ))
    if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
  done
  awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

# --- 1. A tree ------------------------------------------------------------------------------
TREE="$WORK/tree"
if [ ! -f "$TREE/.complete" ]; then
  echo "generating the tree corpus in $TREE ..." >&2
  rm -rf "$TREE"; mkdir -p "$TREE"
  copy=0
  copy_sources() { # copy text sources of $1 into $TREE/copy-N
    local target="$TREE/copy-$copy"; copy=$((copy + 1))
    (cd "$1" && find . -type f \( -name '*.swift' -o -name '*.swiftinterface' -o -name '*.h' -o -name '*.c' \
      -o -name '*.py' -o -name '*.md' -o -name '*.json' -o -name '*.txt' -o -name '*.toml' -o -name '*.sh' \) \
      -not -path './.build*' -not -path './Vectors/*' -not -path './demo/*' -print0 | tar --null -T - -cf -) | (mkdir -p "$target" && tar -C "$target" -xf -)
  }
  copy_sources /opt/swift
  copy_sources /opt/swift
  while [ "$(du -sm "$TREE" | cut -f1)" -lt 155 ]; do copy_sources "$PWD"; done
  # Plant 40 key pairs in random files, at random lines.
  python3 - "$TREE" <<'PY'
import base64, os, random, secrets, string, sys
root = sys.argv[1]
files = [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs]
b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; b64 = string.ascii_letters + string.digits + "+/"
for path in random.sample(files, 40):
    while True:  # a 12-digit account: one random body in eleven decodes to 13 digits (a note)
        kid = "AKIA" + secrets.choice("ABCDEFGHKLMNOPQRSTUVWXYZ234567") + "".join(secrets.choice(b32) for _ in range(15))
        if (int.from_bytes(base64.b32decode(kid[4:])[0:6], "big") & 0x7fffffffff80) >> 7 < 10**12: break
    key = "".join(secrets.choice(b64) for _ in range(40))
    lines = open(path, encoding="utf-8", errors="surrogateescape").read().split("\n")
    at = random.randrange(len(lines) + 1)
    lines[at:at] = [f"aws_access_key_id = {kid}", f"aws_secret_access_key = {key}"]
    open(path, "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))
PY
  touch "$TREE/.complete"
fi
size=$(du -sm --exclude=.complete "$TREE" | cut -f1)
files=$(find "$TREE" -type f | wc -l)
planted=$(rg --hidden --no-ignore -c -e "$KEY_REGEX" "$TREE" | awk -F: '{ s += $NF } END { print s }')
found=$("$CREDKIT" scan --format json "$TREE" 2>/dev/null | grep -c '"rule": "aws-access-key-id"' || true)
echo "tree: ${size} MB in ${files} files; 40 key pairs planted; rg matches ${planted} key-ID shapes (documentation EXAMPLE IDs included), credkit reports ${found} keys, each with its secret"
# Warm the page cache so every tool reads from memory.
cat $(find "$TREE" -type f) >/dev/null 2>&1 || true
t_credkit=$(timed "$CREDKIT" scan "$TREE")
t_rg=$(timed rg --hidden --no-ignore -e "$KEY_REGEX" "$TREE")
t_gs=$(timed gs --scan -r "$TREE")
echo "tree  credkit scan          ${t_credkit} s"
echo "tree  rg key-ID regex       ${t_rg} s   credkit/rg = $(awk -v a="$t_credkit" -v b="$t_rg" 'BEGIN { printf "%.2f", a / b }') (goal <= 1.5)"
echo "tree  git secrets --scan -r ${t_gs} s   credkit is $(ratio "$t_credkit" "$t_gs")x faster (goal > 1)"
# Decoders (Base64, percent, escapes) are on in the figures above; their cost, and botocore's
# tree (many Base64 blobs; read-only checkout at ${BOTOCORE_TREE:-/tmp/botocore}), where any
# finding is a false alarm.
t_plain=$(timed "$CREDKIT" scan --no-decode "$TREE")
echo "tree  credkit --no-decode     ${t_plain} s   decoders cost $(awk -v a="$t_credkit" -v b="$t_plain" 'BEGIN { printf "%.2f", a / b }')x"
BOTOCORE_TREE=${BOTOCORE_TREE:-/tmp/botocore}
if [ -d "$BOTOCORE_TREE" ]; then
  cat $(find "$BOTOCORE_TREE" -type f -not -path '*/.git/*') >/dev/null 2>&1 || true
  alarms=$("$CREDKIT" scan --no-ignore --format json "$BOTOCORE_TREE" 2>/dev/null | grep -c '"rule"' || true)
  t_b_credkit=$(timed "$CREDKIT" scan --no-ignore "$BOTOCORE_TREE")
  t_b_rg=$(timed rg --hidden --no-ignore -e "$KEY_REGEX" "$BOTOCORE_TREE")
  echo "botocore $(du -sm "$BOTOCORE_TREE" | cut -f1) MB: credkit ${t_b_credkit} s, ${alarms} findings (goal 0); rg key-ID regex ${t_b_rg} s   credkit/rg = $(awk -v a="$t_b_credkit" -v b="$t_b_rg" 'BEGIN { printf "%.2f", a / b }') (goal <= 1.5)"
else
  echo "botocore: no checkout at $BOTOCORE_TREE (set BOTOCORE_TREE); skipped"
fi
# The fixed cost of a run (process start, argument parsing) is part of every figure above.
mkdir -p "$WORK/empty"
t_start_credkit=$(timed "$CREDKIT" scan "$WORK/empty")
t_start_rg=$(timed rg --hidden --no-ignore -e "$KEY_REGEX" "$WORK/empty")
echo "start credkit scan of an empty folder $(ms "$t_start_credkit") ms, rg $(ms "$t_start_rg") ms"

