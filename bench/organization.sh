#!/usr/bin/env bash
# Many accounts: credkit keys --live --organization-role over an organization of $ACCOUNTS member
# accounts (moto on loopback, $USERS users with a key each per account), checked 8 accounts at a
# time (the default) against the same run one account at a time (--concurrency 1), and against the
# AWS CLI doing a fraction of the work the way a shell loop would: per account, assume the role,
# generate and fetch the credential report, list the users. The credential report is generated
# asynchronously (seconds on AWS, a poll in moto), and every call crosses the network: a loopback
# proxy adds $LATENCY_MS ms to each request, as a runner far from the AWS endpoint sees (0 for
# moto alone, where its one Python process is the bottleneck and concurrency cannot help).
set -euo pipefail
unset AWS_PROFILE AWS_SESSION_TOKEN
cd "$(dirname "$0")/.."
. bench/lib.sh
BIN=$(realpath "${CREDKIT_BIN:-.build/release/credkit}")
ACCOUNTS=${ACCOUNTS:-12}
USERS=${USERS:-5}
RUNS=${RUNS:-1}
LATENCY_MS=${LATENCY_MS:-50}
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
python3 -c 'import sys; sys.argv = ["moto_server", "-H", "127.0.0.1", "-p", sys.argv[1]]; import runpy; runpy.run_module("moto.server", run_name="__main__")' \
  "$port" >/dev/null 2>&1 &
moto=$!
proxy_port=$(free_port)
python3 - "$proxy_port" "$port" "$LATENCY_MS" >/dev/null 2>&1 <<'PY' &
import http.client, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, upstream, delay = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(delay)
        connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
        connection.request(self.command, self.path, body, dict(self.headers))
        answer = connection.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    do_GET = do_POST = forward
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
proxy=$!
trap 'kill "$moto" "$proxy" 2>/dev/null; rm -rf "$work"' EXIT
export AWS_ACCESS_KEY_ID=AKIAMOTOBENCH0000000 AWS_SECRET_ACCESS_KEY=moto-bench-secret AWS_REGION=us-east-1 \
  AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_CONFIG_FILE=/dev/null \
  AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

python3 - "$ACCOUNTS" "$USERS" "$work/accounts" <<'PY'
import sys, time, boto3
accounts, users, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for _ in range(100):
    try:
        organizations = boto3.client("organizations")
        organizations.create_organization(FeatureSet="ALL")
        break
    except Exception:
        time.sleep(0.1)
ids = []
for n in range(accounts):
    account = organizations.create_account(Email=f"a{n}@corp.test", AccountName=f"account-{n}")["CreateAccountStatus"]["AccountId"]
    role = boto3.client("sts").assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                           RoleSessionName="bench")["Credentials"]
    iam = boto3.client("iam", aws_access_key_id=role["AccessKeyId"], aws_secret_access_key=role["SecretAccessKey"],
                       aws_session_token=role["SessionToken"])
    for u in range(users):
        iam.create_user(UserName=f"user-{u}")
        iam.create_access_key(UserName=f"user-{u}")
    ids.append(account)
open(out, "w").write("\n".join(ids) + "\n")
PY
export AWS_ENDPOINT_URL=http://127.0.0.1:$proxy_port   # the measured runs go through the latency proxy

credkit_org() { "$BIN" keys --live --organization-role OrganizationAccountAccessRole --format json "$@" > "$work/out.json" || [ $? -eq 1 ]; }
aws_loop() {
  while read -r account; do
    # shellcheck disable=SC2046
    read -r id secret token < <(aws sts assume-role --role-arn "arn:aws:iam::$account:role/OrganizationAccountAccessRole" \
      --role-session-name bench --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
    until AWS_ACCESS_KEY_ID=$id AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
      aws iam generate-credential-report --query State --output text | grep -qx COMPLETE; do sleep 2; done
    AWS_ACCESS_KEY_ID=$id AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws iam get-credential-report >/dev/null
    AWS_ACCESS_KEY_ID=$id AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws iam list-users >/dev/null
  done < "$work/accounts"
}

credkit_org
read=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["organization"]["read"])' "$work/out.json")
t_parallel=$(best_of "$RUNS" credkit_org)
t_serial=$(best_of "$RUNS" credkit_org --concurrency 1)
t_aws=$(best_of "$RUNS" aws_loop)
rss() { /usr/bin/time -f %M "$BIN" keys --live --organization-role OrganizationAccountAccessRole --format json "$@" 2>&1 >/dev/null | tail -1; }
m_parallel=$(rss); m_serial=$(rss --concurrency 1)
echo "organization: $ACCOUNTS member accounts + the management account ($read read), $USERS users each, moto + ${LATENCY_MS} ms per request, best of $RUNS"
echo "  credkit keys --organization-role, 8 at a time:  ${t_parallel}s, max RSS ${m_parallel} KB"
echo "  the same, --concurrency 1:                      ${t_serial}s, max RSS ${m_serial} KB  -> serial/parallel time ratio $(ratio "$t_parallel" "$t_serial")"
echo "  aws CLI loop (assume, report, list users only): ${t_aws}s  -> aws-loop/credkit time ratio $(ratio "$t_parallel" "$t_aws")"
