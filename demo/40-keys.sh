#!/usr/bin/env bash
# Demo: access-key age and rotation from an IAM credential report (offline, clock pinned),
# the new-account checklist and the five-item security status, JSON for scripts, GitHub annotations, and the same checks
# live against a local moto server when moto is installed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${CREDKIT_BIN:-.build/release/credkit}
S=demo/samples/aws
NOW=2025-06-01T00:00:00Z
work=$(mktemp -d)
moto_pid=""
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== A credential report with a root row, checked as of $NOW (exemptions listed, never hidden)"
"$BIN" keys --report "$S/credential-report.csv" --now "$NOW" --exemptions "$S/exemptions.json"
echo "   exit status $? (1: errors or worse)"

echo
echo "== Only what is critical fails the run with --fail-on critical; base64 on stdin works too"
base64 < "$S/credential-report.csv" | "$BIN" keys --report - --now "$NOW" --fail-on critical --format json \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["summary"]); print(json.dumps(d["findings"][0]))'

echo
echo "== The new-account checklist (N of 8), from the report and the password policy file; items without input are unknown"
"$BIN" audit --report "$S/credential-report.csv" --password-policy "$S/password-policy.json" --now "$NOW" | head -n 18
echo "   ..."
echo "== The IAM console's five-item security status (--panel), item 5 judged against CIS"
"$BIN" audit --report "$S/credential-report.csv" --password-policy "$S/password-policy.json" --now "$NOW" --panel | head -n 6

echo
echo "== GitHub Actions annotations (plus a Markdown summary appended to \$GITHUB_STEP_SUMMARY)"
GITHUB_STEP_SUMMARY="$work/summary.md" "$BIN" keys --report "$S/credential-report.csv" --now "$NOW" --format github | head -n 4
echo "   summary: $(head -n 1 "$work/summary.md")"

echo
echo "== A malformed report is an error naming line and column (exit 2)"
sed 's/2025-03-10T12:00:00+00:00/2025-03-10 noon/' "$S/credential-report.csv" | "$BIN" keys --report -
echo "   exit status $?"

if python3 -c 'import moto, flask' 2>/dev/null; then
  echo
  echo "== Live: moto on 127.0.0.1 with signature checking on"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m moto.server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 & moto_pid=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/moto-api/data.json" >/dev/null 2>&1 && break; sleep 0.2; done
  python3 - "http://127.0.0.1:$port" "$work" <<'PY'
import json, sys, botocore.session
endpoint, work = sys.argv[1], sys.argv[2]
iam = botocore.session.get_session().create_client("iam", region_name="us-east-1", endpoint_url=endpoint,
    aws_access_key_id="AKIAMOTOBOOTSTRAP000", aws_secret_access_key="bootstrap")
iam.create_user(UserName="auditor")
iam.put_user_policy(UserName="auditor", PolicyName="all", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
admin = iam.create_access_key(UserName="auditor")["AccessKey"]
iam.create_user(UserName="deploy-bot")
mine = iam.create_access_key(UserName="deploy-bot")["AccessKey"]
with open(f"{work}/credentials", "w") as f:
    f.write(f"[auditor]\naws_access_key_id = {admin['AccessKeyId']}\naws_secret_access_key = {admin['SecretAccessKey']}\n")
    f.write(f"[deploy]\naws_access_key_id = {mine['AccessKeyId']}\naws_secret_access_key = {mine['SecretAccessKey']}\n")
PY
  curl -fs -X POST -H 'Content-Type: text/plain' --data 0 "http://127.0.0.1:$port/moto-api/reset-auth" >/dev/null
  later=$(date -u -d '+85 days' +%Y-%m-%dT%H:%M:%SZ)
  echo "-- credkit keys --live --profile auditor --credentials-file (as of $later: keys are due soon)"
  AWS_SHARED_CREDENTIALS_FILE="$work/credentials" AWS_CONFIG_FILE=/dev/null \
    "$BIN" keys --live --profile auditor --endpoint-url "http://127.0.0.1:$port" --credentials-file "$work/credentials" --now "$later"
  echo "   exit status $?"
  echo "-- the same with a wrong secret: AWS (moto) rejects the signature, exit 2"
  sed 's/\(aws_secret_access_key = \).*/\1not-the-secret/' "$work/credentials" > "$work/wrong"
  AWS_SHARED_CREDENTIALS_FILE="$work/wrong" AWS_CONFIG_FILE=/dev/null \
    "$BIN" keys --live --profile auditor --endpoint-url "http://127.0.0.1:$port"
  echo "   exit status $?"
fi
