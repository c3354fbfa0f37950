#!/usr/bin/env bash
# Secret scanning speed against peers measured in the same run:
#   1. a source tree of at least 150 MB with planted keys: credkit scan vs rg (plain key-ID
#      regex) and vs git secrets --scan -r;
#   2. a history of at least 10,000 commits: credkit scan --history vs git secrets
#      --scan-history and vs the bare cost of git log -p -U0 --all; botocore's real history
#      (16,491 commits) too when a clone is at ${BENCH_BOTOCORE:-/tmp/botocore-clone}, with peak memory;
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

# User and system CPU seconds of a command, each the least of RUNS runs ("0.41 s / 0.09 s").
cpu() {
  local user="" system="" u s
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" "$@" >/dev/null 2>&1 || true
    read -r u s < <(tail -1 "$WORK/cpu.txt")
    if [ -z "$user" ] || awk -v a="$u" -v b="$user" 'BEGIN { exit !(a < b) }'; then user=$u; fi
    if [ -z "$system" ] || awk -v a="$s" -v b="$system" 'BEGIN { exit !(a < b) }'; then system=$s; fi
  done
  echo "${user} s / ${system} s"
}

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
echo "tree  cpu user/system: credkit $(cpu "$CREDKIT" scan "$TREE"), rg $(cpu rg --hidden --no-ignore -e "$KEY_REGEX" "$TREE")"

# Decoders (Base64, percent, escapes) are on in the figures above; their cost:
t_plain=$(timed "$CREDKIT" scan --no-decode "$TREE")
echo "tree  credkit --no-decode     ${t_plain} s   decoders cost $(awk -v a="$t_credkit" -v b="$t_plain" 'BEGIN { printf "%.2f", a / b }')x"

# --- 1b. botocore's tree (a real project: JSON models, Python, a few binaries and a .gz) -------
# /tmp/botocore, a checkout without .git (BOTOCORE_TREE to point elsewhere); read, never written.
BOTO=${BOTOCORE_TREE:-/tmp/botocore}
if [ -d "$BOTO" ]; then
  cat $(find "$BOTO" -type f) >/dev/null 2>&1 || true
  b_files=$(find "$BOTO" -type f | wc -l)
  b_size=$(du -sm "$BOTO" | cut -f1)
  b_found=$("$CREDKIT" scan --no-ignore --format json "$BOTO" 2>/dev/null | grep -c '"rule":' || true)
  t_b_credkit=$(timed "$CREDKIT" scan --no-ignore "$BOTO")
  t_b_rg=$(timed rg --hidden --no-ignore -e "$KEY_REGEX" "$BOTO")
  echo "botocore: ${b_size} MB in ${b_files} files; credkit reports ${b_found} findings (goal 0: no false alarms)"
  echo "botocore  credkit scan --no-ignore  ${t_b_credkit} s"
  echo "botocore  rg key-ID regex           ${t_b_rg} s   credkit/rg = $(awk -v a="$t_b_credkit" -v b="$t_b_rg" 'BEGIN { printf "%.2f", a / b }') (goal <= 1.5)"
  echo "botocore  cpu user/system: credkit $(cpu "$CREDKIT" scan --no-ignore "$BOTO"), rg $(cpu rg --hidden --no-ignore -e "$KEY_REGEX" "$BOTO")"
else
  echo "botocore: $BOTO is missing; its figures are not measured"
fi
# The fixed cost of a run (process start, argument parsing) is part of every figure above.
mkdir -p "$WORK/empty"
t_start_credkit=$(timed "$CREDKIT" scan "$WORK/empty")
t_start_rg=$(timed rg --hidden --no-ignore -e "$KEY_REGEX" "$WORK/empty")
echo "start credkit scan of an empty folder $(ms "$t_start_credkit") ms, rg $(ms "$t_start_rg") ms"

# --- 2. A history ---------------------------------------------------------------------------
REPO="$WORK/history"
COMMITS=${BENCH_COMMITS:-10000}
if [ ! -f "$REPO/.git/credkit-complete" ]; then
  echo "generating a history of $COMMITS commits in $REPO ..." >&2
  rm -rf "$REPO"; git -c init.defaultBranch=main init -q "$REPO"
  python3 - "$COMMITS" "$PWD" <<'PY' | git -C "$REPO" fast-import --quiet
import base64, os, random, secrets, string, sys
commits, root = int(sys.argv[1]), sys.argv[2]
random.seed(4)
sources = []
for d, _, fs in os.walk(os.path.join(root, "Sources")):
    sources += [os.path.join(d, f) for f in fs if f.endswith(".swift")]
for d, _, fs in os.walk("/opt/swift/usr/lib/swift/linux/Foundation.swiftmodule"):
    sources += [os.path.join(d, f) for f in fs if f.endswith(".swiftinterface")]
pool = []
for path in sources:
    pool += open(path, encoding="utf-8", errors="replace").read().split("\n")
b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"; b64 = string.ascii_letters + string.digits + "+/"
files = {f"src/module{i % 12}/file{i}.swift": random.sample(pool, 120) for i in range(300)}
out = sys.stdout.buffer
def blob(lines):
    data = ("\n".join(lines) + "\n").encode()
    return b"data %d\n" % len(data) + data
for n in range(1, commits + 1):
    branch = "main" if n % 50 else "side%d" % (n // 500)
    name = random.choice(list(files))
    lines = files[name]
    at = random.randrange(len(lines))
    lines[at:at + random.randint(0, 3)] = random.sample(pool, random.randint(1, 6))
    if n % 500 == 7:   # a leak, removed again 3 commits later
        while True:  # a 12-digit account, as above
            kid = "AKIA" + secrets.choice("ABCDEFGHKLMNOPQRSTUVWXYZ") + "".join(secrets.choice(b32) for _ in range(15))
            if (int.from_bytes(base64.b32decode(kid[4:])[0:6], "big") & 0x7fffffffff80) >> 7 < 10**12: break
        lines.insert(at, f'let accessKey = "{kid}"')
    if n % 500 == 10:
        files[name] = lines = [l for l in lines if "accessKey" not in l]
    out.write(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), n))
    out.write(b"author Dev %d <dev%d@example.invalid> %d +0000\n" % (n % 7, n % 7, 1_600_000_000 + n * 60))
    out.write(b"committer Dev <dev@example.invalid> %d +0000\n" % (1_600_000_000 + n * 60))
    out.write(b"data 12\nchange %05d\n" % (n % 100000))
    if n > 1:
        out.write(b"from :%d\n" % (n - 1))
    out.write(b"M 100644 inline %s\n" % name.encode() + blob(lines))
PY
  git -C "$REPO" checkout -q -f main
  touch "$REPO/.git/credkit-complete"
fi
commits=$(git -C "$REPO" rev-list --all | wc -l)
leaks=$(cd "$REPO" && "$CREDKIT" scan --history --format json 2>/dev/null | grep -c '"commit"' || true)
echo "history: ${commits} commits; credkit reports ${leaks} added keys (planted: $((COMMITS / 500)))"
t_h_credkit=$(cd "$REPO" && timed "$CREDKIT" scan --history)
t_h_git=$(cd "$REPO" && timed git log -p -U0 --all)
t_h_gs=$(cd "$REPO" && timed gs --scan-history)
echo "history  credkit scan --history        ${t_h_credkit} s"
echo "history  git log -p -U0 --all (bare)   ${t_h_git} s   credkit/git = $(awk -v a="$t_h_credkit" -v b="$t_h_git" 'BEGIN { printf "%.2f", a / b }') (goal < 1)"
echo "history  git secrets --scan-history    ${t_h_gs} s   credkit is $(ratio "$t_h_credkit" "$t_h_gs")x faster (goal: well over 1)"

# --- 2b. botocore's real history, when a clone is present ----------------------------------------
# 16,491 commits on all refs with merges; one run each (minutes), peak memory beside wall time.
# /usr/bin/time reports the largest resident size among credkit and the git processes it waited for.
BOTOCORE=${BENCH_BOTOCORE:-/tmp/botocore-clone}
if [ -d "$BOTOCORE/.git" ] || [ -f "$BOTOCORE/HEAD" ]; then
  peak() { # wall seconds and peak RSS in MB of one run of a command (status 0 or 1)
    local out status
    out=$(mktemp)
    set +e; /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1; status=$?; set -e
    if [ "$status" -gt 1 ]; then echo "bench/scan.sh: '$*' failed with status $status" >&2; exit 2; fi
    tail -n 1 "$out" | awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'; rm -f "$out"
  }
  b_commits=$(git -C "$BOTOCORE" rev-list --all | wc -l)
  findings="$WORK/botocore-findings.json"
  read -r b_credkit b_rss < <(cd "$BOTOCORE" && peak sh -c '"$0" scan --history --format json > "$1"' "$CREDKIT" "$findings")
  b_found=$(grep -c '"commit"' "$findings" || true)
  read -r b_git b_git_rss < <(cd "$BOTOCORE" && peak git log -p -U0 --all)
  read -r b_gs b_gs_rss < <(cd "$BOTOCORE" && peak env HOME="$GIT_SECRETS_HOME" git secrets --scan-history)
  # The two expected: AWS's SNS documentation sample key ID (AKIAJ...URNA, a legacy ID), added to two paths.
  echo "botocore history: ${b_commits} commits, all refs; credkit reports ${b_found} findings (expected 2: one documentation key ID in two paths)"
  echo "botocore credkit scan --history        ${b_credkit} s  peak ${b_rss} MB (goal < 200 MB)"
  echo "botocore git log -p -U0 --all (bare)   ${b_git} s  peak ${b_git_rss} MB   credkit is $(ratio "$b_credkit" "$b_git")x faster (goal > 1)"
  echo "botocore git secrets --scan-history    ${b_gs} s  peak ${b_gs_rss} MB   credkit is $(ratio "$b_credkit" "$b_gs")x faster"
else
  echo "botocore history: no clone at $BOTOCORE (BENCH_BOTOCORE=DIR names one); skipped"
fi

# --- 3. A staged change in a large repository -----------------------------------------------
BIG="$WORK/staged"
if [ ! -f "$BIG/.git/credkit-complete" ]; then
  echo "committing the tree corpus as a large repository in $BIG ..." >&2
  rm -rf "$BIG"; git -c init.defaultBranch=main init -q "$BIG"
  cp -a "$TREE/." "$BIG/"; rm -f "$BIG/.complete"
  git -C "$BIG" add -A
  git -C "$BIG" -c user.name=bench -c user.email=bench@example.invalid commit -q -m corpus
  touch "$BIG/.git/credkit-complete"
fi
git -C "$BIG" reset -q --hard
for f in $(git -C "$BIG" ls-files '*.swift' | awk 'NR % 500 == 1' | head -10); do
  printf '\n// a change\nlet value = %d\n' "$RANDOM" >> "$BIG/$f"
done
git -C "$BIG" add -u
t_s_credkit=$(cd "$BIG" && timed "$CREDKIT" scan --staged)
t_s_diff=$(cd "$BIG" && timed git diff --cached -U0)
t_s_gs=$(cd "$BIG" && timed gs --pre_commit_hook)
echo "staged   $(git -C "$BIG" ls-files | wc -l) tracked files, 10 staged"
echo "staged   credkit scan --staged         $(ms "$t_s_credkit") ms (goal < 100 ms)"
echo "staged   git diff --cached -U0 (bare)  $(ms "$t_s_diff") ms"
echo "staged   git secrets --pre_commit_hook $(ms "$t_s_gs") ms   credkit is $(ratio "$t_s_credkit" "$t_s_gs")x faster"
git -C "$BIG" reset -q --hard
