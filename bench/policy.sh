#!/usr/bin/env bash
# Breach-list lookups: credkit password check --breach-file (mmap + binary search, plus the policy
# check and a zxcvbn estimate for every password) against python3 doing only SHA-1 + binary search
# over the same mmap'd file, and look(1) (one process per lookup), on the same sorted
# 1,000,000-line HIBP-style list, in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=${CREDKIT_BIN:-.build/release/credkit}
ENTRIES=${ENTRIES:-1000000}
QUERIES=${QUERIES:-100000}
LOOK_QUERIES=${LOOK_QUERIES:-2000}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Random passwords; every 100th is put in the list, the rest are random hashes.
python3 - "$ENTRIES" "$QUERIES" "$work" <<'PY'
import hashlib, os, secrets, sys
entries, queries, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
passwords = [secrets.token_urlsafe(12) for _ in range(queries)]
listed = {hashlib.sha1(p.encode()).hexdigest().upper() for p in passwords[::100]}
hashes = set(listed)
while len(hashes) < entries:
    hashes.add(os.urandom(20).hex().upper())
with open(f"{work}/pwned.txt", "w") as f:
    for i, h in enumerate(sorted(hashes)):
        f.write(f"{h}:{i % 997 + 1}\r\n")
with open(f"{work}/passwords.txt", "w") as f:
    f.write("\n".join(passwords) + "\n")
with open(f"{work}/look-keys.txt", "w") as f:
    f.write("\n".join(hashlib.sha1(p.encode()).hexdigest().upper() for p in passwords) + "\n")
PY
head -n "$LOOK_QUERIES" "$work/look-keys.txt" > "$work/look-some.txt"

cat > "$work/bisect.py" <<'PY'
import hashlib, mmap, sys
with open(sys.argv[1], "rb") as f:
    data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
def lookup(target):
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", lo, mid) + 1 if mid > lo else lo
        if start < lo: start = lo
        end = data.find(b"\n", mid)
        if end < 0: end = len(data)
        key = data[start:start + 40]
        if key == target: return int(data[start + 41:end].rstrip(b"\r"))
        if key < target: lo = end + 1
        else: hi = start
    return None
hits = 0
for line in sys.stdin:
    if lookup(hashlib.sha1(line.rstrip("\n").encode()).hexdigest().upper().encode()) is not None: hits += 1
print(hits)
PY

ours() { "$BIN" password check --min-score 0 --breach-file "$work/pwned.txt" < "$work/passwords.txt" || [ $? -eq 1 ]; }
# The same passwords without a list: policy + zxcvbn only, to separate the lookups' share.
base() { "$BIN" password check --min-score 0 < "$work/passwords.txt" || [ $? -eq 1 ]; }
peer() { python3 "$work/bisect.py" "$work/pwned.txt" < "$work/passwords.txt"; }
looks() { while IFS= read -r key; do look "$key" "$work/pwned.txt" >/dev/null || true; done < "$work/look-some.txt"; }

# Same answers, or the comparison means nothing.
ours_hits=$(ours | grep -c "breached (seen" || true)
peer_hits=$(peer)
if [ "$ours_hits" != "$peer_hits" ] || [ "$ours_hits" -ne $(( (QUERIES + 99) / 100 )) ]; then
  echo "bench/policy: credkit found $ours_hits listed passwords, python3 $peer_hits, expected $(( (QUERIES + 99) / 100 ))" >&2; exit 1
fi
t_ours=$(best_of 3 ours)
t_base=$(best_of 3 base)
t_peer=$(best_of 3 peer)
t_look=$(best_of 1 looks)
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
t_lookups=$(awk -v a="$t_ours" -v b="$t_base" 'BEGIN { d = a - b; if (d < 0.0001) d = 0.0001; printf "%.4f", d }')
per_look=$(awk -v t="$t_look" -v n="$LOOK_QUERIES" 'BEGIN { print t / n }')
per_ours=$(awk -v t="$t_lookups" -v n="$QUERIES" 'BEGIN { print t / n }')
echo "policy: $QUERIES breach-list lookups in a $ENTRIES-line HIBP-style list:"
echo "  credkit password check  $(rate "$QUERIES" "$t_ours")/s whole check (policy + zxcvbn + SHA-1 + lookup), $(rate "$QUERIES" "$t_base")/s without the list"
echo "  credkit lookups alone   $(rate "$QUERIES" "$t_lookups")/s (time with the list minus time without)"
echo "  python3 mmap bisect     $(rate "$QUERIES" "$t_peer")/s (SHA-1 + lookup only)"
echo "  look(1)                 $(rate "$LOOK_QUERIES" "$t_look")/s (one process per lookup, $LOOK_QUERIES lookups)"
echo "  credkit lookups are $(ratio "$t_lookups" "$t_peer")x python3's rate and $(ratio "$per_ours" "$per_look")x look's; the whole check is $(ratio "$t_ours" "$t_peer")x python3's lookup-only rate"
