#!/usr/bin/env bash
# TOTP throughput: credkit totp code --count 1000000 vs oathtool --totp -w 999999
# (the same 1,000,000 codes from the same secret and start time), in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${CREDKIT_BIN:-.build/release/credkit}
SEED=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ
HEX=3132333435363738393031323334353637383930
N=1000000
T=1700000000
seedfile=$(mktemp); trap 'rm -f "$seedfile"' EXIT
printf '%s\n' "$SEED" > "$seedfile"; chmod 600 "$seedfile"

ours() { "$BIN" totp code --secret-file "$seedfile" --time "$T" --count "$N"; }
peer() { oathtool --totp --now "@$T" -w $((N - 1)) "$HEX"; }

# Same output, or the comparison means nothing.
if [ "$(ours | sha256sum)" != "$(peer | sha256sum)" ]; then
  echo "bench/totp: credkit and oathtool disagree on the codes" >&2; exit 1
fi
t_ours=$(best_of 5 ours)
t_peer=$(best_of 3 peer)
rate() { awk -v n="$N" -v t="$1" 'BEGIN { printf "%.2f", n / t / 1e6 }'; }
echo "totp: $N codes  credkit ${t_ours}s ($(rate "$t_ours") M codes/s, all $(nproc) cores)  oathtool ${t_peer}s ($(rate "$t_peer") M codes/s)  credkit is $(ratio "$t_ours" "$t_peer")x oathtool's rate (goal >= 4x)"
# The same on one core, for a fair per-core comparison (oathtool is single-threaded).
if command -v taskset >/dev/null; then
  one_core() { taskset -c 0 "$BIN" totp code --secret-file "$seedfile" --time "$T" --count "$N"; }
  t_one=$(best_of 5 one_core)
  echo "totp: one core   credkit ${t_one}s ($(rate "$t_one") M codes/s)  credkit is $(ratio "$t_one" "$t_peer")x oathtool's rate per core"
fi
