#!/usr/bin/env bash
# One account over the live IAM API: 1,000 users created in a local moto server, then
# credkit audit --live and keys --live (requests counted from the --verbose call log, wall
# seconds), beside boto3 listing the same per-user facts (users, keys, groups, attached and
# inline policies) the way a plain script does: ListUsers, then four calls per user, in order.
# Requests are what to compare across machines; seconds depend on moto and the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=$(realpath "${CREDKIT_BIN:-.build/release/credkit}")
USERS=${LIVE_USERS:-1000}
python3 -c 'import boto3, moto.server' 2>/dev/null || python3 -m pip install --quiet 'moto[server]' boto3
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m moto.server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=AKIAMOTOBENCH0000000 AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
       AWS_ENDPOINT_URL="$endpoint" HOME="$work"
unset AWS_PROFILE AWS_DEFAULT_PROFILE

python3 - "$endpoint" "$USERS" <<'PY'
import json, sys, time, urllib.request, boto3
from concurrent.futures import ThreadPoolExecutor
endpoint, users = sys.argv[1], int(sys.argv[2])
for _ in range(300):
    try:
        urllib.request.urlopen(endpoint + "/moto-api/data.json", timeout=2); break
    except Exception:
        time.sleep(0.1)
iam = boto3.client("iam", endpoint_url=endpoint)
policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})
for g in range(10):
    iam.create_group(GroupName=f"group-{g}")
managed = iam.create_policy(PolicyName="bench-read", PolicyDocument=policy)["Policy"]["Arn"]
def make(i):
    name = f"user-{i:04d}"
    iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": f"t{i % 7}"}])
    if i % 5: iam.create_access_key(UserName=name)
    if i % 2: iam.add_user_to_group(GroupName=f"group-{i % 10}", UserName=name)
    if i % 11 == 0: iam.attach_user_policy(UserName=name, PolicyArn=managed)
    if i % 13 == 0: iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=policy)
with ThreadPoolExecutor(8) as pool:
    list(pool.map(make, range(users)))
PY

cat > "$work/peer.py" <<'PY'
import sys, boto3
iam = boto3.client("iam", endpoint_url=sys.argv[1])
calls = 0
def count(**_):
    global calls
    calls += 1
iam.meta.events.register("before-send.iam.*", count)
users = [u["UserName"] for page in iam.get_paginator("list_users").paginate() for u in page["Users"]]
for name in users:
    iam.list_access_keys(UserName=name)
    iam.list_groups_for_user(UserName=name)
    iam.list_attached_user_policies(UserName=name)
    iam.list_user_policies(UserName=name)
print(calls)
PY

# seconds and request count of one credkit run (exit 1 = findings is a normal outcome)
measure() {
  local start end status=0
  start=$(date +%s%N)
  "$BIN" "$@" --live --verbose --format json >"$work/out.json" 2>"$work/err.log" || status=$?
  end=$(date +%s%N)
  [ "$status" -le 1 ] || { echo "bench/aws-live.sh: credkit $1 failed:" >&2; tail -5 "$work/err.log" >&2; exit 2; }
  printf '%s %s' "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')" "$(grep -c 'AWS call:' "$work/err.log")"
}
read -r audit_s audit_n <<<"$(measure audit)"
read -r keys_s keys_n <<<"$(measure keys)"
start=$(date +%s%N)
peer_n=$(python3 "$work/peer.py" "$endpoint")
end=$(date +%s%N)
peer_s=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')
echo "aws: one account with $USERS IAM users in moto (live IAM API over loopback)"
echo "  credkit audit --live: ${audit_s}s, $audit_n requests"
echo "  credkit keys --live:  ${keys_s}s, $keys_n requests"
echo "  boto3 per-user listing (ListUsers + 4 calls per user, sequential): ${peer_s}s, $peer_n requests  -> boto3/credkit keys time ratio $(ratio "$keys_s" "$peer_s")"
